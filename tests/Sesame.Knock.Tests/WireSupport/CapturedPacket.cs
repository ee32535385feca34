using System.Net;

namespace Sesame.Tests.WireSupport;

/// <summary>One IP packet read from a capture.</summary>
/// <param name="Time">Seconds since the epoch, as tcpdump stamped it.</param>
/// <param name="IpLength">The IP packet's total length (header included), what RouterOS calls packet-size.</param>
internal sealed record CapturedPacket(double Time, IPAddress Src, IPAddress Dst, byte Protocol, ushort SrcPort, ushort DstPort, byte TcpFlags, int IpLength, byte[] Payload)
{
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte Icmp = 1;
    public const byte IcmpV6 = 58;
    public const byte Syn = 0x02;
    public const byte Ack = 0x10;

    public bool IsPureSyn => Protocol == Tcp && (TcpFlags & (Syn | Ack)) == Syn;
}
