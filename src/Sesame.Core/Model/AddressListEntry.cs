using Sesame.Diagnostics;
using Sesame.Net;

namespace Sesame.Model;

/// <summary>
/// An entry of <c>/ip firewall address-list</c> as configured. <see cref="Address"/> is null when the value is a DNS
/// name (<see cref="DnsName"/>); Sesame does not resolve names, so such an entry matches nothing.
/// An entry with a <see cref="Timeout"/> or <see cref="Dynamic"/> set is dynamic and is not exported.
/// </summary>
public sealed record AddressListEntry
{
    public required string List { get; init; }

    public IpRange? Address { get; init; }

    public string? DnsName { get; init; }

    public TimeSpan? Timeout { get; init; }

    public bool Dynamic { get; init; }

    public bool Disabled { get; init; }

    public string? Comment { get; init; }

    public bool IsStatic => !Dynamic && Timeout is null;

    public SourceLocation Location { get; init; } = SourceLocation.None;

    public string AddressText => Address?.ToString() ?? DnsName ?? "";
}
