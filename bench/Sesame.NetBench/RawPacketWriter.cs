using System.Buffers.Binary;

namespace Sesame.NetBench;

/// <summary>
/// Writes IPv4 + TCP SYN and IPv4 + UDP packets for an IPPROTO_RAW socket (which implies IP_HDRINCL). The kernel fills
/// the IP checksum (raw(7)); the transport checksum is ours, because a wrong one makes the server's stack drop the
/// packet after the firewall has already seen it, which would hide a difference between the tools.
/// </summary>
internal static class RawPacketWriter
{
    public const int SynLength = 20 + 20;
    public const int UdpLength = 20 + 8 + 8;

    public static void WriteSyn(Span<byte> packet, uint source, uint destination, ushort sourcePort, ushort destinationPort, uint sequence)
    {
        WriteIpHeader(packet, SynLength, 6, source, destination);
        Span<byte> tcp = packet.Slice(20, 20);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], 0);
        tcp[12] = 5 << 4;
        tcp[13] = 0x02;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[16..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[16..], TransportChecksum(source, destination, 6, tcp));
    }

    public static void WriteUdp(Span<byte> packet, uint source, uint destination, ushort sourcePort, ushort destinationPort)
    {
        WriteIpHeader(packet, UdpLength, 17, source, destination);
        Span<byte> udp = packet.Slice(20, 16);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], 16);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        "netbench"u8.CopyTo(udp[8..]);
        ushort sum = TransportChecksum(source, destination, 17, udp);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], sum == 0 ? (ushort)0xffff : sum);
    }

    /// <summary>IPv4 + UDP with <paramref name="payload"/> (an SPA packet); returns the packet's length.</summary>
    public static int WriteUdp(Span<byte> packet, uint source, uint destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        int length = 20 + 8 + payload.Length;
        WriteIpHeader(packet, length, 17, source, destination);
        Span<byte> udp = packet.Slice(20, 8 + payload.Length);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udp.Length);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        payload.CopyTo(udp[8..]);
        ushort sum = TransportChecksum(source, destination, 17, udp);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], sum == 0 ? (ushort)0xffff : sum);
        return length;
    }

    private static void WriteIpHeader(Span<byte> packet, int totalLength, byte protocol, uint source, uint destination)
    {
        packet[0] = 0x45;
        packet[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], 0x4000);
        packet[8] = 64;
        packet[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(packet[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(packet[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(packet[16..], destination);
    }

    private static ushort TransportChecksum(uint source, uint destination, byte protocol, ReadOnlySpan<byte> segment)
    {
        ulong sum = (source >> 16) + (source & 0xffff) + (destination >> 16) + (destination & 0xffff) + protocol + (uint)segment.Length;
        int i = 0;
        for (; i + 1 < segment.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(segment[i..]);
        }

        if (i < segment.Length)
        {
            sum += (uint)segment[i] << 8;
        }

        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
