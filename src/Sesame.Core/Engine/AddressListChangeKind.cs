namespace Sesame.Engine;

/// <summary>What happened to an address-list entry.</summary>
public enum AddressListChangeKind
{
    /// <summary>A rule or a script created the entry.</summary>
    Added,

    /// <summary>A rule matched an existing dynamic entry and reset its timeout (ROUTEROS.md §3.4).</summary>
    Refreshed,

    /// <summary>The entry's timeout ran out and it was removed.</summary>
    Expired,

    /// <summary>A script removed the entry (<c>address-list remove</c>).</summary>
    Removed,

    /// <summary>A script changed the entry's timeout, comment or disabled flag in place (<c>address-list set</c>).</summary>
    Changed,
}
