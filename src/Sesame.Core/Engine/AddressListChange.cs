using Sesame.Net;

namespace Sesame.Engine;

/// <summary>One address-list change.</summary>
/// <param name="Timeout">The entry's timeout after an add, refresh or change; null when it has none (none-dynamic, none-static) and for expiry and removal.</param>
/// <param name="RuleIndex">Index in the family's filter list of the rule that caused the change, or -1 (expiry, script).</param>
public readonly record struct AddressListChange(
    AddressListChangeKind Kind,
    IpFamily Family,
    string List,
    IpRange Address,
    TimeSpan? Timeout,
    int RuleIndex)
{
    /// <summary>The script whose command made the change, or null (a rule, an expiry).</summary>
    public string? Script { get; init; }

    /// <summary>The entry's comment after the change (a script's <c>add … comment=</c>), or null.</summary>
    public string? Comment { get; init; }

    /// <summary>The entry's DNS name when it has one instead of an address (then <see cref="Address"/> is default).</summary>
    public string? DnsName { get; init; }

    /// <summary>Whether the entry is disabled after the change (a script's <c>disabled=yes</c>).</summary>
    public bool Disabled { get; init; }
}
