using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Sesame.Net;
using Xunit.Abstractions;

namespace Sesame.Tests.Kernel;

/// <summary>
/// Reload of a real <c>sesame serve</c> in network namespaces (SIGHUP and <c>sesame reload</c>): the lists still in the
/// configuration keep their entries and remaining time, knocks in progress continue, blacklisted sources stay out, a list
/// gone is dropped and logged, and a broken file changes nothing in the kernel.
/// </summary>
public sealed partial class ServeReloadTests(ITestOutputHelper output)
{
    /// <summary>Two UDP knocks to a grant, a trap port that blacklists, a list 'extra' only this configuration has.</summary>
    internal const string Before = """
        /ip firewall filter
        add chain=input src-address-list=banned action=drop
        add chain=input protocol=udp dst-port=7666 action=add-src-to-address-list address-list=banned address-list-timeout=1h
        add chain=input protocol=udp dst-port=7001 action=add-src-to-address-list address-list=stage1 address-list-timeout=5m
        add chain=input protocol=udp dst-port=7002 src-address-list=stage1 action=add-src-to-address-list address-list=granted address-list-timeout=1h
        add chain=input protocol=tcp dst-port=22 src-address-list=granted action=accept
        add chain=input protocol=tcp dst-port=22 action=drop
        add chain=input protocol=udp dst-port=7009 action=add-src-to-address-list address-list=extra address-list-timeout=1h
        """;

    /// <summary>The same door with another rule in front (every index moves), a new chain, and without 'extra'.</summary>
    internal const string After = """
        /ip firewall filter
        add chain=input protocol=tcp dst-port=23 action=drop comment=new-rule
        add chain=input src-address-list=banned action=drop
        add chain=input protocol=udp dst-port=7666 action=add-src-to-address-list address-list=banned address-list-timeout=1h
        add chain=input protocol=udp dst-port=7001 action=add-src-to-address-list address-list=stage1 address-list-timeout=5m
        add chain=input protocol=udp dst-port=7002 src-address-list=stage1 action=add-src-to-address-list address-list=granted address-list-timeout=1h
        add chain=input protocol=tcp dst-port=22 src-address-list=granted action=accept
        add chain=input protocol=tcp dst-port=2222 action=jump jump-target=side
        add chain=side action=drop
        add chain=input protocol=tcp dst-port=22 action=drop
        """;

