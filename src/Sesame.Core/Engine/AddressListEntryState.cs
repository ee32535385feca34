using Sesame.Net;

namespace Sesame.Engine;

/// <summary>An address-list entry as it is now, as <c>/ip firewall address-list print</c> would show it.</summary>
/// <param name="Address">The address, or null for an entry given as a DNS name (which Sesame does not resolve).</param>
/// <param name="Remaining">Time left before the entry expires; null when it has no timeout.</param>
/// <param name="Dynamic">True for entries with a timeout, <c>dynamic=yes</c> entries and rule-created entries other than none-static.</param>
public sealed record AddressListEntryState(
    string List,
    IpFamily Family,
    IpRange? Address,
    string? DnsName,
    TimeSpan? Remaining,
    bool Dynamic,
    bool Disabled,
    string? Comment,
    DateTimeOffset CreationTime);
