using Sesame.Diagnostics;

namespace Sesame.Linux.Nftables;

/// <summary>
/// The result of <see cref="NftCompiler.Compile"/>: an nft script for one <c>nft -f</c> or libnftables buffer that
/// (re)creates <c>table inet sesame</c>, and what the compiler had to approximate or leave out.
/// </summary>
public sealed record NftCompilation(string Script, IReadOnlyList<Diagnostic> Diagnostics);
