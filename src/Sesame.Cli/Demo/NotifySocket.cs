using System.Net.Sockets;
using System.Text;

namespace Sesame.Cli.Demo;

/// <summary>
/// A systemd-style notification socket: the demo hands its path to <c>sesame serve</c> as <c>NOTIFY_SOCKET</c> and waits
/// for <c>READY=1</c>, as systemd would. A path in the file system (not an abstract name), so it is reachable from
/// another network namespace.
/// </summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-demo-").FullName;

    public NotifySocket()
    {
        Path = System.IO.Path.Combine(_dir, "notify");
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
    }

    public string Path { get; }

    /// <summary>True once READY=1 arrived; false when <paramref name="timeout"/> passed or <paramref name="stillRunning"/> says the sender died.</summary>
    public bool WaitForReady(TimeSpan timeout, Func<bool> stillRunning)
    {
        DateTime end = DateTime.UtcNow + timeout;
        byte[] buffer = new byte[4096];
        while (DateTime.UtcNow < end && stillRunning())
        {
            if (!_socket.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead))
            {
                continue;
            }

            int n = _socket.Receive(buffer);
            string message = Encoding.UTF8.GetString(buffer, 0, n);
            if (message.Split('\n').Contains("READY=1"))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        _socket.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
