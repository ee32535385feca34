using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Sesame.Model;

namespace Sesame.Tests.Property;

/// <summary>
/// Transport headers for raw sockets (the kernel adds the IP header): TCP without options, UDP, ICMP echo, each with
/// its checksum over the pseudo-header, so the packets are what a real client sends.
/// </summary>
internal static class RawPackets
{
    public static byte[] Tcp(IPAddress src, IPAddress dst, int sourcePort, int port, TcpFlags flags, uint sequence)
    {
        var p = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(0), (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)port);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(8), (flags & TcpFlags.Ack) != 0 ? sequence ^ 0x5a5a5a5au : 0);
        p[12] = 5 << 4; // data offset: 5 words, no options
        p[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(14), 64240);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(16), Checksum(src, dst, 6, p));
        return p;
    }

    public static byte[] Udp(IPAddress src, IPAddress dst, int sourcePort, int port, ReadOnlySpan<byte> payload)
    {
        var p = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(0), (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), (ushort)port);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), (ushort)p.Length);
        payload.CopyTo(p.AsSpan(8));
        ushort sum = Checksum(src, dst, 17, p);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(6), sum == 0 ? (ushort)0xffff : sum);
        return p;
    }

    /// <summary>An echo request. ICMPv6's checksum covers a pseudo-header too; the kernel fills it in for raw ICMPv6 sockets anyway.</summary>
    public static byte[] Echo(IPAddress src, IPAddress dst, ushort id, ushort sequence, ReadOnlySpan<byte> payload)
    {
        bool v6 = src.AddressFamily == AddressFamily.InterNetworkV6;
        var p = new byte[8 + payload.Length];
        p[0] = v6 ? (byte)128 : (byte)8;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(6), sequence);
        payload.CopyTo(p.AsSpan(8));
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(2), v6 ? Checksum(src, dst, 58, p) : Fold(Sum(p, 0)));
        return p;
    }

    private static ushort Checksum(IPAddress src, IPAddress dst, byte protocol, byte[] segment)
    {
        byte[] s = src.GetAddressBytes();
        byte[] d = dst.GetAddressBytes();
        uint sum = Sum(s, 0) + Sum(d, 0) + protocol + (uint)segment.Length;
        return Fold(Sum(segment, sum));
    }

    private static uint Sum(ReadOnlySpan<byte> data, uint sum)
    {
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        return sum;
    }

    private static ushort Fold(uint sum)
    {
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
