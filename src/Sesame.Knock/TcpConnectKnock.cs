using System.Net;
using System.Net.Sockets;

namespace Sesame.Knock;

/// <summary>
/// A TCP knock as an unprivileged connect attempt: a non-blocking connect puts one SYN on the wire, the socket waits at
/// most the connect timeout for an answer (by default not at all) and is then closed. Closing a socket still in SYN-SENT sends nothing, and the
/// timeout ends before the kernel's 1 s retransmission, so a port that drops sees exactly one SYN (PLATFORM-NOTES.md).
/// </summary>
internal static class TcpConnectKnock
{
    public static KnockOutcome Send(IPEndPoint target, KnockSettings settings) =>
        Attempt(target, settings, settings.ConnectTimeout);

    public static KnockOutcome Attempt(IPEndPoint target, KnockSettings settings, TimeSpan timeout)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        SocketBinding.Apply(socket, settings);
        socket.Blocking = false;
        try
        {
            socket.Connect(target);
            return KnockOutcome.Open;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
        {
        }
        catch (SocketException ex) when (ex.NativeErrorCode == Errno.ECONNREFUSED)
        {
            return KnockOutcome.Refused;
        }
        catch (SocketException ex)
        {
            throw SocketBinding.SendFailure(ex, target);
        }

        int micros = (int)Math.Min(int.MaxValue, timeout.Ticks / 10);
        if (micros <= 0)
        {
            return KnockOutcome.Sent; // not waited for: the SYN left in connect()
        }

        // A refused connect wakes poll() with POLLERR|POLLHUP but not POLLOUT, so wait for either.
        List<Socket> writable = [socket];
        List<Socket> failed = [socket];
        Socket.Select(null, writable, failed, micros);
        if (writable.Count == 0 && failed.Count == 0)
        {
            return KnockOutcome.NoAnswer;
        }

        // .NET reports SO_ERROR as a SocketError value, not as the errno.
        var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        return error switch
        {
            SocketError.Success => KnockOutcome.Open,
            SocketError.ConnectionRefused => KnockOutcome.Refused,
            _ => KnockOutcome.NoAnswer,
        };
    }
}
