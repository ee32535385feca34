using System.Net;
using System.Net.Sockets;

namespace Sesame.NetBench;

/// <summary>An IPPROTO_RAW socket aimed at one server: knocks from any source address, without the client's kernel in the way.</summary>
internal sealed class RawSender : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw);
    private readonly SocketAddress _destination;
    private readonly uint _server;
    private readonly byte[] _packet = new byte[64];
    private uint _sequence = (uint)Environment.TickCount;

    public RawSender(IPAddress server)
    {
        _server = Ipv4.ToUInt32(server);
        _destination = new IPEndPoint(server, 0).Serialize();
    }

    public uint Server => _server;

    public void Syn(uint source, ushort port)
    {
        _sequence += 0x9e3779b9;
        RawPacketWriter.WriteSyn(_packet, source, _server, (ushort)(32768 + (_sequence & 0x3fff)), port, _sequence);
        _socket.SendTo(_packet.AsSpan(0, RawPacketWriter.SynLength), SocketFlags.None, _destination);
    }

    public void Dispose() => _socket.Dispose();
}
