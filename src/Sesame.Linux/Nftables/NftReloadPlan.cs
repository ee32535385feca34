using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>What <see cref="NftReloadPlanner.Plan"/> made: the transaction, and what it removes or migrates.</summary>
/// <param name="Ruleset">The one transaction.</param>
/// <param name="DroppedSets">Sets it deletes (those the new ruleset does not declare).</param>
/// <param name="DroppedLists">Of those, the address lists whose host set goes, with its family.</param>
/// <param name="MigratedSets">Sets it deletes and declares anew with another definition, keeping an address list's entries.</param>
/// <param name="DroppedChains">Chains it flushes and deletes.</param>
internal sealed record NftReloadPlan(
    NftRuleset Ruleset,
    IReadOnlyList<string> DroppedSets,
    IReadOnlyList<(IpFamily Family, string List)> DroppedLists,
    IReadOnlyList<string> MigratedSets,
    IReadOnlyList<string> DroppedChains);
