using Sesame.Diagnostics;

namespace Sesame.Linux.Nftables;

/// <summary>
/// The result of <see cref="NftCompiler.Compile"/>: an nft script for one <c>nft -f</c> or libnftables buffer that
/// (re)creates <c>table inet sesame</c>, and what the compiler had to approximate or leave out.
/// </summary>
public sealed record NftCompilation(string Script, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>
    /// The script, with <paramref name="set"/> deleted just before it is declared again: applied, it empties that one set
    /// and keeps the others. The chains are flushed earlier in the same transaction, so no rule holds the set when it goes.
    /// </summary>
    /// <exception cref="ArgumentException">The script declares no such set.</exception>
    public string RecreatingSet(string set)
    {
        string declaration = $"add set {NftNames.QualifiedTable} {set} {{";
        int at = Script.IndexOf("\n" + declaration, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ArgumentException($"the ruleset declares no set {set}", nameof(set));
        }

        return string.Concat(Script.AsSpan(0, at + 1), $"delete set {NftNames.QualifiedTable} {set}\n", Script.AsSpan(at + 1));
    }
}
