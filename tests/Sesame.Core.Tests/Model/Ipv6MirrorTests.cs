using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Simulation;
using Sesame.Tracing;

namespace Sesame.Tests.Model;

/// <summary><c>--ipv6=mirror</c>: the IPv4 door applied to IPv6, exact where it can be, and never letting more in.</summary>
public sealed class Ipv6MirrorTests
{
    private static readonly Negatable<string> Wan = Negatable<string>.Is("WAN");
    private static readonly SourceLocation At = new("door.rsc", 7, 1);

    private static IpRange Range(string text) => IpRange.TryParse(text, out IpRange? range) ? range.Value : throw new ArgumentException(text);

    private static Negatable<EquatableArray<PortRange>> Port(ushort port) => Negatable<EquatableArray<PortRange>>.Is([new PortRange(port, port)]);

    private static FilterRule Knock(ushort port, string list, string? after, string? layer7 = null) => new()
    {
        Chain = "input",
        Action = FilterAction.AddSrcToAddressList,
        AddressList = list,
        AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromSeconds(30)),
        Protocol = Negatable<byte>.Is(layer7 is null ? IpProtocols.Tcp : IpProtocols.Udp),
        DstPort = Port(port),
        SrcAddressList = after is null ? null : Negatable<string>.Is(after),
        InInterfaceList = Wan,
        Layer7Protocol = layer7,
        Location = At,
    };

    private static readonly FilterRule Established = new()
    {
        Chain = "input",
        Action = FilterAction.Accept,
        ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established | ConnectionStates.Related),
    };

    private static readonly FilterRule Granted = new() { Chain = "input", Action = FilterAction.Accept, SrcAddressList = Negatable<string>.Is("secured"), InInterfaceList = Wan };

    private static readonly FilterRule DropWan = new() { Chain = "input", Action = FilterAction.Drop, InInterfaceList = Wan };

    private static readonly EquatableArray<FilterRule> Door =
        [Established, Knock(888, "888", null), Knock(555, "555", "888"), Knock(222, "secured", "555"), Granted, DropWan];

    private static FirewallConfig Config(EquatableArray<FilterRule> ipv4) => new()
    {
        InterfaceLists = [new InterfaceList("WAN")],
        InterfaceListMembers = [new InterfaceListMember("WAN", "ether1")],
        Ipv4Filter = ipv4,
    };

    private static FilterRule Only(Ipv6MirrorResult result)
    {
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return Assert.Single(result.Config.Ipv6Filter);
    }

    [Fact]
    public void Apply_PlainDoor_CopiesEveryRuleWithTheSameListNames()
    {
        Ipv6MirrorResult result = Ipv6Mirror.Apply(Config(Door));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(Door, result.Config.Ipv6Filter);
        Assert.Equal(Door, result.Config.Ipv4Filter);
        Assert.Empty(result.Config.Ipv6AddressList);
    }

    [Fact]
    public void Apply_FamilyMatchers_AreTranslated()
    {
        FilterRule icmp = DropWan with { Protocol = Negatable<byte>.Is(IpProtocols.Icmp), PacketSize = Negatable<SizeRange>.Is(new SizeRange(123, 123)) };
        FilterRule notIcmp = DropWan with { Protocol = Negatable<byte>.Not(IpProtocols.Icmp) };
        FilterRule tarpit = DropWan with { Action = FilterAction.Tarpit };
        FilterRule reject = DropWan with { Action = FilterAction.Reject, RejectWith = "icmp-network-unreachable" };
        FilterRule limit = DropWan with { ConnectionLimit = Negatable<ConnectionLimit>.Is(new ConnectionLimit(10, 32)) };

        Assert.Equal(icmp with { Protocol = Negatable<byte>.Is(IpProtocols.IcmpV6) }, Only(Ipv6Mirror.Apply(Config([icmp]))));
        Assert.Equal(notIcmp with { Protocol = Negatable<byte>.Not(IpProtocols.IcmpV6) }, Only(Ipv6Mirror.Apply(Config([notIcmp]))));
        Assert.Equal(DropWan, Only(Ipv6Mirror.Apply(Config([tarpit]))));
        Assert.Equal(reject with { RejectWith = "icmp-no-route" }, Only(Ipv6Mirror.Apply(Config([reject]))));
        Assert.Equal(DropWan with { ConnectionLimit = Negatable<ConnectionLimit>.Is(new ConnectionLimit(10, 128)) }, Only(Ipv6Mirror.Apply(Config([limit]))));
    }

    [Fact]
    public void Apply_Fasttrack_HasNoCopy()
    {
        FilterRule fasttrack = new() { Chain = "forward", Action = FilterAction.FasttrackConnection, ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established) };

        Ipv6MirrorResult result = Ipv6Mirror.Apply(Config([fasttrack, DropWan]));

        Assert.Equal([DropWan], result.Config.Ipv6Filter);
    }

    [Fact]
    public void Apply_SrcAddress_KeepsItsLiteralMeaning()
    {
        FilterRule lan = Granted with { SrcAddress = Negatable<IpRange>.Is(Range("192.168.88.0/24")), SrcAddressList = null, Location = At };
        FilterRule notLan = DropWan with { SrcAddress = Negatable<IpRange>.Not(Range("192.168.88.0/24")) };
        FilterRule any = DropWan with { SrcAddress = Negatable<IpRange>.Is(Range("0.0.0.0/0")) };

        Ipv6MirrorResult leftOut = Ipv6Mirror.Apply(Config([lan]));
        Assert.Empty(leftOut.Config.Ipv6Filter);
        Diagnostic note = Assert.Single(leftOut.Diagnostics);
        Assert.Equal((Ipv6Mirror.NarrowedCode, Severity.Warning, At), (note.Code, note.Severity, note.Location));

        Assert.Equal(DropWan, Only(Ipv6Mirror.Apply(Config([notLan]))));
        Assert.Equal(DropWan, Only(Ipv6Mirror.Apply(Config([any]))));
    }

    [Fact]
    public void Apply_DstAddressOnADrop_DropsMoreOverIpv6()
    {
        FilterRule dropSsh = DropWan with { DstAddress = Negatable<IpRange>.Is(Range("203.0.113.1")), Protocol = Negatable<byte>.Is(IpProtocols.Tcp), DstPort = Port(22) };

        Ipv6MirrorResult result = Ipv6Mirror.Apply(Config([dropSsh]));

        Assert.Equal(dropSsh with { DstAddress = null }, Only(result));
        Assert.Contains("drops every packet the rest of the rule matches", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_DstAddressOnAnAccept_AdmitsNothingOverIpv6()
    {
        FilterRule loopback = new() { Chain = "input", Action = FilterAction.Accept, DstAddress = Negatable<IpRange>.Is(Range("127.0.0.1")) };

        Ipv6MirrorResult result = Ipv6Mirror.Apply(Config([loopback, DropWan]));

        Assert.Equal([DropWan], result.Config.Ipv6Filter);
        Assert.Equal(Ipv6Mirror.NarrowedCode, Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData(FilterAction.Jump, false)]
    [InlineData(FilterAction.Accept, true)]
    [InlineData(FilterAction.AddSrcToAddressList, false)]
    public void Apply_DstAddressThatCannotBeNarrowed_IsRefusedAtTheRule(FilterAction action, bool negated)
    {
        FilterRule rule = new()
        {
            Chain = "input",
            Action = action,
            JumpTarget = action == FilterAction.Jump ? "knocks" : null,
            AddressList = action == FilterAction.AddSrcToAddressList ? "blacklist" : null,
            DstAddress = new Negatable<IpRange>(negated, Range("203.0.113.1")),
            Location = At,
        };
        FilterRule dropBlacklisted = DropWan with { SrcAddressList = Negatable<string>.Is("blacklist") };

        Ipv6MirrorResult result = Ipv6Mirror.Apply(Config([rule, dropBlacklisted, new FilterRule { Chain = "knocks", Action = FilterAction.Drop }]));

        Assert.True(result.HasErrors);
        Diagnostic error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal((Ipv6Mirror.RefusedCode, At), (error.Code, error.Location));
        Assert.Empty(result.Config.Ipv6Filter);
    }

    [Fact]
    public void Apply_DstAddressOnALogRule_HasNoCopy()
    {
        FilterRule log = new() { Chain = "input", Action = FilterAction.Log, DstAddress = Negatable<IpRange>.Is(Range("203.0.113.1")) };

        Ipv6MirrorResult result = Ipv6Mirror.Apply(Config([log, DropWan]));

        Assert.False(result.HasErrors);
        Assert.Equal([DropWan], result.Config.Ipv6Filter);
    }

    [Fact]
    public void Apply_PassphraseKnock_LeavesTheIpv6DoorShut()
    {
        EquatableArray<FilterRule> door = [Established, Knock(888, "888", null, layer7: "pass"), Knock(555, "555", "888"), Knock(222, "secured", "555"), Granted, DropWan];

        Ipv6MirrorResult result = Ipv6Mirror.Apply(Config(door));

        Assert.False(result.HasErrors);
        Assert.DoesNotContain(result.Config.Ipv6Filter, r => r.Layer7Protocol is not null);
        Assert.Equal(door.Count - 1, result.Config.Ipv6Filter.Count);
        Assert.Contains("list '888' stays empty over IPv6", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_PassphraseOnABlacklistRule_IsRefused()
    {
        FilterRule trap = Knock(666, "blacklist", null, layer7: "probe");
        FilterRule dropBlacklisted = DropWan with { SrcAddressList = Negatable<string>.Is("blacklist") };

        Ipv6MirrorResult result = Ipv6Mirror.Apply(Config([dropBlacklisted, trap, DropWan]));

        Assert.Equal(Ipv6Mirror.RefusedCode, Assert.Single(result.Diagnostics, d => d.IsError).Code);
    }

    [Fact]
    public void Apply_ConfigWithIpv6Rules_IsRefused()
    {
        Ipv6MirrorResult result = Ipv6Mirror.Apply(Config(Door) with { Ipv6Filter = [DropWan with { Location = At }] });

        Diagnostic error = Assert.Single(result.Diagnostics);
        Assert.Equal((Ipv6Mirror.HasIpv6RulesCode, At), (error.Code, error.Location));
        Assert.Equal([DropWan with { Location = At }], result.Config.Ipv6Filter);
    }

    [Fact]
    public void Apply_StaticEntriesCoverEveryIpv4Source_IsRefused()
    {
        FirewallConfig config = Config([Granted with { SrcAddressList = Negatable<string>.Is("all") }, DropWan]) with
        {
            Ipv4AddressList = [new AddressListEntry { List = "all", Address = Range("0.0.0.0/1") }, new AddressListEntry { List = "all", Address = Range("128.0.0.0/1") }],
        };

        Assert.Equal(Ipv6Mirror.RefusedCode, Assert.Single(Ipv6Mirror.Apply(config).Diagnostics).Code);
    }

    [Fact]
    public void Apply_StaticAllowList_StartsEmptyOverIpv6AndSaysSo()
    {
        FirewallConfig config = Config([Granted with { SrcAddressList = Negatable<string>.Is("admin-ips") }, DropWan]) with
        {
            Ipv4AddressList = [new AddressListEntry { List = "admin-ips", Address = Range("203.0.113.10"), Location = At }],
        };

        Ipv6MirrorResult result = Ipv6Mirror.Apply(config);

        Assert.Equal(2, result.Config.Ipv6Filter.Count);
        Assert.Empty(result.Config.Ipv6AddressList);
        Assert.Equal((Ipv6Mirror.StaticEntriesCode, At), (Assert.Single(result.Diagnostics).Code, result.Diagnostics[0].Location));
    }

    [Fact]
    public void GrantOnlyLists_NegatedOrBlockingUse_IsNotGrantOnly()
    {
        EquatableArray<FilterRule> rules =
        [
            Knock(888, "888", null), Knock(222, "secured", "888"), Granted,
            Knock(666, "blacklist", null), DropWan with { SrcAddressList = Negatable<string>.Is("blacklist") },
            Knock(23, "spoiled", null), Knock(24, "late", null) with { SrcAddressList = Negatable<string>.Not("spoiled") },
        ];

        Assert.Equal(["888", "late", "secured"], Ipv6Mirror.GrantOnlyLists(rules).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Simulate_MirroredDoor_Ipv6IsShutUntilAnIpv6Knock()
    {
        FirewallConfig mirrored = Ipv6Mirror.Apply(Config(Door)).Config;
        Trace trace = TraceReader.Read("""
            0    2001:db8:5::7  tcp 22
            1    203.0.113.7    tcp 888
            2    203.0.113.7    tcp 555
            3    203.0.113.7    tcp 222
            4    203.0.113.7    tcp 22
            5    2001:db8:5::7  tcp 22
            6    2001:db8:5::7  tcp 888
            7    2001:db8:5::7  tcp 555
            8    2001:db8:5::7  tcp 222
            9    2001:db8:5::7  tcp 22
            10   2001:db8:5::8  tcp 22
            """, "t", TraceDefaults.FromConfig(mirrored));
        Assert.False(trace.HasErrors);

        SimulationResult run = Simulator.Run(mirrored, trace.Packets);

        // The last knock is itself accepted: it enters 'secured' just above the accept of 'secured' (ROUTEROS.md §9).
        Assert.Equal(
            [Verdict.Drop, Verdict.Drop, Verdict.Drop, Verdict.Accept, Verdict.Accept, Verdict.Drop, Verdict.Drop, Verdict.Drop, Verdict.Accept, Verdict.Accept, Verdict.Drop],
            run.Packets.Select(p => p.Result.Verdict));
    }
}
