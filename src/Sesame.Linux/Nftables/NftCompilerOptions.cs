namespace Sesame.Linux.Nftables;

/// <summary>Choices of the nftables back end that the rule model does not make.</summary>
public sealed record NftCompilerOptions
{
    public static NftCompilerOptions Default { get; } = new();

    /// <summary>
    /// The most elements an address list's host set holds. When a set is full, the kernel adds no new address (addresses
    /// already in it are still refreshed): a flood of spoofed first knocks must fill it before a real knock is lost, so
    /// the default is large — 1,048,576, RouterOS's own cap for its connection table. The kernel allocates per element,
    /// so an idle set costs nothing.
    /// </summary>
    public int AddressListSize { get; init; } = 1 << 20;

    /// <summary>How many source blocks a <c>connection-limit</c> rule tracks.</summary>
    public int ConnectionLimitSize { get; init; } = 65535;

    /// <summary>
    /// The NFLOG group the daemon listens on, or null for a ruleset that runs without it (<c>export --to nft</c>). With a
    /// group, every add-to-address-list rule also logs the packet to it (prefix <see cref="NftLogPrefix"/>), so the daemon
    /// can report each stage, grant and blacklisting; and a rule whose Layer7 regexp nftables cannot express sends its
    /// candidate packets there with their payload instead of never matching: the daemon decides and writes the set.
    /// </summary>
    public ushort? NflogGroup { get; init; }

    /// <summary>How many bytes of a Layer7 candidate packet go to the daemon: RouterOS's 2 KB Layer7 window (ROUTEROS.md §4.2) plus headers.</summary>
    public int Layer7Snaplen { get; init; } = 2048 + 128;
}
