using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Profiles;
using Sesame.RouterOS;

namespace Sesame.Tests.Compiling;

/// <summary>A door profile shuts its door on both families: the IPv6 filter holds the same door, and each family's knock opens only that family.</summary>
public sealed class ProfileCompilerIpv6Tests
{
    private static FirewallConfig Example(string name)
    {
        ProfileResult result = ProfileReader.Read(File.ReadAllText(RepoPaths.Combine("deploy", "examples", name)), name);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Config;
    }

    [Theory]
    [InlineData("ssh-door.yaml")]
    [InlineData("seed-door.yaml")]
    public void Compile_DoorWithoutPassphrase_Ipv6FilterIsTheSameDoor(string example)
    {
        FirewallConfig config = Example(example);

        FilterRule icmpv6 = Assert.Single(config.Ipv6Filter, r => r.Protocol?.Value == IpProtocols.IcmpV6);
        Assert.Equal((FilterAction.Accept, "input"), (icmpv6.Action, icmpv6.Chain));
        Assert.Equal(config.Ipv4Filter, config.Ipv6Filter.Where(r => r != icmpv6));
        Assert.Empty(config.Ipv6AddressList);
    }

    [Fact]
    public void Compile_SshDoor_Ipv6RulesHaveTheDoorsShape()
    {
        FirewallConfig config = Example("ssh-door.yaml");

        string[] shape = [.. config.Ipv6Filter.Select(r => $"{r.Chain} {r.Action.ToRouterOs()} {(r.Protocol?.Value == IpProtocols.IcmpV6 ? "icmpv6" : r.AddressList)} {r.SrcAddressList?.ToString()} {(r.DstPort is { } p ? string.Join(",", p.Value) : "")}".TrimEnd())];
        Assert.Equal(
            [
                "input accept",
                "input drop  blacklist",
                "input accept icmpv6",
                "input add-src-to-address-list ssh-spoiled !ssh-knock1 2749",
                "input add-src-to-address-list ssh-spoiled !ssh-knock2 5003",
                "input jump  !ssh-spoiled",
                "ssh-knocks add-src-to-address-list ssh-knock1  7311",
                "ssh-knocks add-src-to-address-list ssh-knock2 ssh-knock1 2749",
                "ssh-knocks add-src-to-address-list ssh-secured ssh-knock2 5003",
                "input accept  ssh-secured 22",
                "input add-src-to-address-list blacklist  666,3389",
                "input add-src-to-address-list blacklist !ssh-secured 21,23,8291,10000-60000",
                "input drop",
            ],
            shape);
    }

    [Fact]
    public void Compile_PassphraseDoor_Ipv6KeepsTheDropButHasNoDoor()
    {
        FirewallConfig config = Example("passphrase-door.yaml");

        Assert.DoesNotContain(config.Ipv6Filter, r => r.Layer7Protocol is not null);
        Assert.DoesNotContain(config.Ipv6Filter, r => r.Action == FilterAction.AddSrcToAddressList);
        Assert.DoesNotContain(config.Ipv6Filter, r => r.Action == FilterAction.Accept && r.SrcAddressList is not null);
        Assert.Contains(config.Ipv6Filter, r => r.Action == FilterAction.Drop && r.InInterfaceList is { Value: "WAN", Negated: false } && r.SrcAddressList is null);
        Assert.Contains(config.Ipv4Filter, r => r.Layer7Protocol is not null);

        var run = Run.Trace(config, """
            0   2001:db8:5::7  udp 1234 payload="supersecretpassword1"
            1   2001:db8:5::7  udp 4321 payload="supersecretpassword2"
            2   2001:db8:5::7  udp 51820
            """);
        Assert.Equal([Verdict.Drop, Verdict.Drop, Verdict.Drop], Run.Verdicts(run));
    }