    [RootFact]
    public void Reload_GrantedSource_KeepsAccessAndItsRemainingTimeout_AndTheDroppedListIsLogged()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Before);
        using Socket ssh = ns.Listen(22);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        Knock(ns, ns.ClientV4, 7001, 7002, 7009);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "granted", ns.ClientV4) && Kernel.InList(ns, "extra", ns.ClientV4)));
        Thread.Sleep(1200); // time runs: the remaining time after the reload must be the one that ran down, not a fresh hour
        TimeSpan before = Expires(ns, "granted", ns.ClientV4);
        Assert.True(before < TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1), before.ToString());

        File.WriteAllText(config.Path, After);
        (int exit, string stdout, string stderr) = SesameProcess.Run(ns.Server, "reload", "--control", daemon.ControlPath!);

        Assert.True(exit == 0, stderr + daemon.Output);
        Assert.Contains("list extra (ip) is no longer in the configuration: dropped with 1 entries", stdout, StringComparison.Ordinal);
        TimeSpan after = Expires(ns, "granted", ns.ClientV4);
        Assert.InRange(after, before - TimeSpan.FromSeconds(5), before);
        Assert.Equal(TimeSpan.FromHours(1), Kernel.Lists(ns).Single(e => e.List == "granted").Timeout);
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41000, timeoutMs: 2000));
        Assert.False(ns.TryConnect(ns.ServerV4, 23, 41001));
        Assert.DoesNotContain("v4_extra", NftShell.Structure(ns.Server), StringComparison.Ordinal);
        Assert.Contains("chain v4_side", NftShell.Structure(ns.Server), StringComparison.Ordinal);
        Assert.True(daemon.WaitForOutput("sesame event=list-dropped list=extra family=ip entries=1"), daemon.Output);
        Assert.Contains("sesame event=reload result=applied via=control uid=0", daemon.Output, StringComparison.Ordinal);
        Thread.Sleep(500);
        Assert.DoesNotContain("event=tampered", daemon.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("event=error", daemon.Output, StringComparison.Ordinal);
    }

    [RootFact]
    public void Reload_BySighup_KnockInProgressContinues_AndTheBlacklistedSourceStaysOut()
    {
        using var ns = new NetNs();
        IPAddress banned = ns.AddSecondClientV4();
        using var config = new TempConfig(Before);
        using Socket ssh = ns.Listen(22);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        Knock(ns, ns.ClientV4, 7001);
        Knock(ns, banned, 7666);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "stage1", ns.ClientV4) && Kernel.InList(ns, "banned", banned)));

        File.WriteAllText(config.Path, After);
        daemon.Signal(1); // SIGHUP
        Assert.True(daemon.WaitForOutput("sesame event=reload result=applied via=signal"), daemon.Output);

        Knock(ns, ns.ClientV4, 7002);
        Knock(ns, banned, 7001, 7002);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "granted", ns.ClientV4)));
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41000, timeoutMs: 2000));
        Assert.True(Kernel.InList(ns, "banned", banned));
        Assert.False(Kernel.InList(ns, "granted", banned));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41001, source: banned));
        Assert.True(daemon.WaitForOutput($"sesame event=grant list=granted src={ns.ClientV4} timeout=1h family=ip rule=4"), daemon.Output);
        Assert.False(daemon.HasExited);
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "syntax", "/ip firewall filter\nadd chain=input action=drop protocol=tcp dst-port=22\nadd chain=input action=explode\n" },
        { "unknown interface list", "/ip firewall filter\nadd chain=input in-interface-list=nowhere action=drop\n" },
        { "hostile interface name", "/ip firewall filter\nadd chain=input in-interface=\"@evil\\n}; flush ruleset #\" action=drop\n" },
        { "interface name nftables cannot hold", "/ip firewall filter\nadd chain=input in-interface=\"@ev\" action=drop\n" },
        { "hostile bytes", "/ip firewall filter\nadd chain=input action=drop comment=\"\u001b[2J\"\nadd chain=input action=accept src-address=\"1.2.3.4\\n;delete table inet sesame\"\n" },
    };

    [RootTheory]
    [MemberData(nameof(Broken))]
    public void Reload_BrokenConfig_RunningRulesStayByteForByte_AndEachErrorIsLogged(string what, string broken)
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Before);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        Knock(ns, ns.ClientV4, 7001, 7002);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "granted", ns.ClientV4)));
        string before = Listing(ns);

        File.WriteAllText(config.Path, broken);
        (int exit, _, string stderr) = SesameProcess.Run(ns.Server, "reload", "--control", daemon.ControlPath!);
        daemon.Signal(1);
        Assert.True(daemon.WaitForOutput("sesame event=reload result=refused via=signal"), what + daemon.Output);

        Assert.Equal(1, exit);
        Assert.Contains("has errors; nothing was changed, the running rules stay", stderr, StringComparison.Ordinal);
        Assert.Matches(ErrorLine(), stderr);
        Assert.Equal(before, Listing(ns));
        string[] errors = [.. daemon.Output.Split('\n').Where(l => l.StartsWith("sesame event=config-error action=reload message=", StringComparison.Ordinal))];
        Assert.NotEmpty(errors);
        Assert.All(errors, l => Assert.DoesNotContain('\u001b', l));
        Assert.Contains($"sesame event=reload result=refused via=control uid=0", daemon.Output, StringComparison.Ordinal);
        Assert.True(Kernel.InList(ns, "granted", ns.ClientV4));
        Assert.False(daemon.HasExited);
    }

    [RootFact]
    public void Reload_DuringAKnockFloodFromManySources_NoLegitimateKnockIsLost()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Before);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        using SpoofedUdp flood = SpoofedUdp.Open(ns);
        using SpoofedUdp legit = SpoofedUdp.Open(ns);
        const int Sources = 300;
        using var stop = new CancellationTokenSource();
        int flooded = 0;
        var flooder = new Thread(() =>
        {
            // Random first knocks from 10.99.0.0/16: the stage set fills with strangers while the legitimate sequences run.
            for (int i = 0; i < 2_000_000 && !stop.IsCancellationRequested; i++)
            {
                flood.Send(new IPAddress([10, 99, (byte)(i >> 8), (byte)i]), ns.ServerV4, 7001);
                flooded++;
            }
        });
        flooder.Start();
        int reloads = 0;
        var clock = Stopwatch.StartNew();
        try
        {
            for (int source = 0; source < Sources; source++)
            {
                var address = new IPAddress([10, 98, (byte)(source >> 8), (byte)source]);
                legit.Send(address, ns.ServerV4, 7001);
                legit.Send(address, ns.ServerV4, 7002);
                if (source % 30 == 0)
                {
                    File.WriteAllText(config.Path, reloads % 2 == 0 ? After : Before.Replace("7009", "7008", StringComparison.Ordinal));
                    (int exit, _, string stderr) = SesameProcess.Run(ns.Server, "reload", "--control", daemon.ControlPath!);
                    Assert.True(exit == 0, stderr);
                    reloads++;
                }
            }
        }
        finally
        {
            stop.Cancel();
            flooder.Join(TimeSpan.FromSeconds(10));
        }

        HashSet<IPAddress> granted = [.. Kernel.Lists(ns).Where(e => e.List == "granted").Select(e => IpRange.ToAddress(e.Family, e.Address.First))];
        int missing = Enumerable.Range(0, Sources).Count(s => !granted.Contains(new IPAddress([10, 98, (byte)(s >> 8), (byte)s])));
        output.WriteLine($"{Sources} legitimate two-knock sequences, {reloads} reloads, {flooded} flood packets in {clock.Elapsed.TotalSeconds:0.0} s; lost: {missing}");
        Assert.True(missing == 0, $"{missing} of {Sources} legitimate sequences lost across {reloads} reloads ({flooded} flood packets, {clock.Elapsed.TotalSeconds:0.0} s)");
        Assert.Equal(10, reloads);
        Assert.True(flooded > 1000, flooded.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(daemon.HasExited);
    }

    [RootFact]
    public void Serve_RestartWithAnotherSetSize_EachSetIsMigratedWithItsEntriesAndTheirTime()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Before);
        TimeSpan before;
        using (SesameProcess first = SesameProcess.StartServe(ns, config.Path, "--set-size", "1000"))
        {
            Knock(ns, ns.ClientV4, 7001, 7002);
            Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "granted", ns.ClientV4)));
            first.Signal(15);
            Assert.True(first.WaitForExit(TimeSpan.FromSeconds(10)));
            before = Expires(ns, "granted", ns.ClientV4);
        }

        using SesameProcess second = SesameProcess.StartServe(ns, config.Path, "--set-size", "2000");

        Assert.Contains("size 2000", NftShell.Must(ns.Server, "list", "set", "inet", "sesame", "v4_granted"), StringComparison.Ordinal);
        Assert.InRange(Expires(ns, "granted", ns.ClientV4), before - TimeSpan.FromSeconds(10), before);
        Assert.True(Kernel.InList(ns, "stage1", ns.ClientV4));
        Assert.Contains("sesame event=set-migrated set=v4_granted", second.Output, StringComparison.Ordinal);
        Assert.Contains("entries=2", second.Output, StringComparison.Ordinal); // the daemon watches what it found
    }

    /// <summary>UDP knocks from <paramref name="source"/>, in order (spoofed from the client namespace, so any address of it works).</summary>
    internal static void Knock(NetNs ns, IPAddress source, params int[] ports)
    {
        using SpoofedUdp udp = SpoofedUdp.Open(ns);
        foreach (int port in ports)
        {
            udp.Send(source, ns.ServerV4, port);
            Thread.Sleep(20);
        }
    }

    internal static TimeSpan Expires(NetNs ns, string list, IPAddress address) =>
        Kernel.Lists(ns).Single(e => e.List == list && e.Address == IpRange.Host(address)).Expires ?? throw new InvalidOperationException("no timeout");

    /// <summary>The whole table with handles and elements, as nft prints it; only the running-down times are blanked.</summary>
    internal static string Listing(NetNs ns) =>
        Expiry().Replace(NftShell.Must(ns.Server, "-a", "list", "table", "inet", "sesame"), "expires *");

    [GeneratedRegex(@"expires [0-9hdwms]+")]
    private static partial Regex Expiry();

    [GeneratedRegex(@"\.rsc(:\d+:\d+)?: error( SES\d{4})?: ")]
    private static partial Regex ErrorLine();
}
