using System.Net;

namespace Sesame.Knock;

/// <summary>How knocks are sent.</summary>
public sealed record KnockSettings
{
    /// <summary>
    /// How long a TCP connect attempt waits for an answer before the socket is closed: by default not at all. connect()
    /// puts the SYN on the wire before it returns, so the knock is sent either way; waiting only tells <c>-v</c> whether
    /// the port answered, and a door drops its knock ports, so each knock would wait the whole time (three knocks took
    /// 307 ms with 100 ms, 5 ms without: bench/STARTUP-RESULTS.md). knockd's <c>knock</c> does not wait either. Any wait
    /// stays under the kernel's first SYN retransmission (1 s), so a knock is exactly one SYN on the wire.
    /// </summary>
    public static TimeSpan DefaultConnectTimeout { get; } = TimeSpan.Zero;

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
