using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Checking;

/// <summary>SES0550–SES0553: a config that would cut the admin's SSH session, lock its source out, or make it knock.</summary>
public sealed class LockoutCheckTests
{
    private static readonly Negatable<string> Wan = Negatable<string>.Is("WAN");
    private static readonly SourceLocation DropAt = new("door.rsc", 9, 1);
    private static readonly SshSession Session = Parse("192.0.2.7 51234 192.0.2.1 22");
    private static readonly SshSession Session6 = Parse("2001:db8::7 51234 2001:db8::1 22");

    private static SshSession Parse(string text)
    {
        Assert.True(SshSession.TryParse(text, out SshSession s));
        return s;
    }

    private static IpRange Host(string address)
    {
        Assert.True(IpRange.TryParse(address, out IpRange? range));
        return range.Value;
    }

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

    private static FilterRule AcceptList(string list, string chain = "input") => new()
    {
        Chain = chain,
        Action = FilterAction.Accept,
        SrcAddressList = Negatable<string>.Is(list),
        InInterfaceList = Wan,
    };

    private static FilterRule AcceptEstablished => new()
    {
        Chain = "input",
        Action = FilterAction.Accept,
        ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established | ConnectionStates.Related),
    };

    private static FilterRule DropWan(FilterAction action = FilterAction.Drop, string chain = "input") =>
        new() { Chain = chain, Action = action, InInterfaceList = Wan, Location = DropAt };

    /// <summary>The manual seed's door: three knocks into 'secured', accept 'secured' from WAN, drop the rest of WAN.</summary>
    private static EquatableArray<FilterRule> Door(string granted = "secured") =>
        [Knock(888, "knock1", null), Knock(555, "knock2", "knock1"), Knock(222, granted, "knock2"), AcceptList(granted), DropWan()];

    private static FirewallConfig Config(EquatableArray<FilterRule> ipv4, EquatableArray<FilterRule> ipv6 = default) => new()
    {
        InterfaceLists = [new InterfaceList("WAN"), new InterfaceList("LAN")],
        InterfaceListMembers = [new InterfaceListMember("WAN", "ether1"), new InterfaceListMember("LAN", "bridge")],
        Ipv4Filter = ipv4,
        Ipv6Filter = ipv6.Count == 0 ? [] : ipv6,
    };

    private static LockoutContext InSecured(FirewallConfig? running = null, string? inInterface = "ether1") =>
        new(running, [("secured", Host("192.0.2.7")), ("secured", Host("2001:db8::7"))], inInterface);

    private static LockoutContext InNoList(FirewallConfig? running = null, string? inInterface = "ether1") =>
        new(running, [("secured", Host("198.51.100.9"))], inInterface);

    [Fact]
    public void Check_SourceInSecured_NoFinding()
    {
        Assert.Empty(LockoutCheck.Check(Config(Door()), Session, InSecured(Config(Door()))));
    }

    [Fact]
    public void Check_SourceNotInSecured_WarnsNamingTheDrop()
    {
        FirewallConfig door = Config(Door());

        Diagnostic cut = Assert.Single(LockoutCheck.Check(door, Session, InNoList(door)), d => d.Code == LockoutCheck.CutCode);
        Diagnostic knock = Assert.Single(LockoutCheck.Check(door, Session, InNoList(door)), d => d.Code == LockoutCheck.MustKnockCode);

        // The door accepts no established traffic: the session itself is cut once the source is in no list.
        Assert.Equal(Severity.Error, cut.Severity);
        Assert.Equal(Severity.Warning, knock.Severity);
        Assert.Equal(DropAt, knock.Location);
        Assert.Equal(
            "a new SSH connection from 192.0.2.7 (192.0.2.7:51234 → 192.0.2.1:22, in no address list) arriving on ether1 would be dropped by /ip firewall filter rule 4 (chain=input action=drop) unless it knocks first; keep this session open until a knock from there works",
            knock.Message);
    }

    [Fact]
    public void Check_DoorWithEstablishedAccept_OnlyWarnsForANewConnection()
    {
        FirewallConfig door = Config([AcceptEstablished, .. Door()]);

        Diagnostic d = Assert.Single(LockoutCheck.Check(door, Session, InNoList(door)));

        Assert.Equal(LockoutCheck.MustKnockCode, d.Code);
        Assert.Contains("rule 5 ", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RunningUnknown_WarnsRatherThanLockOut()
    {
        FirewallConfig door = Config([AcceptEstablished, .. Door()]);

        Diagnostic d = Assert.Single(LockoutCheck.Check(door, Session, InNoList(running: null)));

        Assert.Equal(LockoutCheck.MustKnockCode, d.Code);
    }

    [Fact]
    public void Check_NoContext_WarnsOnTheWanInterfaceOnly()
    {
        FirewallConfig door = Config([AcceptEstablished, .. Door()]);

        Diagnostic d = Assert.Single(LockoutCheck.Check(door, Session));

        Assert.Equal(LockoutCheck.MustKnockCode, d.Code);
        Assert.Contains("if it arrives on ether1 (the session's interface is not known)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GrantedListRenamed_ErrorLockOut()
    {
        FirewallConfig running = Config([AcceptEstablished, .. Door()]);
        FirewallConfig next = Config([AcceptEstablished, .. Door(granted: "granted")]);

        Diagnostic d = Assert.Single(LockoutCheck.Check(next, Session, InSecured(running)));

        Assert.Equal(LockoutCheck.LockedOutCode, d.Code);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(DropAt, d.Location);
        Assert.Equal(
            "would lock out 192.0.2.7 (192.0.2.7:51234 → 192.0.2.1:22, in list secured) arriving on ether1: a new SSH connection from it is accepted now (by the running configuration's /ip firewall filter rule 4 (chain=input action=accept)) and would be dropped by /ip firewall filter rule 5 (chain=input action=drop); was the list it is in renamed, or the accept rule removed or moved below that rule?",
            d.Message);
    }

    [Fact]
    public void Check_AcceptRuleRemoved_ErrorLockOut()
    {
        FirewallConfig running = Config([AcceptEstablished, .. Door()]);
        FirewallConfig next = Config([AcceptEstablished, Knock(888, "knock1", null), DropWan()]);

        Diagnostic d = Assert.Single(LockoutCheck.Check(next, Session, InSecured(running)));

        Assert.Equal(LockoutCheck.LockedOutCode, d.Code);
        Assert.Contains("would be dropped by /ip firewall filter rule 2 ", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AcceptMovedBelowDrop_ErrorLockOut()
    {
        FirewallConfig running = Config([AcceptEstablished, .. Door()]);
        FirewallConfig next = Config([AcceptEstablished, DropWan(), AcceptList("secured")]);

        Diagnostic d = Assert.Single(LockoutCheck.Check(next, Session, InSecured(running)));

        Assert.Equal(LockoutCheck.LockedOutCode, d.Code);
        Assert.Contains("rule 1 ", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DropOfEstablished_ErrorCut()
    {
        var dropEstablished = new FilterRule
        {
            Chain = "input",
            Action = FilterAction.Drop,
            ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established),
            Location = new SourceLocation("door.rsc", 3, 1),
        };
        FirewallConfig next = Config([dropEstablished, .. Door()]);

        IReadOnlyList<Diagnostic> found = LockoutCheck.Check(next, Session, InSecured(next));

        Diagnostic d = Assert.Single(found);
        Assert.Equal(LockoutCheck.CutCode, d.Code);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(new SourceLocation("door.rsc", 3, 1), d.Location);
        Assert.StartsWith("would cut the current SSH session from 192.0.2.7 (192.0.2.7:51234 → 192.0.2.1:22, in list secured) arriving on ether1: its packets would be dropped by /ip firewall filter rule 0 (", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FilterAction.Reject, "rejected")]
    [InlineData(FilterAction.Tarpit, "tarpitted")]
    [InlineData(FilterAction.Drop, "dropped")]
    public void Check_BlockingAction_NamedByItsVerb(FilterAction action, string verb)
    {
        FirewallConfig next = Config([DropWan(action)]);

        IReadOnlyList<Diagnostic> found = LockoutCheck.Check(next, Session, InSecured(next));

        Assert.Contains(found, d => d.Code == LockoutCheck.CutCode && d.Message.Contains($"would be {verb} by /ip firewall filter rule 0", StringComparison.Ordinal));
        Assert.Contains(found, d => d.Code == LockoutCheck.MustKnockCode && d.Message.Contains($"would be {verb} by", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_DropInsideJumpChain_NamesTheRuleInThatChain()
    {
        var jump = new FilterRule { Chain = "input", Action = FilterAction.Jump, JumpTarget = "wan-in", InInterfaceList = Wan };
        FirewallConfig next = Config([AcceptList("secured", "wan-in"), DropWan(chain: "wan-in"), jump]);

        Diagnostic d = Assert.Single(LockoutCheck.Check(next, Session, InNoList()), d => d.Code == LockoutCheck.CutCode);

        Assert.Contains("/ip firewall filter rule 1 (chain=wan-in action=drop)", d.Message, StringComparison.Ordinal);
        Assert.Empty(LockoutCheck.Check(next, Session, InSecured()));
    }

    [Fact]
    public void Check_Ipv6Session_EvaluatesTheIpv6Filter()
    {
        FirewallConfig next = Config([], [AcceptEstablished, .. Door()]);

        Diagnostic d = Assert.Single(LockoutCheck.Check(next, Session6, InNoList()));

        Assert.Equal(LockoutCheck.MustKnockCode, d.Code);
        Assert.Contains("a new SSH connection from 2001:db8::7 ([2001:db8::7]:51234 → [2001:db8::1]:22, in no address list)", d.Message, StringComparison.Ordinal);
        Assert.Contains("/ipv6 firewall filter rule 5", d.Message, StringComparison.Ordinal);
        Assert.Empty(LockoutCheck.Check(next, Session6, InSecured()));
        // The IPv4 filter has no rule: an IPv4 session is not the IPv6 filter's business.
        Assert.Empty(LockoutCheck.Check(next, Session, InNoList()));
    }

    [Fact]
    public void Check_Ipv4MappedSessionBuiltByHand_EvaluatedAsIpv4()
    {
        FirewallConfig next = Config([DropWan()]);
        SshSession mapped = new(Host("::ffff:192.0.2.7"), 51234, Host("::ffff:192.0.2.1"), 22);

        Assert.Contains(LockoutCheck.Check(next, mapped, InNoList()), d => d.Code == LockoutCheck.CutCode && d.Message.Contains("/ip firewall filter", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_LoopbackSession_StillChecked()
    {
        var dropAll = new FilterRule { Chain = "input", Action = FilterAction.Drop };
        SshSession loopback = Parse("127.0.0.1 40000 127.0.0.1 22");

        Assert.Contains(LockoutCheck.Check(Config([dropAll]), loopback, new LockoutContext(null, [], "lo")), d => d.Code == LockoutCheck.CutCode);
    }

    [Fact]
    public void Check_LanSession_NoFindingWhenTheInterfaceIsKnown()
    {
        FirewallConfig door = Config([AcceptEstablished, .. Door()]);

        Assert.Empty(LockoutCheck.Check(door, Session, InNoList(door, inInterface: "bridge")));
    }

    [Fact]
    public void Check_DropOnEveryInterface_SaysAnyInterface()
    {
        var dropAll = new FilterRule { Chain = "input", Action = FilterAction.Drop };

        Diagnostic d = Assert.Single(LockoutCheck.Check(Config([AcceptEstablished, dropAll]), Session));

        Assert.Contains(" on any interface ", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnnamedInterface_Tried()
    {
        // Accepts only from the interfaces the config names: the one it does not name is dropped.
        var acceptLan = new FilterRule { Chain = "input", Action = FilterAction.Accept, InInterfaceList = Negatable<string>.Is("LAN") };
        var acceptWan = new FilterRule { Chain = "input", Action = FilterAction.Accept, InInterfaceList = Wan };
        var dropAll = new FilterRule { Chain = "input", Action = FilterAction.Drop };

        Diagnostic d = Assert.Single(LockoutCheck.Check(Config([acceptLan, acceptWan, dropAll]), Session), d => d.Code == LockoutCheck.CutCode);

        Assert.Contains("if it arrives on unnamed0 ", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ZoneOfLinkLocalSession_IsTheInterface()
    {
        FirewallConfig next = Config([], [AcceptEstablished, DropWan()]);
        SshSession linkLocal = Parse("fe80::7%bridge 51234 fe80::1%bridge 22");

        Assert.Empty(LockoutCheck.Check(next, linkLocal));
        Assert.Single(LockoutCheck.Check(next, Parse("fe80::7%ether1 51234 fe80::1%ether1 22")));
    }

    [Fact]
    public void Check_RuleText_WrittenByTheGivenFormatter()
    {
        Diagnostic d = Assert.Single(LockoutCheck.Check(Config([AcceptEstablished, DropWan()]), Session, InNoList(), r => $"add action={r.Action.ToRouterOs()} chain={r.Chain} in-interface-list=WAN"));

        Assert.Contains("/ip firewall filter rule 1 (add action=drop chain=input in-interface-list=WAN)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DefaultSession_InvalidNothingChecked()
    {
        Diagnostic d = Assert.Single(LockoutCheck.Check(Config(Door()), default));

        Assert.Equal(LockoutCheck.InvalidSessionCode, d.Code);
        Assert.Equal(Severity.Error, d.Severity);
    }

    [Fact]
    public void Check_MixedFamilies_Invalid()
    {
        SshSession mixed = new(Host("192.0.2.7"), 51234, Host("2001:db8::1"), 22);

        Assert.Equal(LockoutCheck.InvalidSessionCode, Assert.Single(LockoutCheck.Check(Config(Door()), mixed)).Code);
    }

    [Fact]
    public void Check_AddressListActionOnTheWay_DoesNotLeakIntoTheNextProbe()
    {
        // A trap that blacklists any source touching port 22 from outside 'secured', then drops the blacklist: the
        // established probe must not blacklist the source for the new-connection probe, nor for the next interface.
        var trap = new FilterRule
        {
            Chain = "input",
            Action = FilterAction.AddSrcToAddressList,
            AddressList = "blacklist",
            AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromMinutes(1)),
            Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
            DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(22, 22)]),
            ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established),
        };
        var dropBlacklist = new FilterRule { Chain = "input", Action = FilterAction.Drop, SrcAddressList = Negatable<string>.Is("blacklist") };

        Assert.Empty(LockoutCheck.Check(Config([dropBlacklist, trap, AcceptEstablished]), Session));
    }

    [Fact]
    public void Check_EmptyInterfaceName_TakenAsNotKnown()
    {
        FirewallConfig door = Config([AcceptEstablished, .. Door()]);

        Diagnostic d = Assert.Single(LockoutCheck.Check(door, Session, new LockoutContext(null, [], "")));

        Assert.Contains("(the session's interface is not known)", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Check_ThousandInterfaces_EachTried(bool listActions)
    {
        // One accept per interface and a trap that lists every source: the check compiles the config per probe then.
        var rules = new List<FilterRule>();
        for (int i = 0; i < 1000; i++)
        {
            rules.Add(new FilterRule { Chain = "input", Action = FilterAction.Accept, InInterface = Negatable<string>.Is($"if{i}") });
        }

        if (listActions)
        {
            rules.Add(new FilterRule { Chain = "input", Action = FilterAction.AddSrcToAddressList, AddressList = "seen", AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromMinutes(1)) });
        }

        rules.Add(new FilterRule { Chain = "input", Action = FilterAction.Drop, Location = DropAt });

        IReadOnlyList<Diagnostic> found = LockoutCheck.Check(new FirewallConfig { Ipv4Filter = [.. rules] }, Session);

        Assert.Equal(2, found.Count);
        Assert.All(found, d => Assert.Contains("if it arrives on unnamed0 ", d.Message, StringComparison.Ordinal));
    }
}
