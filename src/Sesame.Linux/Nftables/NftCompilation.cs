using Sesame.Diagnostics;

namespace Sesame.Linux.Nftables;

/// <summary>
/// The result of <see cref="NftCompiler.Compile"/>: the transaction that (re)creates <c>table inet sesame</c>, as data,
/// and what the compiler had to approximate or leave out.
/// </summary>
public sealed record NftCompilation(NftRuleset Ruleset, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The ruleset as an <c>nft -f</c> script (<see cref="NftTextWriter"/>), written anew on each call.</summary>
    /// <exception cref="NftException">A name, comment or prefix cannot be written as nft text; the message names it.</exception>
    public string Script => NftTextWriter.Write(Ruleset);

    /// <inheritdoc cref="NftRuleset.RecreatingSet"/>
    public NftRuleset RecreatingSet(string set) => Ruleset.RecreatingSet(set);
}
