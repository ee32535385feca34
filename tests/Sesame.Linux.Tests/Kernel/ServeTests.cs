using System.Net;
using System.Net.Sockets;

namespace Sesame.Tests.Kernel;

/// <summary>
/// <c>sesame serve</c> as a real process in the server namespace, the seeds' config protecting a real TCP service on port
/// 22, and real peers in the client namespace: the Debian <c>knock</c> client, <c>nmap</c>, UDP passphrases.
/// </summary>
public sealed class ServeTests
{
    private const string Seed = "000-manual-old-en.rsc";

    [RootFact]
    public void Serve_SeedSequenceFromKnockClient_OpensPortForThatSourceOnly()
    {
        Assert.True(Peers.HaveKnock, "needs the Debian knock client (apt-get install knockd)");
        using var ns = new NetNs();
        IPAddress other = ns.AddSecondClientV4();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        using Socket service = ns.Listen(22);
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41000));

        Peers.Knock(ns, ns.ServerV4, 888, 555, 222);

        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)));
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41001, timeoutMs: 2000));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41002, source: other));
        Assert.True(daemon.WaitForOutput($"sesame event=grant list=secured src={ns.ClientV4} timeout=30m family=ip rule=3"), daemon.Output);
        Assert.Contains($"event=stage list=888 src={ns.ClientV4} timeout=30s", daemon.Output, StringComparison.Ordinal);
    }

    [RootFact]
    public void Serve_KnocksInWrongOrder_PortStaysClosed()
    {
        Assert.True(Peers.HaveKnock, "needs the Debian knock client (apt-get install knockd)");
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        using Socket service = ns.Listen(22);

        Peers.Knock(ns, ns.ServerV4, 888, 222, 555);

        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "555", ns.ClientV4)));
        Assert.False(Kernel.InList(ns, "secured", ns.ClientV4));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41000));
    }

    [RootFact]
    public void Serve_StepSlowerThanTheStageTimeout_PortStaysClosed()
    {
        Assert.True(Peers.HaveKnock, "needs the Debian knock client (apt-get install knockd)");
        using var ns = new NetNs();
        // The seed's 30 s stages, shortened to 1 s so the test does not wait half a minute.
        using var config = new TempConfig(SeedFixtures.Read(Seed).Replace("address-list-timeout=30s", "address-list-timeout=1s", StringComparison.Ordinal));
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        using Socket service = ns.Listen(22);

        Peers.Knock(ns, ns.ServerV4, 888);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "888", ns.ClientV4)));
        Assert.True(Kernel.WaitFor(() => !Kernel.InList(ns, "888", ns.ClientV4), TimeSpan.FromSeconds(5)));
        Peers.Knock(ns, ns.ServerV4, 555, 222);

        Thread.Sleep(200);
        Assert.False(Kernel.InList(ns, "secured", ns.ClientV4));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41000));
        Assert.True(daemon.WaitForOutput($"sesame event=expire role=stage list=888 src={ns.ClientV4}"), daemon.Output);
    }

    [RootFact]
    public void Serve_NmapFullSynScanWithBlacklistEnabled_DoesNotOpenPort()
    {
        Assert.True(Peers.HaveNmap, "needs nmap");
        using var ns = new NetNs();
        using var config = new TempConfig(SeedFixtures.Read(Seed).Replace(" disabled=yes", "", StringComparison.Ordinal));
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        using Socket service = ns.Listen(22);

        Peers.Nmap(ns, TimeSpan.FromMinutes(4), "-sS", "-p-", "-Pn", "-n", "-T5", "--max-retries", "0", "--min-rate", "5000", ns.ServerV4.ToString());

        Assert.True(Kernel.InList(ns, "blacklist", ns.ClientV4));
        Assert.False(Kernel.InList(ns, "secured", ns.ClientV4));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41000));
        Assert.True(daemon.WaitForOutput($"sesame event=blacklist list=blacklist src={ns.ClientV4}"), daemon.Output);
    }

    [RootFact]
    public void Serve_Layer7LiteralPassphrase_OnlyTheRightPayloadOpens()
    {
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed("001-slides-layer7.rsc");
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        using Socket service = ns.Listen(22);

        ns.SendUdp(ns.ServerV4, 1234, 42000, "supersecretpassword"u8.ToArray());
        ns.SendUdp(ns.ServerV4, 1234, 42001, "supersecretpassword1\n"u8.ToArray());
        Thread.Sleep(200);
        Assert.False(Kernel.InList(ns, "temporary", ns.ClientV4));

        ns.SendUdp(ns.ServerV4, 1234, 42002, "supersecretpassword1"u8.ToArray());
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "temporary", ns.ClientV4)));
        ns.SendUdp(ns.ServerV4, 4321, 42003, "supersecretpassword2"u8.ToArray());
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)));
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41000, timeoutMs: 2000));
        Assert.True(daemon.WaitForOutput("via=kernel"), daemon.Output);
    }

    [RootFact]
    public void Serve_Layer7RegexPassphrase_DaemonOpensOnlyForMatchingPayload()
    {
        using var ns = new NetNs();
        using var config = new TempConfig("""
            /ip firewall layer7-protocol
            add name=otp regexp="^open-[0-9]{4}-sesame\$"
            /ip firewall filter
            add action=add-src-to-address-list address-list=temporary address-list-timeout=30s chain=input dst-port=1234 layer7-protocol=otp protocol=udp
            add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=4321 protocol=tcp src-address-list=temporary
            add action=accept chain=input src-address-list=secured
            add action=drop chain=input
            """);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        using Socket service = ns.Listen(22);

        ns.SendUdp(ns.ServerV4, 1234, 42000, "open-12a4-sesame"u8.ToArray());
        ns.SendUdp(ns.ServerV4, 1234, 42001, "open-1234-sesame\n"u8.ToArray());
        ns.SendUdp(ns.ServerV4, 1234, 42002, "xopen-1234-sesame"u8.ToArray());
        Assert.True(daemon.WaitForOutput("event=layer7-miss"), daemon.Output);
        Thread.Sleep(200);
        Assert.False(Kernel.InList(ns, "temporary", ns.ClientV4));

        ns.SendUdp(ns.ServerV4, 1234, 42003, "OPEN-2026-Sesame"u8.ToArray());
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "temporary", ns.ClientV4)));
        Assert.Contains(Kernel.Lists(ns), e => e.List == "temporary" && e.Timeout == TimeSpan.FromSeconds(30));
        ns.TryConnect(ns.ServerV4, 4321, 41000);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)));
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41001, timeoutMs: 2000));
        Assert.True(daemon.WaitForOutput($"sesame event=stage list=temporary src={ns.ClientV4} timeout=30s family=ip rule=0 via=layer7"), daemon.Output);
    }

    [RootFact]
    public void Serve_Ipv6Knock_OpensPortTheSameWay()
    {
        Assert.True(Peers.HaveKnock, "needs the Debian knock client (apt-get install knockd)");
        using var ns = new NetNs();
        using var config = new TempConfig(SeedFixtures.Read(Seed).Replace("/ip firewall filter", "/ipv6 firewall filter", StringComparison.Ordinal));
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        using Socket service = ns.Listen(22);
        Assert.False(ns.TryConnect(ns.ServerV6, 22, 41000));

        Peers.Knock(ns, ns.ServerV6, 888, 555, 222);

        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV6)));
        Assert.True(ns.TryConnect(ns.ServerV6, 22, 41001, timeoutMs: 2000));
        Assert.True(daemon.WaitForOutput($"sesame event=grant list=secured src={ns.ClientV6} timeout=30m family=ipv6 rule=3"), daemon.Output);
    }
}
