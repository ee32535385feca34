namespace Sesame.Knock;

/// <summary>The kind of packet one knock puts on the wire.</summary>
public enum KnockProtocol
{
    /// <summary>A TCP SYN: a connect attempt, or a raw SYN with <c>--raw</c>.</summary>
    Tcp,

    /// <summary>A UDP datagram, optionally carrying a payload.</summary>
    Udp,

    /// <summary>An ICMP (or ICMPv6) echo request, with a payload or a total packet size.</summary>
    Icmp,
}
