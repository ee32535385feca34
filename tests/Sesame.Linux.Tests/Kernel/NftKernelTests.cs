using System.Net;
using System.Net.Sockets;
using System.Text;
using Sesame.Linux.Nftables;
using Sesame.Model;

namespace Sesame.Tests.Kernel;

/// <summary>The compiled seeds in a real kernel, with real packets through a veth pair between two namespaces.</summary>
public sealed class NftKernelTests
{
    [RootFact]
    public void Apply_SeedKnocksInOrder_SecureClientAndOpenProtectedPort()
    {
        using var ns = new NetNs();
        Kernel.Apply(ns, Configs.Seed("000-manual-old-en.rsc"));
        using Socket listener = ns.Listen(22);

        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41000));
        ns.TryConnect(ns.ServerV4, 888, 41001);
        ns.TryConnect(ns.ServerV4, 555, 41002);
        ns.TryConnect(ns.ServerV4, 222, 41003);

        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)));
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41004, timeoutMs: 2000));
    }

    [RootFact]
    public void Apply_SeedKnocksInWrongOrder_DoNotSecureClient()
    {
        using var ns = new NetNs();
        Kernel.Apply(ns, Configs.Seed("000-manual-old-en.rsc"));
        using Socket listener = ns.Listen(22);

        ns.TryConnect(ns.ServerV4, 888, 41001);
        ns.TryConnect(ns.ServerV4, 222, 41002);
        ns.TryConnect(ns.ServerV4, 555, 41003);

        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "555", ns.ClientV4)));
        Assert.False(Kernel.InList(ns, "secured", ns.ClientV4));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41004));
    }

    [RootFact]
    public void Apply_Ipv6Rules_KnockWorksTheSame()
    {
        using var ns = new NetNs();
        string script = SeedFixtures.Read("000-manual-old-en.rsc").Replace("/ip firewall filter", "/ipv6 firewall filter", StringComparison.Ordinal);
        Kernel.Apply(ns, Configs.Parse(script));
        using Socket listener = ns.Listen(22);

        Assert.False(ns.TryConnect(ns.ServerV6, 22, 41000));
        ns.TryConnect(ns.ServerV6, 888, 41001);
        ns.TryConnect(ns.ServerV6, 555, 41002);
        ns.TryConnect(ns.ServerV6, 222, 41003);

        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV6)));
        Assert.True(ns.TryConnect(ns.ServerV6, 22, 41004, timeoutMs: 2000));
        Assert.Contains(Kernel.Lists(ns), e => e.List == "secured" && e.Family == Net.IpFamily.V6 && e.Timeout == TimeSpan.FromMinutes(30));
    }

    [RootFact]
    public void Apply_Layer7PassphraseKnock_OnlyTheExactPassphraseCounts()
    {
        using var ns = new NetNs();
        Kernel.Apply(ns, Configs.Seed("001-slides-layer7.rsc"));

        ns.SendUdp(ns.ServerV4, 1234, 42000, "wrongpassword1"u8.ToArray());
        ns.SendUdp(ns.ServerV4, 1234, 42001, "supersecretpassword1\n"u8.ToArray());
        ns.SendUdp(ns.ServerV4, 1234, 42002, "supersecretpassword"u8.ToArray());
        Thread.Sleep(200);
        Assert.False(Kernel.InList(ns, "temporary", ns.ClientV4));

        ns.SendUdp(ns.ServerV4, 1234, 42003, Encoding.ASCII.GetBytes("SuperSecretPassword1"));
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "temporary", ns.ClientV4)));
        ns.SendUdp(ns.ServerV4, 4321, 42004, "supersecretpassword2"u8.ToArray());
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)));
    }

    [RootFact]
    public void Apply_Again_KeepsDynamicEntriesAndCountsPerRule()
    {
        using var ns = new NetNs();
        FirewallConfig config = Configs.Seed("000-manual-old-en.rsc");
        Kernel.Apply(ns, config);
        ns.TryConnect(ns.ServerV4, 888, 41001);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "888", ns.ClientV4)));

        Kernel.Apply(ns, config);

        NftAddressListElement entry = Assert.Single(Kernel.Lists(ns), e => e.List == "888");
        Assert.Equal(IPAddress.Parse(entry.Address.ToString()), ns.ClientV4);
        Assert.True(entry.Expires > TimeSpan.FromSeconds(25));
        IReadOnlyList<NftRuleCounter> counters = Kernel.Counters(ns);
        Assert.Equal(config.Ipv4Filter.Count, counters.Count);
        Assert.Equal(1ul, counters[1].Packets);
        Assert.Equal(0ul, counters[0].Packets);
    }

    /// <summary>
    /// none-dynamic ends the entry's 30 s timeout (the engine's decision, docs/semantics.md): the kernel holds it with
    /// RouterOS's longest timeout, so that a later timed rule can still make it expire (DynamicWithoutTimeoutTests).
    /// </summary>
    [RootFact]
    public void Apply_NoneDynamicHitOnTimedEntry_LeavesItWithTheLongestTimeout()
    {
        using var ns = new NetNs();
        Kernel.Apply(ns, Configs.Parse("""
            /ip firewall filter
            add chain=input protocol=tcp dst-port=1001 action=add-src-to-address-list address-list=k address-list-timeout=30s
            add chain=input protocol=tcp dst-port=1002 action=add-src-to-address-list address-list=k address-list-timeout=none-dynamic
            add chain=input protocol=tcp action=drop
            """));

        ns.TryConnect(ns.ServerV4, 1001, 41001);
        Assert.True(Kernel.WaitFor(() => Kernel.Lists(ns).Any(e => e.List == "k" && e.Expires is not null)));
        ns.TryConnect(ns.ServerV4, 1002, 41002);

        Assert.True(Kernel.WaitFor(() => Kernel.Lists(ns).Any(e => e.List == "k" && e.Expires > TimeSpan.FromDays(200))));
        Assert.Single(Kernel.Lists(ns), e => e.List == "k");
    }

    [RootFact]
    public void Apply_ForeignTableInNamespace_IsLeftUntouched()
    {
        using var ns = new NetNs();
        const string Foreign = """
            add table ip foreign
            add chain ip foreign c { type filter hook input priority 10; policy accept; }
            add set ip foreign s { type ipv4_addr; }
            add element ip foreign s { 192.0.2.1 }
            add rule ip foreign c ip saddr @s drop
            """;
        (string before, string after, bool refused) = ns.InServer(() =>
        {
            using var nft = new NftContext();
            nft.Run(Foreign);
            string listed = nft.Run("list table ip foreign");
            nft.Apply(NftCompiler.Compile(Configs.Seed("000-manual-old-en.rsc")));
            nft.Apply(NftCompiler.Compile(Configs.Seed("001-slides-layer7.rsc")));
            // A command whose fields name another table is refused on the data, and with it the whole transaction.
            var foreign = NftCommand.Of("delete", "table", new System.Text.Json.Nodes.JsonObject { ["family"] = "ip", ["name"] = "foreign" });
            bool threw = Assert.Throws<NftException>(() => nft.Apply(new NftRuleset([NftCommand.Of("add", "table", []), foreign]))) is not null;
            return (listed, nft.Run("list table ip foreign"), threw);
        });

        Assert.True(refused);
        Assert.Equal(before, after);
    }

    [RootFact]
    public void Apply_EverySeedOneAfterAnother_IsAcceptedByTheKernel()
    {
        using var ns = new NetNs();
        foreach (string seed in SeedFixtures.Names)
        {
            Kernel.Apply(ns, Configs.Seed(seed));
        }

        Assert.NotEmpty(Kernel.Counters(ns));
    }
}
