using System.Net.Sockets;

namespace Sesame.Tests.Kernel;

/// <summary><c>sesame serve</c> with a door profile runs the door's hooks: start on the grant, stop when access ends.</summary>
public sealed class ServeHookTests
{
    [RootFact]
    public void Serve_DoorProfileWithHooks_RunsStartOnGrantAndStopOnExpiry()
    {
        Assert.True(Peers.HaveKnock, "needs the Debian knock client (apt-get install knockd)");
        string marks = Directory.CreateTempSubdirectory("sesame-hooks-").FullName;
        try
        {
            using var ns = new NetNs();
            using var profile = new TempConfig($"""
                interfaces:
                  outside: [ether1]
                doors:
                  - name: admin
                    knocks: [888, 555, 222]
                    open: [22]
                    open_for: 2s
                    hooks:
                      start: /usr/bin/touch "{marks}/start-%IP%"
                      stop: /bin/sh -c 'echo gone > "{marks}/stop-$1"' sh %IP%
                """, ".yaml");
            using SesameProcess daemon = SesameProcess.StartServe(ns, profile.Path);
            using Socket service = ns.Listen(22);

            Peers.Knock(ns, ns.ServerV4, 888, 555, 222);

            string started = Path.Combine(marks, $"start-{ns.ClientV4}");
            string stopped = Path.Combine(marks, $"stop-{ns.ClientV4}");
            Assert.True(Kernel.WaitFor(() => File.Exists(started), TimeSpan.FromSeconds(5)), daemon.Output);
            Assert.True(ns.TryConnect(ns.ServerV4, 22, 41000, timeoutMs: 2000));
            Assert.False(File.Exists(stopped));
            Assert.True(Kernel.WaitFor(() => File.Exists(stopped), TimeSpan.FromSeconds(8)), daemon.Output);
            Assert.Equal("gone", File.ReadAllText(stopped).Trim());
            Assert.Contains($"event=hook hook=start list=admin-secured src={ns.ClientV4} exit=0", daemon.Output, StringComparison.Ordinal);
            Assert.True(daemon.WaitForOutput($"event=hook hook=stop list=admin-secured src={ns.ClientV4} exit=0"), daemon.Output);
        }
        finally
        {
            Directory.Delete(marks, recursive: true);
        }
    }
}