    [Fact]
    public void Compile_DoorKnocksAndBlacklist_RulesCarryTheirProfileLocations()
    {
        const string Profile = """
            doors:
              - name: ssh
                knocks: [7311, 2749]
                open: [22]
            blacklist:
              enabled: true
              trap: {ports: [666], for: 1h}
            router:
              accept_established: true
            """;
        FirewallConfig config = ProfileReader.Read(Profile, "door.yaml").Config;

        foreach (EquatableArray<FilterRule> filter in new[] { config.Ipv4Filter, config.Ipv6Filter })
        {
            Assert.Equal(new SourceLocation("door.yaml", 3, 14), Assert.Single(filter, r => r.Comment == "sesame door ssh: knock 1 of 2").Location);
            Assert.Equal(new SourceLocation("door.yaml", 3, 20), Assert.Single(filter, r => r.Comment == "sesame door ssh: knock 2 of 2").Location);
            Assert.Equal(new SourceLocation("door.yaml", 2, 5), Assert.Single(filter, r => r.Comment == "sesame door ssh: open to knocked sources").Location);
            Assert.All(filter.Where(r => r.Comment!.StartsWith("sesame blacklist", StringComparison.Ordinal)), r => Assert.Equal(new SourceLocation("door.yaml", 6, 3), r.Location));
            Assert.Equal(new SourceLocation("door.yaml", 9, 3), filter[0].Location);
            Assert.Equal(new SourceLocation("door.yaml", 9, 3), filter[^1].Location);
        }
    }

    [Fact]
    public void Simulate_SshDoor_Ipv6IsShutUntilAnIpv6Knock()
    {
        var run = Run.Trace(Example("ssh-door.yaml"), """
            # un-knocked over IPv6
            0    2001:db8:5::7  tcp 22
            # an IPv4 sequence opens IPv4 only
            1    203.0.113.7    tcp 7311
            2    203.0.113.7    tcp 2749
            3    203.0.113.7    tcp 5003
            4    203.0.113.7    tcp 22
            5    2001:db8:5::7  tcp 22
            # an IPv6 sequence opens the IPv6 source
            6    2001:db8:5::7  tcp 7311
            7    2001:db8:5::7  tcp 2749
            8    2001:db8:5::7  tcp 5003
            9    2001:db8:5::7  tcp 22
            # but not another IPv6 source, nor another port
            10   2001:db8:5::8  tcp 22
            11   2001:db8:5::7  tcp 443
            """);

        Assert.Equal(
            [Verdict.Drop, Verdict.Drop, Verdict.Drop, Verdict.Drop, Verdict.Accept, Verdict.Drop, Verdict.Drop, Verdict.Drop, Verdict.Drop, Verdict.Accept, Verdict.Drop, Verdict.Drop],
            Run.Verdicts(run));
        Assert.True(Run.Admitted(run, "ssh-secured", "2001:db8:5::7"));
        Assert.True(Run.Admitted(run, "ssh-secured", "203.0.113.7"));
    }

    [Fact]
    public void Simulate_MixedFamilySequence_OpensNothing()
    {
        var run = Run.Trace(Example("ssh-door.yaml"), """
            0    203.0.113.7    tcp 7311
            1    2001:db8:5::7  tcp 2749
            2    203.0.113.7    tcp 5003
            3    2001:db8:5::7  tcp 5003
            4    203.0.113.7    tcp 22
            5    2001:db8:5::7  tcp 22
            """);

        Assert.Equal(Verdict.Drop, run.Packets[4].Result.Verdict);
        Assert.Equal(Verdict.Drop, run.Packets[5].Result.Verdict);
    }

    [Fact]
    public void Simulate_Ipv6Blacklist_TrapCatchesAnIpv6Source()
    {
        var run = Run.Trace(Example("ssh-door.yaml"), """
            0    2001:db8:5::66  tcp 666
            1    2001:db8:5::66  tcp 7311
            2    2001:db8:5::66  tcp 2749
            3    2001:db8:5::66  tcp 5003
            4    2001:db8:5::66  tcp 22
            """);

        Assert.Equal(Verdict.Drop, run.Packets[4].Result.Verdict);
        Assert.True(Run.Admitted(run, "blacklist", "2001:db8:5::66"));
    }

    [Fact]
    public void Export_SshDoor_WritesTheIpv6FilterAndReadsItBack()
    {
        FirewallConfig config = Example("ssh-door.yaml");
        string script = RouterOsExporter.Export(config);
        ScriptResult parsed = RouterOsScript.Parse(script, "export.rsc", new ScriptOptions { Strict = true });

        Assert.Contains("/ipv6 firewall filter\n", script, StringComparison.Ordinal);
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        Assert.Equal(config.Ipv6Filter.Select(r => r with { Location = SourceLocation.None }), parsed.Config.Ipv6Filter.Select(r => r with { Location = SourceLocation.None }));
        Assert.Empty(ConfigChecker.Check(parsed.Config));
    }
}
