using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Sesame.Knock;

/// <summary>
/// A TCP knock as a hand-made SYN on a raw socket (<c>--raw</c>): no connect, no socket state, one packet. The kernel
/// adds the IP header; the TCP checksum covers a pseudo-header with the source address, so the source is chosen first
/// (the user's, or the one the route to the target would use).
/// </summary>
internal static class RawSynKnock
{
    private const int TcpHeader = 20;
    private const byte TH_SYN = 0x02;
    private const byte IPPROTO_TCP = 6;

    public static KnockOutcome Send(IPEndPoint target, KnockSettings settings)
    {
        Socket socket;
        try
        {
            socket = new Socket(target.AddressFamily, SocketType.Raw, ProtocolType.Tcp);
        }
        catch (SocketException ex) when (Errno.IsPermission(ex.NativeErrorCode))
        {
            throw new KnockException("--raw needs CAP_NET_RAW: run as root, or drop --raw to knock with connect attempts", ex);
        }

        using (socket)
        {
            IPAddress source = settings.Source ?? RouteSource(target, settings);
            SocketBinding.Apply(socket, settings with { Source = source });
            byte[] segment = Build(source, target, (ushort)RandomNumberGenerator.GetInt32(32768, 61000), (uint)RandomNumberGenerator.GetInt32(int.MaxValue));
            try
            {
                socket.SendTo(segment, new IPEndPoint(target.Address, 0));
            }
            catch (SocketException ex)
            {
                throw SocketBinding.SendFailure(ex, target);
            }
        }

        return KnockOutcome.Sent;
    }

    internal static byte[] Build(IPAddress source, IPEndPoint target, ushort sourcePort, uint sequence)
    {
        byte[] segment = new byte[TcpHeader];
        Span<byte> s = segment;
        BinaryPrimitives.WriteUInt16BigEndian(s, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(s[2..], (ushort)target.Port);
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], sequence);
        s[12] = TcpHeader / 4 << 4;
        s[13] = TH_SYN;
        BinaryPrimitives.WriteUInt16BigEndian(s[14..], 64240);

        var checksum = new InternetChecksum();
        Span<byte> tail = stackalloc byte[4];
        checksum.Add(source.GetAddressBytes());
        checksum.Add(target.Address.GetAddressBytes());
        if (target.AddressFamily == AddressFamily.InterNetworkV6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(tail, TcpHeader);
            checksum.Add(tail);
            tail.Clear();
            tail[3] = IPPROTO_TCP;
            checksum.Add(tail);
        }
        else
        {
            tail[1] = IPPROTO_TCP;
            BinaryPrimitives.WriteUInt16BigEndian(tail[2..], TcpHeader);
            checksum.Add(tail);
        }

        checksum.Add(segment);
        BinaryPrimitives.WriteUInt16BigEndian(s[16..], checksum.Result());
        return segment;
    }

    /// <summary>The source address the kernel would pick for the target: connect a UDP socket (which sends nothing) and ask.</summary>
    private static IPAddress RouteSource(IPEndPoint target, KnockSettings settings)
    {
        using var probe = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        SocketBinding.Apply(probe, settings);
        try
        {
            probe.Connect(target);
        }
        catch (SocketException ex)
        {
            throw SocketBinding.SendFailure(ex, target);
        }

        return ((IPEndPoint)probe.LocalEndPoint!).Address;
    }
}
