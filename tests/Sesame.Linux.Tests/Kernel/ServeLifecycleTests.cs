using System.Net;
using System.Net.Sockets;
using Sesame.Linux.Nftables;

namespace Sesame.Tests.Kernel;

/// <summary>What survives the daemon: kill -9, restarts, refused configs, SIGTERM with and without --remove-on-exit.</summary>
public sealed class ServeLifecycleTests
{
    private const string Seed = "000-manual-old-en.rsc";

    [RootFact]
    public void Serve_Kill9_GrantsAndProtectionStayAndRestartKeepsEveryEntry()
    {
        using var ns = new NetNs();
        IPAddress other = ns.AddSecondClientV4();
        using TempConfig config = TempConfig.Seed(Seed);
        using Socket service = ns.Listen(22);
        using (SesameProcess first = SesameProcess.StartServe(ns, config.Path))
        {
            ns.TryConnect(ns.ServerV4, 888, 41000);
            ns.TryConnect(ns.ServerV4, 555, 41001);
            ns.TryConnect(ns.ServerV4, 222, 41002);
            Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)));
            for (int i = 1; i <= 50; i++)
            {
                Assert.Equal(0, SesameProcess.Run(ns.Server, "lists", "add", "secured", $"198.51.100.{i}", "--timeout", "1h").ExitCode);
            }

            first.Signal(Libc.SIGKILL);
            Assert.True(first.WaitForExit(TimeSpan.FromSeconds(10)));
        }

        HashSet<(string, Net.IpRange)> before = Entries(ns);
        Assert.Equal(53, before.Count); // 888, 555, secured for the client and 50 granted by hand
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41003, timeoutMs: 2000));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41004, source: other));

        using SesameProcess second = SesameProcess.StartServe(ns, config.Path);
        Assert.Equal(before, Entries(ns));
        // READY=1 comes from the daemon's thread, the line from the console logger's: waited for, not assumed out.
        Assert.True(second.WaitForOutput("sesame event=start group=5741 entries=53"), second.Output);
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41005, timeoutMs: 2000));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41006, source: other));
    }

    [RootFact]
    public void Serve_ConfigWithErrors_RefusedWithEveryDiagnosticAndRunningTableUntouched()
    {
        using var ns = new NetNs();
        using TempConfig good = TempConfig.Seed(Seed);
        using (SesameProcess running = SesameProcess.StartServe(ns, good.Path))
        {
            Assert.Equal(0, SesameProcess.Run(ns.Server, "lists", "add", "secured", "198.51.100.7").ExitCode);
        }

        string table = ListTable(ns);
        using var bad = new TempConfig("""
            /ip firewall filter
            add action=accept chain=input protocol=tcp dst-port=22
            add action=frobnicate chain=input
            /ipv6 firewall filter
            add action=add-src-to-address-list address-list=x chain=input layer7-protocol=pass protocol=udp
            """);

        (int exitCode, string output, string error) = SesameProcess.Run(ns.Server, "serve", bad.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{bad.Path}:3:", error, StringComparison.Ordinal);
        Assert.Contains($"{bad.Path}:5:", error, StringComparison.Ordinal);
        Assert.Contains("the running ruleset is unchanged", error, StringComparison.Ordinal);
        Assert.DoesNotContain("event=start", output, StringComparison.Ordinal);
        Assert.Equal(table, ListTable(ns));
    }

    [RootFact]
    public void Serve_SecondDaemonInTheSameNamespace_RefusedWhileTheFirstKeepsWorking()
    {
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using var other = new TempConfig(SeedFixtures.Read(Seed).Replace("dst-port=888", "dst-port=999", StringComparison.Ordinal));
        using SesameProcess first = SesameProcess.StartServe(ns, config.Path);

        (int exitCode, _, string error) = SesameProcess.Run(ns.Server, "serve", other.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("NFLOG group 5741", error, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", error, StringComparison.Ordinal);
        ns.TryConnect(ns.ServerV4, 888, 41000);
        Assert.True(first.WaitForOutput($"sesame event=stage list=888 src={ns.ClientV4}"), first.Output);
    }

    [RootFact]
    public void Serve_SigTerm_ExitsZeroAndKeepsTheTable()
    {
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);

        daemon.Signal(Libc.SIGTERM);

        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, daemon.ExitCode);
        Assert.Contains("sesame event=stop table=kept", daemon.Output, StringComparison.Ordinal);
        Assert.Contains(Kernel.Counters(ns), c => c.Index == 7);
    }

    [RootFact]
    public void Serve_SigTermWithRemoveOnExit_DeletesTheTable()
    {
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--remove-on-exit");

        daemon.Signal(Libc.SIGTERM);

        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, daemon.ExitCode);
        Assert.False(ns.InServer(() =>
        {
            using var nft = new NftContext();
            return nft.TableExists();
        }));
    }

    private static HashSet<(string, Net.IpRange)> Entries(NetNs ns) => [.. Kernel.Lists(ns).Select(e => (e.List, e.Address))];

    private static string ListTable(NetNs ns) => ns.InServer(() =>
    {
        using var nft = new NftContext();
        return nft.Run($"list table {NftNames.QualifiedTable}");
    });
}
