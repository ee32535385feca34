using Sesame.Linux.Netlink;
using Sesame.Net;

namespace Sesame.Linux.Scripting;

/// <summary>
/// The address lists a script host reads and writes: in <c>serve</c> and <c>sesame run</c> the host sets of
/// <c>table inet sesame</c> (<see cref="NftAddressListStore"/>), a dictionary in unit tests. Only host entries; a list's
/// static prefixes and ranges are the configuration's.
/// </summary>
internal interface IAddressListStore
{
    /// <summary>The lists the table has a host set for, with the family of each.</summary>
    IReadOnlyCollection<(IpFamily Family, string List)> Lists();

    /// <summary>Every element of the list's set in <paramref name="family"/>.</summary>
    IReadOnlyList<(IpRange Address, NftElementState State)> Dump(IpFamily family, string list);

    /// <summary>The element, or null when the set does not hold it (or its time is up).</summary>
    NftElementState? Get(IpFamily family, string list, IpRange address);

    /// <summary>Writes the element with this timeout and comment, replacing one that is there (one transaction).</summary>
    void Put(string list, IpRange address, TimeSpan? timeout, string? comment);

    /// <summary>Deletes the element; false when it was not there.</summary>
    bool Delete(string list, IpRange address);

    /// <summary>Deletes one element and writes another in one transaction.</summary>
    void Move(string fromList, IpRange from, string list, IpRange address, TimeSpan? timeout, string? comment);
}
