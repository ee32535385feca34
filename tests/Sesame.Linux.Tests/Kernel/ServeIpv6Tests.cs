using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sesame.Linux.Nftables;

namespace Sesame.Tests.Kernel;

/// <summary>
/// Every door shut on both families, with real packets: <c>sesame serve</c> in the server namespace guarding a real TCP
/// service on port 22, and <c>sesame knock -4/-6</c> in the client namespace.
/// </summary>
public sealed class ServeIpv6Tests
{
    private const string Seed = "000-manual-old-en.rsc";

    private static void KnockWith(NetNs ns, IPAddress server, params int[] ports)
    {
        string family = server.AddressFamily == AddressFamily.InterNetwork ? "-4" : "-6";
        (int exit, string output, string error) = SesameProcess.Run(ns.Client,
            ["knock", family, "-d", "100", server.ToString(), .. ports.Select(p => p.ToString(CultureInfo.InvariantCulture))]);
        Assert.True(exit == 0, $"sesame knock exited {exit}: {output}{error}");
    }

    /// <summary>Shut over IPv6 before any knock; an IPv4 sequence opens IPv4 only; an IPv6 sequence opens IPv6.</summary>
    private static void AssertShutOnBothFamiliesUntilEachKnocks(NetNs ns, SesameProcess daemon, string granted)
    {
        Assert.False(ns.TryConnect(ns.ServerV6, 22, 41000));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41001));

        KnockWith(ns, ns.ServerV4, 888, 555, 222);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, granted, ns.ClientV4)), daemon.Output);
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41002, timeoutMs: 2000));
        Assert.False(ns.TryConnect(ns.ServerV6, 22, 41003));
        Assert.False(Kernel.InList(ns, granted, ns.ClientV6));

        KnockWith(ns, ns.ServerV6, 888, 555, 222);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, granted, ns.ClientV6)), daemon.Output);
        Assert.True(ns.TryConnect(ns.ServerV6, 22, 41004, timeoutMs: 2000));
        Assert.True(daemon.WaitForOutput($"event=grant list={granted} src={ns.ClientV6}"), daemon.Output);
        Assert.Contains("family=ipv6", daemon.Output, StringComparison.Ordinal);
    }

    [RootFact]
    public void Serve_DoorProfile_Ipv6StaysShutUntilAnIpv6Knock()
    {
        using var ns = new NetNs();
        using var profile = new TempConfig("""
            interfaces:
              outside: [ether1]
            doors:
              - name: admin
                knocks: [888, 555, 222]
                open: [22]
            """, ".yaml");
        using SesameProcess daemon = SesameProcess.StartServe(ns, profile.Path);
        using Socket service = ns.Listen(22);

        AssertShutOnBothFamiliesUntilEachKnocks(ns, daemon, "admin-secured");
        Assert.DoesNotContain("SES0540", daemon.Error, StringComparison.Ordinal);
    }

    [RootFact]
    public void Serve_SeedWithIpv6Mirror_Ipv6StaysShutUntilAnIpv6Knock()
    {
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--ipv6=mirror");
        using Socket service = ns.Listen(22);

        AssertShutOnBothFamiliesUntilEachKnocks(ns, daemon, "secured");
        Assert.DoesNotContain("SES0540", daemon.Error, StringComparison.Ordinal);
    }

    [RootFact]
    public void Serve_SeedAsConfigured_WarnsThatIpv6IsOpenAndItIs()
    {
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        using Socket service = ns.Listen(22);

        // RouterOS semantics: no /ipv6 firewall filter, so IPv6 is accepted — and serve says so where an admin looks.
        Assert.True(ns.TryConnect(ns.ServerV6, 22, 41000, timeoutMs: 2000));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41001));
        Assert.Contains("warning SES0540: IPv6 is not filtered: all input behind the door 888 → 555 → 222 (tcp/22 ssh", daemon.Error, StringComparison.Ordinal);
        Assert.True(daemon.WaitForOutput("sesame event=warning code=SES0540 at="), daemon.Output);
    }

    [RootFact]
    public void Serve_MirrorOfAConfigWithIpv6Rules_RefusesAndAppliesNothing()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(SeedFixtures.Read(Seed) + "/ipv6 firewall filter\nadd action=accept chain=input\n");

        (int exit, _, string error) = SesameProcess.Run(ns.Server, "serve", config.Path, "--ipv6=mirror");

        Assert.Equal(1, exit);
        Assert.Contains("error SES0541", error, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", error, StringComparison.Ordinal);
        Assert.False(ns.InServer(() =>
        {
            using var nft = new NftContext();
            return nft.TableExists();
        }));
    }

    [RootFact]
    public void Serve_DoorProfileWithoutStaticNeighbours_Ipv6KnockStillWorks()
    {
        using var ns = new NetNs();
        ns.ForgetIpv6Neighbours();
        using var profile = new TempConfig("""
            interfaces:
              outside: [ether1]
            doors:
              - name: admin
                knocks: [888, 555, 222]
                open: [22]
            """, ".yaml");
        using SesameProcess daemon = SesameProcess.StartServe(ns, profile.Path);
        using Socket service = ns.Listen(22);
        Assert.False(ns.TryConnect(ns.ServerV6, 22, 41000, timeoutMs: 2000));

        KnockWith(ns, ns.ServerV6, 888, 555, 222);

        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "admin-secured", ns.ClientV6), TimeSpan.FromSeconds(5)), daemon.Output);
        Assert.True(ns.TryConnect(ns.ServerV6, 22, 41001, timeoutMs: 2000));
    }

    [RootFact]
    public void Serve_MirroredDropOfIcmpv6WithoutStaticNeighbours_Ipv6KnocksNeverArriveAndServeSaidSo()
    {
        using var ns = new NetNs();
        ns.ForgetIpv6Neighbours();
        using TempConfig config = TempConfig.Seed(Seed);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--ipv6=mirror");
        using Socket service = ns.Listen(22);

        KnockWith(ns, ns.ServerV6, 888, 555, 222);
        Thread.Sleep(1500);

        Assert.False(Kernel.InList(ns, "888", ns.ClientV6));
        Assert.False(ns.TryConnect(ns.ServerV6, 22, 41000));
        Assert.Contains("warning SES0545: IPv6 input drops ICMPv6 from ether1", daemon.Error, StringComparison.Ordinal);
    }
}
