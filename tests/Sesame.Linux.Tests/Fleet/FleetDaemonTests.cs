using System.Net;
using System.Net.Sockets;
using Sesame.Fleet;
using Sesame.Linux.Daemon;
using Sesame.Linux.Nftables;
using Sesame.Net;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Fleet;

/// <summary>
/// The daemon's side of fleet mode against the real kernel, with a fake link: what it publishes (grants, blacklistings,
/// other processes' changes, expiries; never knock stages unless shared), and what it does with other nodes' entries
/// (applied with their time left, or refused — a garbage address, an unknown list, a list it keeps local).
/// </summary>
public sealed class FleetDaemonTests
{
    private const string Seed = "000-manual-old-en.rsc";

    [RootFact]
    public void Received_GrantFromAnotherNode_InTheKernelWithItsTimeLeftAndTheDoorOpens()
    {
        using var ns = new NetNs();
        var link = new FakeFleetLink();
        using DaemonRun run = DaemonRun.Start(ns, Configs.Seed(Seed), Options(link));
        using Socket service = ns.Listen(22);
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41000));

        link.Events!.Received([Entry(1, "secured", ns.ClientV4.ToString(), TimeSpan.FromSeconds(20))]);

        NftAddressListElement element = Kernel.Kernel.Lists(ns).Single(e => e.List == "secured" && e.Address.Contains(ns.ClientV4));
        Assert.InRange(element.Expires!.Value, TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(20));
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41001, timeoutMs: 2000));
        Assert.True(run.WaitForLog($"list=secured src={ns.ClientV4} timeout="), run.Log);
        Assert.Contains("via=fleet origin=a", run.Log, StringComparison.Ordinal);
        Assert.Empty(link.Published); // another node's grant is not sent back
    }

    [RootFact]
    public void Received_Ipv6AndPermanentEntries_Applied_Ipv6RefusedWhereTheListHasNoIpv6Set()
    {
        using var ns = new NetNs();
        var link = new FakeFleetLink();
        string config = SeedFixtures.Read(Seed) + "\n/ipv6 firewall filter\nadd action=accept chain=input src-address-list=secured\n";
        using DaemonRun run = DaemonRun.Start(ns, Configs.Parse(config, Seed), Options(link));

        link.Events!.Received([Entry(1, "secured", "2001:db8::7", TimeSpan.FromMinutes(5)), Entry(2, "secured", "192.0.2.9", null)]);

        IReadOnlyList<NftAddressListElement> lists = Kernel.Kernel.Lists(ns);
        Assert.Contains(lists, e => e.List == "secured" && e.Address.Contains(IPAddress.Parse("2001:db8::7")));
        NftAddressListElement permanent = lists.Single(e => e.List == "secured" && e.Address.Contains(IPAddress.Parse("192.0.2.9")));
        Assert.Null(permanent.Timeout);

        using var v4Only = new NetNs();
        var other = new FakeFleetLink();
        using DaemonRun ipv4Run = DaemonRun.Start(v4Only, Configs.Seed(Seed), Options(other));
        other.Events!.Received([Entry(1, "secured", "2001:db8::7", TimeSpan.FromMinutes(5))]);
        Assert.True(ipv4Run.WaitForLog("reason=not-shared"), ipv4Run.Log);
    }

    [RootFact]
    public void Received_GarbageUnknownOrLocalLists_RefusedAndLoggedAndNothingEntersTheKernel()
    {
        using var ns = new NetNs();
        var link = new FakeFleetLink();
        using DaemonRun run = DaemonRun.Start(ns, Configs.Seed(Seed), Options(link));

        link.Events!.Received([
            Entry(1, "secured", "not-an-address", TimeSpan.FromMinutes(5)),
            Entry(2, "secured", "10.0.0.0/8", TimeSpan.FromMinutes(5)),
            Entry(3, "secured", "192.0.2.1\nsesame event=grant list=secured src=6.6.6.6", TimeSpan.FromMinutes(5)),
            Entry(4, "nope\u001b[31m", "192.0.2.2", TimeSpan.FromMinutes(5)),
            Entry(5, "888", "192.0.2.3", TimeSpan.FromMinutes(5)), // a knock stage: local by default
            Entry(6, "secured", new string('1', 1 << 20), TimeSpan.FromMinutes(5)),
            Entry(7, "secured", "", TimeSpan.FromMinutes(5)),
        ]);

        Assert.True(run.WaitForLog("reason=not-shared"), run.Log);
        Assert.DoesNotContain(Kernel.Kernel.Lists(ns), e => e.Address.Family == IpFamily.V4 && e.List is "secured" or "888");
        string[] lines = run.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("sesame event=", l, StringComparison.Ordinal));
        Assert.Equal(5, lines.Count(l => l.Contains("event=fleet-reject", StringComparison.Ordinal) && l.Contains("reason=address", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("event=fleet-reject", StringComparison.Ordinal) && l.Contains("reason=list", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', run.Log);
        Assert.DoesNotContain(lines, l => l.StartsWith("sesame event=grant", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.Length < 2000, "a line carries a megabyte of somebody else's text"));
    }

    [RootFact]
    public void Received_Removal_EntryGoesAndIsLogged()
    {
        using var ns = new NetNs();
        var link = new FakeFleetLink();
        using DaemonRun run = DaemonRun.Start(ns, Configs.Seed(Seed), Options(link));
        link.Events!.Received([Entry(1, "secured", ns.ClientV4.ToString(), TimeSpan.FromMinutes(5))]);
        Assert.True(Kernel.Kernel.InList(ns, "secured", ns.ClientV4));

        link.Events.Received([new FleetEntry(2, "b", "secured", ns.ClientV4.ToString(), FleetOp.Remove, null)]);

        Assert.False(Kernel.Kernel.InList(ns, "secured", ns.ClientV4));
        Assert.True(run.WaitForLog($"event=remove role=grant list=secured src={ns.ClientV4} family=ip via=fleet origin=b"), run.Log);
    }

    [RootFact]
    public void Received_PutWhoseTimeIsUpOrExpiry_NeverApplied()
    {
        using var ns = new NetNs();
        var link = new FakeFleetLink();
        using DaemonRun run = DaemonRun.Start(ns, Configs.Seed(Seed), Options(link));

        link.Events!.Received([
            Entry(1, "secured", "192.0.2.1", TimeSpan.Zero),
            Entry(2, "secured", "192.0.2.2", TimeSpan.FromSeconds(-5)),
            new FleetEntry(3, "a", "secured", "192.0.2.3", FleetOp.Expire, null),
        ]);

        Assert.DoesNotContain(Kernel.Kernel.Lists(ns), e => e.List == "secured");
    }

    [RootFact]
    public void Knock_GrantPublishedStagesNot_AndItsExpiryToo()
    {
        using var ns = new NetNs();
        var link = new FakeFleetLink();
        string config = SeedFixtures.Read(Seed).Replace("address-list-timeout=30m", "address-list-timeout=2s", StringComparison.Ordinal);
        using DaemonRun run = DaemonRun.Start(ns, Configs.Parse(config, Seed), Options(link));

        Knock(ns, 888, 555, 222);

        Assert.True(Kernel.Kernel.WaitFor(() => link.Published.Any(c => c.List == "secured"), TimeSpan.FromSeconds(5)), run.Log);
        FleetChange grant = link.Published.First(c => c.List == "secured");
        Assert.Equal(FleetOp.Put, grant.Op);
        Assert.Equal(IpRange.Host(ns.ClientV4), grant.Address);
        Assert.Equal(TimeSpan.FromSeconds(2), grant.TimeLeft);
        Assert.DoesNotContain(link.Published, c => c.List is "888" or "555");
        Assert.True(Kernel.Kernel.WaitFor(() => link.Published.Any(c => c.List == "secured" && c.Op == FleetOp.Expire), TimeSpan.FromSeconds(8)), run.Log);
    }

    [RootFact]
    public void OtherProcess_AddsAndDeletesAnElement_BothPublished()
    {
        using var ns = new NetNs();
        var link = new FakeFleetLink();
        using DaemonRun run = DaemonRun.Start(ns, Configs.Seed(Seed), Options(link));

        NftShell.Must(ns.Server, "add", "element", "inet", "sesame", "v4_secured", "{ 198.51.100.7 timeout 1m }");
        NftShell.Must(ns.Server, "delete", "element", "inet", "sesame", "v4_secured", "{ 198.51.100.7 }");
        NftShell.Must(ns.Server, "add", "element", "inet", "sesame", "v4_888", "{ 198.51.100.8 timeout 1m }");

        var address = IpRange.Host(IPAddress.Parse("198.51.100.7"));
        Assert.True(Kernel.Kernel.WaitFor(() => link.Published.Any(c => c.Address == address && c.Op == FleetOp.Remove), TimeSpan.FromSeconds(5)), run.Log);
        FleetChange put = link.Published.First(c => c.Address == address);
        Assert.Equal(FleetOp.Put, put.Op);
        Assert.InRange(put.TimeLeft!.Value, TimeSpan.FromSeconds(55), TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(link.Published, c => c.List == "888");
    }

    [RootFact]
    public void OtherProcess_FlushesAList_EveryEntryRemovedInTheFleet()
    {
        using var ns = new NetNs();
        var link = new FakeFleetLink();
        using DaemonRun run = DaemonRun.Start(ns, Configs.Seed(Seed), Options(link));
        NftShell.Must(ns.Server, "add", "element", "inet", "sesame", "v4_secured", "{ 198.51.100.7 timeout 1m, 198.51.100.8 }");

        NftShell.Must(ns.Server, "flush", "set", "inet", "sesame", "v4_secured");

        Assert.True(Kernel.Kernel.WaitFor(() => link.Published.Count(c => c.Op == FleetOp.Remove) == 2, TimeSpan.FromSeconds(5)),
            string.Join('\n', link.Published));
    }

    [RootFact]
    public void Choices_LocalGrantListAndSharedStage_FollowTheNodesOptions()
    {
        using var ns = new NetNs();
        var link = new FakeFleetLink();
        using DaemonRun run = DaemonRun.Start(ns, Configs.Seed(Seed), Options(link) with { FleetLocal = ["secured"], FleetShare = ["888"] });

        Knock(ns, 888, 555, 222);
        Assert.True(Kernel.Kernel.WaitFor(() => Kernel.Kernel.InList(ns, "secured", ns.ClientV4), TimeSpan.FromSeconds(5)));
        link.Events!.Received([Entry(1, "secured", "192.0.2.1", TimeSpan.FromMinutes(5)), Entry(2, "888", "192.0.2.2", TimeSpan.FromMinutes(5))]);

        Assert.True(Kernel.Kernel.WaitFor(() => link.Published.Any(c => c.List == "888"), TimeSpan.FromSeconds(5)), run.Log);
        Assert.DoesNotContain(link.Published, c => c.List == "secured");
        Assert.True(run.WaitForLog("reason=not-shared"), run.Log);
        Assert.True(Kernel.Kernel.InList(ns, "888", IPAddress.Parse("192.0.2.2")));
        Assert.False(Kernel.Kernel.InList(ns, "secured", IPAddress.Parse("192.0.2.1")));
        Assert.Contains("event=fleet-start node=here shared=888", run.Log, StringComparison.Ordinal);
    }

    [RootFact]
    public void Link_LostAndJoined_LoggedAndCounted()
    {
        using var ns = new NetNs();
        var link = new FakeFleetLink();
        using DaemonRun run = DaemonRun.Start(ns, Configs.Seed(Seed), Options(link));

        link.Events!.Lost("connection refused");
        link.Events.Lost("connection refused"); // the link retries: one line, not one per attempt
        link.Events.Joined(TimeSpan.FromSeconds(31), sent: 3, caughtUp: 7);
        link.Events.Lost("terminating connection due to administrator command");

        Assert.True(run.WaitForLog("event=fleet-lost node=here reason=\"terminating connection"), run.Log);
        Assert.Single(run.Log.Split('\n'), l => l.Contains("reason=\"connection refused\"", StringComparison.Ordinal));
        Assert.Contains("event=fleet-joined node=here out-for-ms=31000 sent=3 caught-up=7", run.Log, StringComparison.Ordinal);
    }

    private static DaemonOptions Options(FakeFleetLink link) => new() { Fleet = link };

    private static FleetEntry Entry(long seq, string list, string address, TimeSpan? timeLeft) =>
        new(seq, "a", list, address, FleetOp.Put, timeLeft);

    private static void Knock(NetNs ns, params int[] ports)
    {
        int source = 42000;
        foreach (int port in ports)
        {
            ns.TryConnect(ns.ServerV4, port, source++, timeoutMs: 100);
            Thread.Sleep(50);
        }
    }
}
