using System.Net.Sockets;
using System.Text;

namespace Sesame.Linux.Daemon;

/// <summary>
/// systemd's readiness protocol without libsystemd: one datagram such as <c>READY=1</c> to the AF_UNIX socket named by
/// <c>$NOTIFY_SOCKET</c> (a leading <c>@</c> names an abstract socket). Without the variable it does nothing.
/// </summary>
public static class SdNotify
{
    /// <summary>Sends <paramref name="state"/>; false when there is no notify socket or the send failed.</summary>
    public static bool Notify(string state) => Notify(state, Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    public static bool Notify(string state, string? socketPath)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (string.IsNullOrEmpty(socketPath) || (socketPath[0] != '/' && socketPath[0] != '@'))
        {
            return false;
        }

        string path = socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath;
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
