using System.Buffers.Binary;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Netlink;

/// <summary>
/// The parts of a logged IP packet the daemon needs: addresses, the transport protocol and the transport payload (the
/// data a Layer7 regexp reads). IPv6 extension headers that only carry options or routing are skipped; a fragment that
/// is not the first one has no transport header and is reported without payload.
/// </summary>
internal readonly ref struct IpPacketView
{
    private IpPacketView(IpFamily family, UInt128 source, UInt128 destination, byte protocol, ReadOnlySpan<byte> data)
    {
        Family = family;
        Source = source;
        Destination = destination;
        Protocol = protocol;
        Data = data;
    }

    public IpFamily Family { get; }

    public UInt128 Source { get; }

    public UInt128 Destination { get; }

    public byte Protocol { get; }

    /// <summary>The transport payload: UDP data after the 8-byte header (up to the UDP length), TCP data after the header and its options; empty otherwise.</summary>
    public ReadOnlySpan<byte> Data { get; }

    public static bool TryParse(ReadOnlySpan<byte> packet, out IpPacketView view)
    {
        view = default;
        if (packet.Length < 1)
        {
            return false;
        }

        int version = packet[0] >> 4;
        if (version == 4 && packet.Length >= 20)
        {
            int headerLength = (packet[0] & 0xf) * 4;
            if (headerLength < 20 || headerLength > packet.Length)
            {
                return false;
            }

            bool laterFragment = (BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x1fff) != 0;
            byte protocol = packet[9];
            UInt128 source = BinaryPrimitives.ReadUInt32BigEndian(packet[12..]);
            UInt128 destination = BinaryPrimitives.ReadUInt32BigEndian(packet[16..]);
            view = new IpPacketView(IpFamily.V4, source, destination, protocol, laterFragment ? default : TransportData(protocol, packet[headerLength..]));
            return true;
        }

        if (version == 6 && packet.Length >= 40)
        {
            UInt128 source = BinaryPrimitives.ReadUInt128BigEndian(packet[8..]);
            UInt128 destination = BinaryPrimitives.ReadUInt128BigEndian(packet[24..]);
            byte next = packet[6];
            ReadOnlySpan<byte> rest = packet[40..];
            // Hop-by-hop (0), routing (43) and destination options (60): length in 8-byte units, not counting the first 8.
            for (int hops = 0; hops < 8 && next is 0 or 43 or 60 && rest.Length >= 8; hops++)
            {
                int length = (rest[1] + 1) * 8;
                if (length > rest.Length)
                {
                    return false;
                }

                next = rest[0];
                rest = rest[length..];
            }

            if (next == 44 && rest.Length >= 8)
            {
                bool laterFragment = (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) & 0xfff8) != 0;
                next = rest[0];
                rest = laterFragment ? default : rest[8..];
            }

            view = new IpPacketView(IpFamily.V6, source, destination, next, TransportData(next, rest));
            return true;
        }

        return false;
    }

    private static ReadOnlySpan<byte> TransportData(byte protocol, ReadOnlySpan<byte> segment)
    {
        if (protocol == IpProtocols.Udp && segment.Length >= 8)
        {
            // The UDP length ends the data (padding after it is not the sender's); a packet cut by the snaplen keeps what came.
            int length = BinaryPrimitives.ReadUInt16BigEndian(segment[4..]);
            return length >= 8 && length <= segment.Length ? segment[8..length] : segment[8..];
        }

        if (protocol == IpProtocols.Tcp && segment.Length >= 20)
        {
            int offset = (segment[12] >> 4) * 4;
            return offset >= 20 && offset <= segment.Length ? segment[offset..] : default;
        }

        return default;
    }
}
