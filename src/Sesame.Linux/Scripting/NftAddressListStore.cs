using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Net;

namespace Sesame.Linux.Scripting;

/// <summary>
/// The host sets of the running <c>table inet sesame</c>: reads over raw netlink (<see cref="NftSetElements"/>: one
/// lookup per element, a dump per list), writes as nf_tables transactions over the same socket (what
/// <see cref="NftAddressListEditor"/> does through libnftables, at a tenth of its cost). Works in
/// the network namespace of the thread that created it; not thread-safe (one per script worker).
/// </summary>
internal sealed class NftAddressListStore : IAddressListStore, IDisposable
{
    /// <summary>The most elements read from one set: the compiler's default set size.</summary>
    public const int DumpLimit = 1 << 20;

    private readonly NftContext _nft;
    private readonly NftSetElements _elements = new();
    private List<(IpFamily Family, string List)>? _lists;

    public NftAddressListStore(NftContext nft)
    {
        _nft = nft;
    }

    /// <summary>Read once per store: sets change only when a configuration is applied.</summary>
    public IReadOnlyCollection<(IpFamily Family, string List)> Lists() => _lists ??= [.. _nft.ListAddressListSets()];

    /// <summary>Reads the lists afresh on next use (a store kept across runs).</summary>
    public void Forget() => _lists = null;

    public IReadOnlyList<(IpRange Address, NftElementState State)> Dump(IpFamily family, string list)
    {
        NftElementDump dump = _elements.Dump(NftNames.Table, NftNames.HostSet(family, list), DumpLimit);
        return dump.Elements;
    }

    public NftElementState? Get(IpFamily family, string list, IpRange address) =>
        _elements.Get(NftNames.Table, NftNames.HostSet(family, list), address);

    /// <summary>Add, delete, add in one transaction, as <see cref="NftAddressListEditor.Add"/> (a plain add keeps an element's old timeout).</summary>
    public void Put(string list, IpRange address, TimeSpan? timeout, string? comment)
    {
        string set = NftNames.HostSet(address.Family, list);
        Require(set, _elements.Write(NftNames.Table, NftElementWrite.Refreshing(set, address, timeout, comment)));
    }

    public bool Delete(string list, IpRange address)
    {
        string set = NftNames.HostSet(address.Family, list);
        int errno = _elements.Write(NftNames.Table, [new NftElementWrite(false, set, address)]);
        if (errno != 0 && NftErrno.Classify(errno) == NftError.NotFound)
        {
            return false; // the host checked that the set exists: the element is not there
        }

        Require(set, errno);
        return true;
    }

    public void Move(string fromList, IpRange from, string list, IpRange address, TimeSpan? timeout, string? comment)
    {
        string oldSet = NftNames.HostSet(from.Family, fromList);
        string set = NftNames.HostSet(address.Family, list);
        Require(set, _elements.Write(NftNames.Table,
            [new NftElementWrite(false, oldSet, from), .. NftElementWrite.Refreshing(set, address, timeout, comment)]));
    }

    private static void Require(string set, int errno)
    {
        if (errno != 0)
        {
            throw new NftException(NftSetElements.Refusal(set, errno), errno);
        }
    }

    public void Dispose() => _elements.Dispose();
}
