using System.Net;

namespace Sesame.Knock;

/// <summary>How knocks are sent.</summary>
public sealed record KnockSettings
{
    /// <summary>
    /// How long a TCP connect attempt may wait for an answer before the socket is closed. Well under the kernel's first
    /// SYN retransmission (1 s), so a knock on a port that drops is exactly one SYN on the wire.
    /// </summary>
    public static TimeSpan DefaultConnectTimeout { get; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest connect timeout that still cannot retransmit the SYN.</summary>
    public static TimeSpan MaxConnectTimeout { get; } = TimeSpan.FromMilliseconds(900);

    /// <summary>Pause between two knocks (knockd's <c>-d</c>).</summary>
    public TimeSpan Delay { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>Send TCP knocks as raw SYNs (needs CAP_NET_RAW) instead of connect attempts.</summary>
    public bool RawTcp { get; init; }

    /// <summary>The local address to knock from, or null for the route's choice.</summary>
    public IPAddress? Source { get; init; }

    /// <summary>The interface to knock from (SO_BINDTODEVICE), or null.</summary>
    public string? Interface { get; init; }
}
