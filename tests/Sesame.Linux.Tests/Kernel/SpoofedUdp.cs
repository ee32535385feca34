using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Sesame.Tests.Kernel;

/// <summary>
/// UDP datagrams from any IPv4 source, sent from the client namespace through a raw socket (IP_HDRINCL, root): many
/// knocking sources without as many addresses. The kernel fills in the IP checksum; the UDP checksum is 0 (none, allowed
/// over IPv4). Only ever aimed at the namespace's server.
/// </summary>
internal sealed class SpoofedUdp : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _packet = new byte[28];

    public SpoofedUdp()
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
        _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true);
    }

    /// <summary>Opens the socket in the client namespace (a socket keeps the namespace it was made in).</summary>
    public static SpoofedUdp Open(NetNs ns) => ns.InClient(() => new SpoofedUdp());

    /// <summary>One empty datagram from <paramref name="source"/>:40000 to <paramref name="server"/>:<paramref name="port"/>.</summary>
    public void Send(IPAddress source, IPAddress server, int port)
    {
        Span<byte> p = _packet;
        p.Clear();
        p[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], (ushort)p.Length);
        p[8] = 64;
        p[9] = (byte)ProtocolType.Udp;
        source.TryWriteBytes(p[12..16], out _);
        server.TryWriteBytes(p[16..20], out _);
        BinaryPrimitives.WriteUInt16BigEndian(p[20..], 40000);
        BinaryPrimitives.WriteUInt16BigEndian(p[22..], (ushort)port);
        BinaryPrimitives.WriteUInt16BigEndian(p[24..], 8);
        _socket.SendTo(_packet, new IPEndPoint(server, 0));
    }

    public void Dispose() => _socket.Dispose();
}
