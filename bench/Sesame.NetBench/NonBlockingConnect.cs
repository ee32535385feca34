using System.Net;
using System.Net.Sockets;

namespace Sesame.NetBench;

/// <summary>Starts a TCP connect from a chosen source address without waiting for it; RST on close, so no TIME_WAIT piles up.</summary>
internal static class NonBlockingConnect
{
    public static Socket Start(IPAddress source, IPEndPoint service)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        socket.LingerState = new LingerOption(true, 0);
        socket.Bind(new IPEndPoint(source, 0));
        try
        {
            socket.Connect(service);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
        }

        return socket;
    }

    /// <summary>True once the connect completed successfully (writable and no pending socket error).</summary>
    public static bool IsConnected(Socket socket) =>
        socket.Poll(0, SelectMode.SelectWrite) && (int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)! == 0;
}
