using System.Net.Sockets;
using Sesame.Linux.Nftables;

namespace Sesame.Tests.Kernel;

/// <summary>
/// What <c>serve</c> does when an address list's set is full (docs/serve.md, "Full sets"): a knock-stage set is emptied
/// so that a flood of spoofed first knocks cannot lock the door; a grant set is kept. The sets are made small with
/// <c>--set-size</c> and filled by hand, as a flood would fill them.
/// </summary>
public sealed class ServeFullSetTests
{
    private const string Seed = "000-manual-old-en.rsc";

    [RootFact]
    public void Serve_FirstKnockSetFull_DaemonEmptiesIt_AndTheNextSequenceOpens()
    {
        Assert.True(Peers.HaveKnock, "needs the Debian knock client (apt-get install knockd)");
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--set-size", "16");
        using Socket service = ns.Listen(22);
        Fill(ns, "v4_888", 16);
        Assert.Equal(16, Kernel.Lists(ns).Count(e => e.List == "888"));

        Peers.Knock(ns, ns.ServerV4, 888); // refused by the full set: this one is lost

        Assert.True(daemon.WaitForOutput("sesame event=set-full list=888 family=ip action=emptied"), daemon.Output);
        Assert.True(Kernel.WaitFor(() => !Kernel.Lists(ns).Any(e => e.List == "888")), "the filler entries are gone");
        Peers.Knock(ns, ns.ServerV4, 888, 555, 222);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)), daemon.Output);
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41001, timeoutMs: 2000));
    }

    [RootFact]
    public void Serve_GrantSetFull_IsKept_AndTheNewSourceStaysOut()
    {
        Assert.True(Peers.HaveKnock, "needs the Debian knock client (apt-get install knockd)");
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--set-size", "4");
        using Socket service = ns.Listen(22);
        Fill(ns, "v4_secured", 4);

        Peers.Knock(ns, ns.ServerV4, 888, 555, 222);

        Assert.True(daemon.WaitForOutput("sesame event=set-full list=secured family=ip action=kept"), daemon.Output);
        Assert.Equal(4, Kernel.Lists(ns).Count(e => e.List == "secured"));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41002));
    }

    [RootFact]
    public void Serve_MoreKnocksThanTheReportRate_KernelCountsThemAll_AndTheDaemonSaysHowManyItWasNotTold()
    {
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--report-rate", "1");

        for (int i = 0; i < 40; i++)
        {
            ns.TryConnect(ns.ServerV4, 888, 42000 + i, timeoutMs: 10);
        }

        Assert.True(Kernel.WaitFor(() => Kernel.Counters(ns).Single(c => c.Index == 1).Packets >= 40));
        // The rule reported at most its burst plus one a second; every 10 s the daemon logs what it was not told of.
        Assert.True(Kernel.WaitFor(() => daemon.Output.Contains("sesame event=unreported list=888 family=ip rule=1 packets=", StringComparison.Ordinal), TimeSpan.FromSeconds(15)), daemon.Output);
        Assert.Contains("sesame event=stage list=888 src=" + ns.ClientV4, daemon.Output, StringComparison.Ordinal);
    }

    /// <summary>Puts <paramref name="count"/> addresses of 100.64.0.0/16 into a set, each for two minutes.</summary>
    private static void Fill(NetNs ns, string set, int count) => ns.InServer(() =>
    {
        using var nft = new NftContext();
        string elements = string.Join(", ", Enumerable.Range(1, count).Select(i => $"100.64.{i / 256}.{i % 256} timeout 2m"));
        nft.Run($"add element inet sesame {set} {{ {elements} }}\n");
        return 0;
    });
}
