using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Profiles;
using Sesame.RouterOS;
using Sesame.Spa;

namespace Sesame.Tests.Compiling;

/// <summary>An SPA door compiles to a drop of its port that names the door, and one list and accept rule per opened port.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SpaDoorCompilerTests : IDisposable
{
    private readonly KeyDirectory _dir = new();
    private readonly SpaKeys _alice;
    private readonly SpaKeys _bob;

    public SpaDoorCompilerTests()
    {
        _alice = _dir.Add("alice.keys");
        _bob = _dir.Add("bob.keys");
    }

    public void Dispose() => _dir.Dispose();

    private static string Profile(string extra = "", string blacklist = "") => $"""
        doors:
          - name: ssh
            spa:
              port: 62201
              max_open_for: 10m
              users:
                - name: alice
                  source: [192.0.2.0/24, 2001:db8::/32]
                  keys: alice.keys
                  open: [22]
                  open_for: 1m
                - name: bob
                  source: any
                  keys: bob.keys
            open: [22, 51820/udp]
            open_for: 45s
            {extra}
        {blacklist}
        """;

    private FirewallConfig Compile(string yaml)
    {
        ProfileResult result = ProfileReader.Read(yaml, _dir.Combine("door.yaml"));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Config;
    }

    [Fact]
    public void Compile_SpaDoor_BothFamiliesGetTheDropAndOneAcceptPerPort()
    {
        FirewallConfig config = Compile(Profile());

        foreach (EquatableArray<FilterRule> filter in new[] { config.Ipv4Filter, config.Ipv6Filter })
        {
            FilterRule[] door = [.. filter.Where(r => r.Comment?.StartsWith("sesame door ssh", StringComparison.Ordinal) == true)];
            Assert.Equal(3, door.Length);
            FilterRule receive = door[0];
            Assert.Equal(("input", FilterAction.Drop, "ssh"), (receive.Chain, receive.Action, receive.SpaDoor));
            Assert.Equal(Negatable<byte>.Is(IpProtocols.Udp), receive.Protocol);
            Assert.Equal([new PortRange(62201, 62201)], receive.DstPort!.Value.Value);
            Assert.Equal("WAN", receive.InInterfaceList!.Value.Value);
            Assert.Equal(
                [("tcp", 22, "ssh-spa-tcp22"), ("udp", 51820, "ssh-spa-udp51820")],
                door[1..].Select(r => (IpProtocols.ToName(r.Protocol!.Value.Value), (int)r.DstPort!.Value.Value[0].First, r.SrcAddressList!.Value.Value)));
            Assert.All(door[1..], r => Assert.Equal((FilterAction.Accept, "WAN", (string?)null), (r.Action, r.InInterfaceList!.Value.Value, r.SpaDoor)));
        }
    }

    [Fact]
    public void Compile_SpaDoor_ConfigHoldsTheDoorWithItsUsersKeysAndLists()
    {
        FirewallConfig config = Compile(Profile());

        SpaDoor door = Assert.Single(config.SpaDoors);
        Assert.Equal(("ssh", (ushort)62201, 120, 45, 600), (door.Name, door.Port, (int)door.Window.TotalSeconds, (int)door.OpenFor.TotalSeconds, (int)door.MaxOpenFor.TotalSeconds));
        Assert.Equal([new SpaPortList(new SpaPort(IpProtocols.Tcp, 22), "ssh-spa-tcp22"), new SpaPortList(new SpaPort(IpProtocols.Udp, 51820), "ssh-spa-udp51820")], door.PortLists);
        Assert.Equal(["alice", "bob"], door.Users.Select(u => u.Name));
        Assert.Equal(_alice, door.Users[0].Keys);
        Assert.Equal(_bob, door.Users[1].Keys);
        Assert.Equal([new SpaPort(IpProtocols.Tcp, 22)], door.Users[0].Ports);
        Assert.Equal([new SpaPort(IpProtocols.Tcp, 22), new SpaPort(IpProtocols.Udp, 51820)], door.Users[1].Ports);
        Assert.Equal(["192.0.2.0/24", "2001:db8::/32"], door.Users[0].Sources.Select(s => s.ToString()));
        Assert.Empty(door.Users[1].Sources);
        Assert.Equal((TimeSpan.FromMinutes(1), (TimeSpan?)null), (door.Users[0].OpenFor, door.Users[1].OpenFor));
        Assert.Equal(new SourceLocation(_dir.Combine("door.yaml"), 2, 5), door.Location);
    }

    [Fact]
    public void Check_SpaDoor_PortListsCountAsFilledByTheDaemon()
    {
        FirewallConfig config = Compile(Profile());

        IReadOnlyList<Diagnostic> found = Sesame.Checking.ConfigChecker.Check(config);

        Assert.DoesNotContain(found, d => d.Code == "SES0501");
        Assert.Contains(Sesame.Checking.ConfigChecker.Check(config with { SpaDoors = [] }), d => d.Code == "SES0501" && d.Message.Contains("ssh-spa-tcp22", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_SpaDoorIpv4Only_HasNoIpv6Rules()
    {
        FirewallConfig config = Compile(Profile("family: ipv4"));

        Assert.Contains(config.Ipv4Filter, r => r.SpaDoor == "ssh");
        Assert.DoesNotContain(config.Ipv6Filter, r => r.SpaDoor is not null || r.SrcAddressList is not null);
        Assert.Single(config.SpaDoors);
    }

    [Fact]
    public void Compile_SpaDoorOnOneInterface_EveryRuleNamesIt()
    {
        FirewallConfig config = Compile("interfaces:\n  outside: [ether1, ether2]\n" + Profile("interface: ether2"));

        Assert.All(config.Ipv4Filter.Where(r => r.Comment?.StartsWith("sesame door ssh", StringComparison.Ordinal) == true),
            r => Assert.Equal("ether2", r.InInterface!.Value.Value));
    }

    [Fact]
    public void Simulate_SpaDoor_StaysShutWithoutServe()
    {
        FirewallConfig config = Compile(Profile());

        var run = Run.Trace(config, """
            0   203.0.113.7    udp 62201
            1   203.0.113.7    tcp 22
            2   2001:db8:5::7  udp 62201
            3   2001:db8:5::7  tcp 22
            4   192.0.2.9      udp 51820
            """);

        Assert.Equal([Verdict.Drop, Verdict.Drop, Verdict.Drop, Verdict.Drop, Verdict.Drop], Run.Verdicts(run));
        Assert.Empty(run.Lists);
    }

    [Fact]
    public void Export_SpaDoor_WritesTheDropAndAcceptsAndNeverAKey()
    {
        FirewallConfig config = Compile(Profile());

        string script = RouterOsExporter.Export(config, new ExportOptions { Wrap = false });

        Assert.Contains("action=drop chain=input comment=\"sesame door ssh: SPA packets", script, StringComparison.Ordinal);
        Assert.Contains("dst-port=62201", script, StringComparison.Ordinal);
        Assert.Contains("src-address-list=ssh-spa-tcp22", script, StringComparison.Ordinal);
        Assert.Contains("src-address-list=ssh-spa-udp51820", script, StringComparison.Ordinal);
        foreach (SpaKeys keys in new[] { _alice, _bob })
        {
            Assert.DoesNotContain(Convert.ToBase64String(keys.EncryptionKey), script, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(keys.HmacKey), script, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToHexString(keys.HmacKey), script, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("alice.keys", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_BlacklistWithOnlyAnSpaDoor_ScanRuleSparesNoListThatNothingFills()
    {
        FirewallConfig config = Compile(Profile(blacklist: "blacklist:\n  enabled: true\n  scan: {ports: [21-23, 10000-60000]}\n  trap: {ports: [666]}"));

        FilterRule scan = Assert.Single(config.Ipv4Filter, r => r.Comment?.Contains("scanned ports", StringComparison.Ordinal) == true);
        Assert.Null(scan.SrcAddressList);
        Assert.Equal(Negatable<byte>.Is(IpProtocols.Tcp), scan.Protocol);
        int receive = config.Ipv4Filter.ToList().FindIndex(r => r.SpaDoor == "ssh");
        int accept = config.Ipv4Filter.ToList().FindIndex(r => r.SrcAddressList?.Value == "ssh-spa-tcp22");
        int scanAt = config.Ipv4Filter.ToList().IndexOf(scan);
        Assert.True(receive < accept && accept < scanAt, "the door's rules come before the blacklist's scan rule");
    }

    [Fact]
    public void Simulate_BlacklistScanRule_NeverListsAnSpaPacket()
    {
        // The blacklist's trap and scan rules match TCP; an SPA packet is UDP, so even a scan range that holds the SPA
        // port number does not list the client that sends it.
        FirewallConfig config = Compile(Profile(blacklist: "blacklist:\n  enabled: true\n  scan: {ports: [1-65535]}"));

        var run = Run.Trace(config, """
            0   203.0.113.7    udp 62201
            1   203.0.113.7    udp 62201
            """);

        Assert.Empty(run.Lists);
    }

    [Fact]
    public void Compile_KnockDoorBesideAnSpaDoor_KeepsItsOwnScanSparing()
    {
        string yaml = Profile(blacklist: "blacklist:\n  enabled: true\n  scan: {ports: [21-23]}") + "\n";
        yaml = yaml.Replace("blacklist:", "  - name: web\n    knocks: [7000, 8000]\n    open: [443]\nblacklist:", StringComparison.Ordinal);

        FirewallConfig config = Compile(yaml);

        FilterRule scan = Assert.Single(config.Ipv4Filter, r => r.Comment?.Contains("scanned ports", StringComparison.Ordinal) == true);
        Assert.Equal(Negatable<string>.Not("web-secured"), scan.SrcAddressList);
    }
}
