using System.Buffers.Binary;
using System.Net;

namespace Sesame.Tests.WireSupport;

/// <summary>
/// Reads the classic pcap format tcpdump writes with <c>-w</c>: a 24-byte file header (magic, version, snaplen, link
/// type), then per packet a 16-byte record header (seconds, micro- or nanoseconds, captured and original length) and
/// the frame. Ethernet (link type 1) frames carrying IPv4 or IPv6 with TCP, UDP or ICMP are decoded; others are skipped.
/// </summary>
internal static class PcapFile
{
    private const uint MagicMicros = 0xa1b2c3d4;
    private const uint MagicNanos = 0xa1b23c4d;
    private const int LINKTYPE_ETHERNET = 1;

    public static List<CapturedPacket> Read(string path) => Parse(File.ReadAllBytes(path));

    public static List<CapturedPacket> Parse(ReadOnlySpan<byte> file)
    {
        var packets = new List<CapturedPacket>();
        if (file.Length < 24)
        {
            return packets;
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool little = magic is MagicMicros or MagicNanos;
        uint Read32(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        uint ordered = Read32(file);
        if (ordered is not (MagicMicros or MagicNanos))
        {
            throw new InvalidDataException("not a pcap file");
        }

        double fraction = ordered == MagicNanos ? 1e-9 : 1e-6;
        if (Read32(file[20..]) != LINKTYPE_ETHERNET)
        {
            throw new InvalidDataException("only Ethernet captures are read");
        }

        int offset = 24;
        while (offset + 16 <= file.Length)
        {
            double time = Read32(file[offset..]) + (Read32(file[(offset + 4)..]) * fraction);
            int captured = (int)Read32(file[(offset + 8)..]);
            offset += 16;
            if (offset + captured > file.Length)
            {
                break;
            }

            if (TryDecodeEthernet(time, file.Slice(offset, captured)) is { } packet)
            {
                packets.Add(packet);
            }

            offset += captured;
        }

        return packets;
    }

    private static CapturedPacket? TryDecodeEthernet(double time, ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 14)
        {
            return null;
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        ReadOnlySpan<byte> ip = frame[14..];
        return type switch
        {
            0x0800 when ip.Length >= 20 => DecodeTransport(time, new IPAddress(ip.Slice(12, 4)), new IPAddress(ip.Slice(16, 4)), ip[9],
                BinaryPrimitives.ReadUInt16BigEndian(ip[2..]), ip[((ip[0] & 0x0f) * 4)..Math.Min(ip.Length, BinaryPrimitives.ReadUInt16BigEndian(ip[2..]))]),
            0x86dd when ip.Length >= 40 => DecodeTransport(time, new IPAddress(ip.Slice(8, 16)), new IPAddress(ip.Slice(24, 16)), ip[6],
                40 + BinaryPrimitives.ReadUInt16BigEndian(ip[4..]), ip[40..Math.Min(ip.Length, 40 + BinaryPrimitives.ReadUInt16BigEndian(ip[4..]))]),
            _ => null,
        };
    }

    private static CapturedPacket? DecodeTransport(double time, IPAddress src, IPAddress dst, byte protocol, int ipLength, ReadOnlySpan<byte> l4)
    {
        switch (protocol)
        {
            case CapturedPacket.Tcp when l4.Length >= 20:
                int header = (l4[12] >> 4) * 4;
                return new CapturedPacket(time, src, dst, protocol, BinaryPrimitives.ReadUInt16BigEndian(l4), BinaryPrimitives.ReadUInt16BigEndian(l4[2..]),
                    l4[13], ipLength, l4[Math.Min(header, l4.Length)..].ToArray());
            case CapturedPacket.Udp when l4.Length >= 8:
                return new CapturedPacket(time, src, dst, protocol, BinaryPrimitives.ReadUInt16BigEndian(l4), BinaryPrimitives.ReadUInt16BigEndian(l4[2..]),
                    0, ipLength, l4[8..].ToArray());
            case CapturedPacket.Icmp or CapturedPacket.IcmpV6 when l4.Length >= 8:
                return new CapturedPacket(time, src, dst, protocol, 0, 0, 0, ipLength, l4[8..].ToArray());
            default:
                return null;
        }
    }
}
