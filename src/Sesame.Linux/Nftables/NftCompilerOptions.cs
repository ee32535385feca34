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
}
