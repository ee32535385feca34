namespace Sesame.RouterOS;

/// <summary>
/// One address-list entry as <c>print</c> shows it: the live view, with the remaining <paramref name="Timeout"/> and
/// the entry's creation time (ROUTEROS.md §3.1).
/// </summary>
public sealed record AddressListRow(
    string List,
    string Address,
    TimeSpan? Timeout,
    bool Dynamic,
    bool Disabled,
    string? Comment,
    DateTimeOffset? CreationTime);
