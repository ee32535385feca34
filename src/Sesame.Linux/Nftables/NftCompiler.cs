using Sesame.Model;

namespace Sesame.Linux.Nftables;

/// <summary>
/// Compiles the rule model into one nftables table that Sesame owns, <c>table inet sesame</c>. The kernel then does
/// what the engine (the reference semantics) does: the same chains, first match, the same address lists with the same
/// timeouts, refreshed the same way (ROUTEROS.md §2–§4).
/// </summary>
/// <remarks>
/// Pure: no I/O. The ruleset is data (<see cref="NftRuleset"/>) meant for one transaction: libnftables JSON through
/// <see cref="NftContext.Apply(NftCompilation)"/>, or the same as <c>nft -f</c> text (<see cref="NftCompilation.Script"/>). Applying
/// it again — a new configuration, or <c>serve</c> restarting — keeps what the kernel has learnt: chains are declared
/// and flushed (their rules replaced), while address-list sets are only declared with <c>add set</c>, which leaves an
/// existing set and its dynamic elements alone. <c>flush table</c> would have emptied the sets. Named counters are kept
/// too. Objects an earlier configuration had and this one has not stay in the table, unused.
/// </remarks>
public static class NftCompiler
{
    /// <exception cref="NftException">An interface name nftables' JSON would read as something else (a leading <c>@</c>).</exception>
    public static NftCompilation Compile(FirewallConfig config, NftCompilerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = new NftRulesetBuilder(config, options ?? NftCompilerOptions.Default);
        return builder.Build();
    }
}
