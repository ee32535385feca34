using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Sesame.Tests.Kernel;

/// <summary>
/// The <c>NOTIFY_SOCKET</c> a started <c>sesame serve</c> says <c>READY=1</c> on (as systemd's Type=notify reads it): a
/// datagram socket at a fresh path, deleted on Dispose.
/// </summary>
internal sealed class ReadyNotify : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public ReadyNotify()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"sesame-notify-{Guid.NewGuid():N}.sock");
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
    }

    public string Path { get; }

    /// <summary>Waits for READY=1 from <paramref name="process"/>; throws, with <paramref name="describe"/>'s text, when it exits first or the time runs out.</summary>
    public void Wait(Process process, TimeSpan limit, string what, Func<string> describe)
    {
        byte[] buffer = new byte[4096];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (_socket.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead)
                && Encoding.UTF8.GetString(buffer, 0, _socket.Receive(buffer)).Split('\n').Contains("READY=1"))
            {
                return;
            }

            if (process.HasExited)
            {
                process.WaitForExit();
                throw new InvalidOperationException($"{what} exited ({process.ExitCode}) before READY=1: {describe()}");
            }
        }

        throw new TimeoutException($"{what} sent no READY=1 in {limit.TotalSeconds} s: {describe()}");
    }

    public void Dispose()
    {
        _socket.Dispose();
        File.Delete(Path);
    }
}
