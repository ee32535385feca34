namespace Sesame.Linux.Nftables;

/// <summary>Where a string goes in an <c>nft -f</c> script (<see cref="NftTextWriter.Text"/>).</summary>
internal enum NftTextKind
{
    /// <summary>A value in double quotes: an interface name, a log prefix, a counter's name.</summary>
    Quoted,

    /// <summary>A bare token: an object name, a keyword, an address, a number.</summary>
    Word,

    /// <summary>The text of a <c>#</c> comment line.</summary>
    Comment,
}
