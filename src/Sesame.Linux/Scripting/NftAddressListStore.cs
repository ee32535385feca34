using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Net;

namespace Sesame.Linux.Scripting;

/// <summary>
/// The host sets of the running <c>table inet sesame</c>: reads over raw netlink (<see cref="NftSetElements"/>: one
/// lookup per element, a dump per list), writes through libnftables JSON (<see cref="NftAddressListEditor"/>). Works in
/// the network namespace of the thread that created it; not thread-safe (one per script worker).
/// </summary>
internal sealed class NftAddressListStore : IAddressListStore, IDisposable
{
    /// <summary>The most elements read from one set: the compiler's default set size.</summary>
    public const int DumpLimit = 1 << 20;

    private readonly NftContext _nft;
    private readonly NftSetElements _elements = new();
    private readonly NftAddressListEditor _editor;
    private List<(IpFamily Family, string List)>? _lists;

    public NftAddressListStore(NftContext nft)
    {
        _nft = nft;
        _editor = new NftAddressListEditor(nft);
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

    public void Put(string list, IpRange address, TimeSpan? timeout, string? comment) => _editor.Add(list, address, timeout, comment);

    public bool Delete(string list, IpRange address)
    {
        try
        {
            _nft.Apply(new NftRuleset([NftCommand.Elements("delete", NftNames.HostSet(address.Family, list), [NftExpr.Address(address)])]));
            return true;
        }
        catch (NftException e) when (e.Error == NftError.NotFound)
        {
            return false;
        }
    }

    public void Move(string fromList, IpRange from, string list, IpRange address, TimeSpan? timeout, string? comment) =>
        _editor.Move(fromList, from, list, address, timeout, comment);

    public void Dispose() => _elements.Dispose();
}
