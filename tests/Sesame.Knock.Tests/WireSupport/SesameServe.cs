using System.Net.Sockets;
using System.Text;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.WireSupport;

/// <summary>
/// The built <c>sesame serve</c> in the server namespace with a door profile, its own state directory and control
/// socket; started when it says READY=1 on a notify socket of ours (sd_notify). Stopped by its PID with the fixture.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class SesameServe
{
    private static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(30);

    public static BackgroundProcess Start(NetNs pair, string folder, string profile)
    {
        string notifyPath = Path.Combine(folder, "notify.sock");
        using var notify = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        notify.Bind(new UnixDomainSocketEndPoint(notifyPath));
        BackgroundProcess serve = pair.Start(pair.Server, Tools.Require("env"), $"NOTIFY_SOCKET={notifyPath}", Tools.Dotnet, Tools.SesameDll,
            "serve", profile, "--remove-on-exit", "--state-dir", Path.Combine(folder, "state"), "--control", Path.Combine(folder, "control.sock"));
        byte[] buffer = new byte[4096];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < ReadyWait)
        {
            if (notify.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead)
                && Encoding.UTF8.GetString(buffer, 0, notify.Receive(buffer)).Split('\n').Contains("READY=1"))
            {
                return serve;
            }
        }

        throw new TimeoutException("sesame serve did not become ready:\n" + serve.Output);
    }
}
