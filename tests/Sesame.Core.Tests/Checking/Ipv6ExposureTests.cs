using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Checking;

/// <summary>SES0540: a door guarded in IPv4 and left open in IPv6, named port by port.</summary>
public sealed class Ipv6ExposureTests
{
    private static readonly Negatable<string> Wan = Negatable<string>.Is("WAN");
    private static readonly SourceLocation DropAt = new("door.rsc", 9, 1);

    private static FilterRule Knock(ushort port, string list, string? after) => new()
    {
        Chain = "input",
        Action = FilterAction.AddSrcToAddressList,
        AddressList = list,
        AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromSeconds(30)),
        Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
        DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(port, port)]),
        SrcAddressList = after is null ? null : Negatable<string>.Is(after),
        InInterfaceList = Wan,
    };

    private static FilterRule Accept(ushort? port) => new()
    {
        Chain = "input",
        Action = FilterAction.Accept,
        SrcAddressList = Negatable<string>.Is("secured"),
        InInterfaceList = Wan,
        Protocol = port is null ? null : Negatable<byte>.Is(IpProtocols.Tcp),
        DstPort = port is { } p ? Negatable<EquatableArray<PortRange>>.Is([new PortRange(p, p)]) : null,
    };

    private static readonly FilterRule DropWan = new() { Chain = "input", Action = FilterAction.Drop, InInterfaceList = Wan, Location = DropAt };

    private static EquatableArray<FilterRule> Door(ushort? opens) =>
        [Knock(888, "888", null), Knock(555, "555", "888"), Knock(222, "secured", "555"), Accept(opens), DropWan];

    private static FirewallConfig Config(EquatableArray<FilterRule> ipv4, EquatableArray<FilterRule> ipv6) => new()
    {
        InterfaceLists = [new InterfaceList("WAN")],
        InterfaceListMembers = [new InterfaceListMember("WAN", "ether1")],
        Ipv4Filter = ipv4,
        Ipv6Filter = ipv6,
    };

    [Fact]
    public void CheckIpv6Exposure_NoIpv6Filter_NamesTheProtectedPortAtTheDrop()
    {
        Diagnostic d = Assert.Single(ConfigChecker.CheckIpv6Exposure(Config(Door(22), [])));

        Assert.Equal("SES0540", d.Code);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal(DropAt, d.Location);
        Assert.Equal(
            "IPv6 is not filtered: tcp/22 (the door's protected port) is reachable over IPv6 without knocking, while IPv4 drops it; add /ipv6 firewall filter rules or run serve --ipv6=mirror",
            d.Message);
    }

    [Fact]
    public void CheckIpv6Exposure_Ipv6AcceptsAll_Warns()
    {
        FilterRule acceptAll = new() { Chain = "input", Action = FilterAction.Accept };

        Diagnostic d = Assert.Single(ConfigChecker.CheckIpv6Exposure(Config(Door(22), [acceptAll])));
        Assert.StartsWith("IPv6 is not filtered: tcp/22", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckIpv6Exposure_Ipv6GuardsOtherPortsOnly_SaysTheIpv6FilterDoesNotGuardPort22()
    {
        FilterRule dropTelnet = new() { Chain = "input", Action = FilterAction.Drop, Protocol = Negatable<byte>.Is(IpProtocols.Tcp), DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(23, 23)]) };

        Diagnostic d = Assert.Single(ConfigChecker.CheckIpv6Exposure(Config(Door(22), [dropTelnet])));
        Assert.StartsWith("the IPv6 filter does not guard what the IPv4 filter guards: tcp/22 (the door's protected port) is reachable", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckIpv6Exposure_SameDoorInIpv6_SaysNothing()
    {
        Assert.Empty(ConfigChecker.CheckIpv6Exposure(Config(Door(22), Door(22))));
        Assert.DoesNotContain(ConfigChecker.Check(Config(Door(22), Door(22))), d => d.Code == "SES0540");
    }

    [Fact]
    public void CheckIpv6Exposure_Ipv4GuardsNothing_SaysNothing()
    {
        EquatableArray<FilterRule> open = [Knock(888, "secured", null), Accept(22)];

        Assert.Empty(ConfigChecker.CheckIpv6Exposure(Config(open, [])));
    }

    [Fact]
    public void CheckIpv6Exposure_DoorOpensAllInput_NamesTheDoorAndManagementPorts()
    {
        Diagnostic d = Assert.Single(ConfigChecker.Check(Config(Door(null), [])), d => d.Code == "SES0540");

        Assert.StartsWith("IPv6 is not filtered: all input behind the door 888 → 555 → 222 (tcp/22 ssh, tcp/23 telnet, tcp/21 ftp, tcp/80 www, …) is reachable over IPv6 without knocking, while IPv4 drops it;", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckIpv6Exposure_DropOnlyOnAnotherInterface_NamesNothingThatIpv4LetsThrough()
    {
        // IPv4 drops only on ether2, the probes come in on the WAN interface ether1: IPv4 accepts them too.
        FilterRule dropElsewhere = new() { Chain = "input", Action = FilterAction.Drop, InInterface = Negatable<string>.Is("ether2") };
        EquatableArray<FilterRule> ipv4 = [Knock(888, "secured", null), Accept(22), dropElsewhere];

        Assert.Empty(ConfigChecker.CheckIpv6Exposure(Config(ipv4, [])));
    }

    [Fact]
    public void CheckIpv6NeighbourDiscovery_Ipv6DropsIcmpv6FromOutside_WarnsAtTheDrop()
    {
        Diagnostic d = Assert.Single(ConfigChecker.CheckIpv6NeighbourDiscovery(Config(Door(22), Door(22))));

        Assert.Equal(("SES0545", DropAt), (d.Code, d.Location));
        Assert.StartsWith("IPv6 input drops ICMPv6 from ether1, neighbour discovery included", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckIpv6NeighbourDiscovery_Icmpv6AcceptedFirstOrNoIpv6Filter_SaysNothing()
    {
        FilterRule icmpv6 = new() { Chain = "input", Action = FilterAction.Accept, Protocol = Negatable<byte>.Is(IpProtocols.IcmpV6) };

        Assert.Empty(ConfigChecker.CheckIpv6NeighbourDiscovery(Config(Door(22), [icmpv6, .. Door(22)])));
        Assert.Empty(ConfigChecker.CheckIpv6NeighbourDiscovery(Config(Door(22), [])));
    }
}
