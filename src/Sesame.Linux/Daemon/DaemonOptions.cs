using Sesame.Linux.Nftables;

namespace Sesame.Linux.Daemon;

/// <summary>How <c>sesame serve</c> runs.</summary>
public sealed record DaemonOptions
{
    /// <summary>The NFLOG group the ruleset logs to; any group no other program in the namespace uses.</summary>
    public ushort NflogGroup { get; init; } = 5741;

    /// <summary>How often the sets are read to notice expired entries (a listing of 10k elements costs ~0.1 s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Delete <c>table inet sesame</c> on a clean exit; by default it stays, and with it the granted addresses.</summary>
    public bool RemoveOnExit { get; init; }

    /// <summary>How many bytes of a packet NFLOG copies: the compiler's Layer7 snaplen.</summary>
    internal int Layer7Snaplen() => NftCompilerOptions.Default.Layer7Snaplen;
}
