using System.Buffers.Binary;
using System.Text;

namespace Sesame.Tests.Netlink;

/// <summary>Builds netlink datagrams as the kernel lays them out (host-order headers, 4-byte aligned attributes).</summary>
internal static class NflogBytes
{
    public static byte[] Packet(byte family, string prefix, byte[] payload, uint sequence = 0)
    {
        var attributes = new List<byte>();
        Attribute(attributes, 1, new byte[4]); // NFULA_PACKET_HDR: hw_protocol, hook, pad
        Attribute(attributes, 10, [.. Encoding.ASCII.GetBytes(prefix), 0]);
        Attribute(attributes, 9, payload);
        return Message(0x0400, sequence, [family, 0, 0, 5, .. attributes]);
    }

    public static byte[] Error(uint sequence, int errno)
    {
        byte[] body = new byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(body, -errno);
        return Message(2, sequence, body);
    }

    private static byte[] Message(ushort type, uint sequence, byte[] body)
    {
        int length = 16 + body.Length;
        byte[] message = new byte[(length + 3) & ~3];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), type);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        body.CopyTo(message, 16);
        return message;
    }

    private static void Attribute(List<byte> target, ushort type, byte[] value)
    {
        byte[] header = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), type);
        target.AddRange(header);
        target.AddRange(value);
        while (target.Count % 4 != 0)
        {
            target.Add(0);
        }
    }

    /// <summary>An IPv4 UDP datagram 10.0.0.1:40000 → 10.0.0.2:PORT with <paramref name="data"/>.</summary>
    public static byte[] Udp4(int port, byte[] data)
    {
        byte[] packet = new byte[28 + data.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[8] = 64;
        packet[9] = 17;
        packet[12] = 10; packet[15] = 1;
        packet[16] = 10; packet[19] = 2;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(20), 40000);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(22), (ushort)port);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(24), (ushort)(8 + data.Length));
        data.CopyTo(packet, 28);
        return packet;
    }
}
