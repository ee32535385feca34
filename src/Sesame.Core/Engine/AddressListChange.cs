using Sesame.Net;

namespace Sesame.Engine;

/// <summary>One address-list change.</summary>
/// <param name="Timeout">The entry's timeout after an add or refresh; null when it has none (none-dynamic, none-static) and for expiry.</param>
/// <param name="RuleIndex">Index in the family's filter list of the rule that caused the change, or -1 (expiry).</param>
public readonly record struct AddressListChange(
    AddressListChangeKind Kind,
    IpFamily Family,
    string List,
    IpRange Address,
    TimeSpan? Timeout,
    int RuleIndex);
