using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS;

namespace Sesame.Tests.Building;

public sealed class ConfigBuilderTests
{
    [Fact]
    public void Rule_ActionParameters_Typed()
    {
        FilterRule rule = Scripts.Rule("add chain=knock action=add-dst-to-address-list address-list=seen address-list-timeout=1h " +
            "log=yes log-prefix=\"K1 \" disabled=yes comment=\"first knock\"");

        Assert.Equal(("knock", FilterAction.AddDstToAddressList, "seen"), (rule.Chain, rule.Action, rule.AddressList));
        Assert.Equal(AddressListTimeout.Timed(TimeSpan.FromHours(1)), rule.AddressListTimeout);
        Assert.Equal((true, "K1 ", true, "first knock"), (rule.Log, rule.LogPrefix, rule.Disabled, rule.Comment));
    }

    [Fact]
    public void Rule_NoAction_DefaultsToAccept()
    {
        Assert.Equal(FilterAction.Accept, Scripts.Rule("add chain=input").Action);
    }

    [Fact]
    public void Rule_JumpAndReject_Typed()
    {
        FilterRule jump = Scripts.Rule("add chain=input action=jump jump-target=port_knock");
        FilterRule reject = Scripts.Rule("add chain=input action=reject reject-with=tcp-reset protocol=tcp");

        Assert.Equal((FilterAction.Jump, "port_knock"), (jump.Action, jump.JumpTarget));
        Assert.Equal((FilterAction.Reject, "tcp-reset"), (reject.Action, reject.RejectWith));
    }

    [Theory]
    [InlineData("protocol=tcp", false, 6)]
    [InlineData("protocol=udp", false, 17)]
    [InlineData("protocol=icmp", false, 1)]
    [InlineData("protocol=47", false, 47)]
    [InlineData("protocol=!tcp", true, 6)]
    public void Rule_Protocol_NameOrNumberWithNegation(string property, bool negated, byte number)
    {
        Assert.Equal(new Negatable<byte>(negated, number), Scripts.Rule("add chain=input " + property).Protocol);
    }

    [Theory]
    [InlineData("src-address=203.0.113.7", false, "203.0.113.7")]
    [InlineData("src-address=203.0.113.77/24", false, "203.0.113.0/24")]
    [InlineData("src-address=10.0.0.1-10.0.0.9", false, "10.0.0.1-10.0.0.9")]
    [InlineData("src-address=!192.168.88.0/24", true, "192.168.88.0/24")]
    public void Rule_SrcAddress_AddressPrefixOrRange(string property, bool negated, string expected)
    {
        Negatable<IpRange> address = Scripts.Rule("add chain=input " + property).SrcAddress!.Value;

        Assert.Equal((negated, expected), (address.Negated, address.Value.ToString()));
    }

    [Fact]
    public void Rule_Ipv6Filter_Ipv6Addresses()
    {
        FirewallConfig config = Scripts.Config("/ipv6 firewall filter add chain=input dst-address=2001:db8::/32 protocol=icmpv6");

        Assert.Equal("2001:db8::/32", config.Ipv6Filter[0].DstAddress!.Value.Value.ToString());
        Assert.Empty(config.Ipv4Filter);
    }

    [Fact]
    public void Rule_Lists_NegatedWhole()
    {
        FilterRule rule = Scripts.Rule("add chain=input src-address-list=!secured dst-address-list=mine in-interface-list=!LAN out-interface-list=WAN");

        Assert.Equal(Negatable<string>.Not("secured"), rule.SrcAddressList);
        Assert.Equal(Negatable<string>.Is("mine"), rule.DstAddressList);
        Assert.Equal(Negatable<string>.Not("LAN"), rule.InInterfaceList);
        Assert.Equal(Negatable<string>.Is("WAN"), rule.OutInterfaceList);
    }

    [Theory]
    [InlineData("src-address-list=!\"my list\"", true, "my list")]
    [InlineData("src-address-list=!\"!odd\"", true, "!odd")]
    [InlineData("src-address-list=\"my list\"", false, "my list")]
    [InlineData("src-address-list=!plain", true, "plain")]
    public void Rule_BangBeforeQuotes_NegatesTheQuotedName(string property, bool negated, string name)
    {
        // The exporter writes the '!' outside the quotes (ROUTEROS.md §1.8): !"my list" is "not in list 'my list'".
        Assert.Equal(new Negatable<string>(negated, name), Scripts.Rule("add chain=input " + property).SrcAddressList);
    }

    [Fact]
    public void Rule_BangBeforeQuotedInterfaceList_Negated()
    {
        FilterRule rule = Assert.Single(Scripts.Config("/interface list add name=\"my wan\"\n/ip firewall filter add chain=input in-interface-list=!\"my wan\"").Ipv4Filter);

        Assert.Equal(Negatable<string>.Not("my wan"), rule.InInterfaceList);
    }

    [Fact]
    public void Rule_TcpFlagsWithTcp_NoError()
    {
        FilterRule rule = Scripts.Rule("add chain=input tcp-flags=syn,!ack protocol=tcp");

        Assert.Equal(new TcpFlagsMatch(TcpFlags.Syn, TcpFlags.Ack), rule.TcpFlags);
    }

    [Fact]
    public void InterfaceLists_IncludeOfAListAddedLaterOrPredefined_NoError()
    {
        FirewallConfig config = Scripts.Config("/interface list\nadd name=ALL-OUT include=LAN exclude=dynamic,none\nadd name=LAN");

        Assert.Equal(["LAN"], config.InterfaceLists[0].Include);
        Assert.Equal(["dynamic", "none"], config.InterfaceLists[0].Exclude);
    }

    [Fact]
    public void Rule_QuotedBang_PartOfTheName()
    {
        Assert.Equal(Negatable<string>.Is("!odd"), Scripts.Rule("add chain=input src-address-list=\"!odd\"").SrcAddressList);
    }

    [Theory]
    [InlineData("dst-port=22", false, "22")]
    [InlineData("dst-port=21,22,23,8291,10000-60000", false, "21,22,23,8291,10000-60000")]
    [InlineData("dst-port=!22", true, "22")]
    [InlineData("src-port=1024-65535", false, "1024-65535")]
    [InlineData("port=53", false, "53")]
    public void Rule_Ports_ListsAndRanges(string property, bool negated, string expected)
    {
        FilterRule rule = Scripts.Rule("add chain=input protocol=udp " + property);

        Negatable<EquatableArray<PortRange>> ports = (rule.DstPort ?? rule.SrcPort ?? rule.AnyPort)!.Value;
        Assert.Equal((negated, expected), (ports.Negated, string.Join(",", ports.Value)));
    }

    [Fact]
    public void Rule_Interfaces_ByName()
    {
        FilterRule rule = Scripts.Rule("add chain=forward in-interface=ether1 out-interface=!bridge");

        Assert.Equal(Negatable<string>.Is("ether1"), rule.InInterface);
        Assert.Equal(Negatable<string>.Not("bridge"), rule.OutInterface);
    }

    [Theory]
    [InlineData("connection-state=established,related,untracked", false, ConnectionStates.Established | ConnectionStates.Related | ConnectionStates.Untracked)]
    [InlineData("connection-state=new", false, ConnectionStates.New)]
    [InlineData("connection-state=!established,related", true, ConnectionStates.Established | ConnectionStates.Related)]
    [InlineData("connection-state=invalid", false, ConnectionStates.Invalid)]
    public void Rule_ConnectionState_CommaListNegatedWhole(string property, bool negated, ConnectionStates states)
    {
        Assert.Equal(new Negatable<ConnectionStates>(negated, states), Scripts.Rule("add chain=input " + property).ConnectionState);
    }

    [Theory]
    [InlineData("syn", TcpFlags.Syn, TcpFlags.None)]
    [InlineData("syn,!ack", TcpFlags.Syn, TcpFlags.Ack)]
    [InlineData("syn,!ack,!fin,!rst", TcpFlags.Syn, TcpFlags.Ack | TcpFlags.Fin | TcpFlags.Rst)]
    [InlineData("fin,psh,urg,ece,cwr", TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Urg | TcpFlags.Ece | TcpFlags.Cwr, TcpFlags.None)]
    public void Rule_TcpFlags_PerFlagNegation(string value, TcpFlags set, TcpFlags clear)
    {
        Assert.Equal(new TcpFlagsMatch(set, clear), Scripts.Rule("add chain=input protocol=tcp tcp-flags=" + value).TcpFlags);
    }

    [Fact]
    public void Rule_Layer7_NamesADefinedProtocol()
    {
        FirewallConfig config = Scripts.Config("/ip firewall layer7-protocol add name=pass regexp=\"^pass\\$\" comment=k\n" +
            "/ip firewall filter add chain=input protocol=udp dst-port=888 layer7-protocol=pass");

        Assert.Equal("pass", config.Ipv4Filter[0].Layer7Protocol);
        Layer7Protocol l7 = Assert.Single(config.Layer7Protocols);
        Assert.Equal(("pass", "^pass$", "k"), (l7.Name, l7.Regexp, l7.Comment));
    }

    [Theory]
    [InlineData("packet-size=123", false, 123, 123)]
    [InlineData("packet-size=100-200", false, 100, 200)]
    [InlineData("packet-size=!0-60", true, 0, 60)]
    public void Rule_PacketSize_ValueOrRange(string property, bool negated, int min, int max)
    {
        Assert.Equal(new Negatable<SizeRange>(negated, new SizeRange(min, max)), Scripts.Rule("add chain=input protocol=icmp " + property).PacketSize);
    }

    [Theory]
    [InlineData("dst-address-type=local", false, AddressTypes.Local)]
    [InlineData("dst-address-type=!local", true, AddressTypes.Local)]
    [InlineData("src-address-type=unicast,broadcast,multicast", false, AddressTypes.Unicast | AddressTypes.Broadcast | AddressTypes.Multicast)]
    public void Rule_AddressType_CommaList(string property, bool negated, AddressTypes types)
    {
        FilterRule rule = Scripts.Rule("add chain=input " + property);

        Assert.Equal(new Negatable<AddressTypes>(negated, types), rule.DstAddressType ?? rule.SrcAddressType);
    }

    [Theory]
    [InlineData("connection-limit=3,32", false, 3, 32)]
    [InlineData("connection-limit=!100,24", true, 100, 24)]
    public void Rule_ConnectionLimit_CountAndMask(string property, bool negated, int limit, int mask)
    {
        Assert.Equal(new Negatable<ConnectionLimit>(negated, new ConnectionLimit(limit, mask)),
            Scripts.Rule("add chain=input protocol=tcp " + property).ConnectionLimit);
    }

    [Fact]
    public void Rule_UnsupportedMatcher_KeptRawWithWarning()
    {
        ScriptResult result = Scripts.Parse(Scripts.Lists + "/ip firewall filter add chain=input nth=2,1 limit=10/1s,5:packet");

        FilterRule rule = Assert.Single(result.Config.Ipv4Filter);
        Assert.Equal([new RawProperty("nth", "2,1"), new RawProperty("limit", "10/1s,5:packet")], rule.Unsupported);
        Assert.Equal([(5, 37), (5, 45)], result.Diagnostics.Where(d => d.Code == "SES0306").Select(d => (d.Location.Line, d.Location.Column)));
        Assert.False(result.HasErrors);
    }

    [Theory]
    [InlineData("30s", AddressListTimeoutKind.Timed, 30)]
    [InlineData("1000m", AddressListTimeoutKind.Timed, 60000)]
    [InlineData("1w2d3h4m5s", AddressListTimeoutKind.Timed, 788645)]
    [InlineData("00:30:00", AddressListTimeoutKind.Timed, 1800)]
    [InlineData("1d02:00:00", AddressListTimeoutKind.Timed, 93600)]
    [InlineData("90", AddressListTimeoutKind.Timed, 90)]
    [InlineData("1.5s", AddressListTimeoutKind.Timed, 1.5)]
    [InlineData("500ms", AddressListTimeoutKind.Timed, 0.5)]
    [InlineData("35w3d13h13m56s", AddressListTimeoutKind.Timed, 21474836)]
    [InlineData("none-dynamic", AddressListTimeoutKind.NoneDynamic, 0)]
    [InlineData("00:00:00", AddressListTimeoutKind.NoneDynamic, 0)]
    [InlineData("0s", AddressListTimeoutKind.NoneDynamic, 0)]
    [InlineData("none-static", AddressListTimeoutKind.NoneStatic, 0)]
    public void Rule_AddressListTimeout_EveryTimeFormat(string value, AddressListTimeoutKind kind, double seconds)
    {
        FilterRule rule = Scripts.Rule("add chain=input action=add-src-to-address-list address-list=a address-list-timeout=" + value);

        Assert.Equal(new AddressListTimeout(kind, TimeSpan.FromSeconds(seconds)), rule.AddressListTimeout);
    }

    [Theory]
    [InlineData("35w3d13h13m57s")]
    [InlineData("36w")]
    [InlineData("10x")]
    [InlineData("soon")]
    public void Rule_AddressListTimeout_OutOfRangeOrMalformed_ErrorAtTheValue(string value)
    {
        ScriptResult result = Scripts.Parse("/ip firewall filter add chain=input action=add-src-to-address-list address-list=a address-list-timeout=" + value);

        Diagnostic d = Scripts.Single(result, "SES0301");
        Assert.Equal((1, 104), (d.Location.Line, d.Location.Column));
    }

    [Theory]
    [InlineData("/ip firewall filter\nadd action=drop", "SES0302", 2, 1)]
    [InlineData("/ip firewall filter\nadd chain=input dst-port=22", "SES0303", 2, 17)]
    [InlineData("/ip firewall filter\nadd chain=input protocol=icmp port=22", "SES0303", 2, 31)]
    [InlineData("/ip firewall filter\nadd chain=input protocol=!tcp dst-port=22", "SES0303", 2, 31)]
    [InlineData("/ip firewall filter\nadd chain=input action=add-src-to-address-list", "SES0302", 2, 24)]
    [InlineData("/ip firewall filter\nadd chain=input action=jump", "SES0302", 2, 24)]
    [InlineData("/ip firewall filter\nadd chain=input action=allow", "SES0301", 2, 24)]
    [InlineData("/ip firewall filter\nadd chain=input layer7-protocol=nope", "SES0304", 2, 33)]
    [InlineData("/ip firewall filter\nadd chain=input in-interface-list=DMZ", "SES0305", 2, 35)]
    [InlineData("/ip firewall filter\nadd chain=input out-interface-list=!DMZ", "SES0305", 2, 36)]
    [InlineData("/ip firewall filter\nadd chain=input protocol=tcpx", "SES0301", 2, 26)]
    [InlineData("/ip firewall filter\nadd chain=input protocol=tcp dst-port=70000", "SES0301", 2, 39)]
    [InlineData("/ip firewall filter\nadd chain=input protocol=tcp dst-port=30-20", "SES0301", 2, 39)]
    [InlineData("/ip firewall filter\nadd chain=input src-address=10.0.0.300", "SES0301", 2, 29)]
    [InlineData("/ip firewall filter\nadd chain=input src-address=2001:db8::1", "SES0301", 2, 29)]
    [InlineData("/ip firewall filter\nadd chain=input connection-state=fresh", "SES0301", 2, 34)]
    [InlineData("/ip firewall filter\nadd chain=input protocol=tcp tcp-flags=syn,!syn", "SES0301", 2, 40)]
    [InlineData("/ip firewall filter\nadd chain=input protocol=tcp tcp-flags=sin", "SES0301", 2, 40)]
    [InlineData("/ip firewall filter\nadd chain=input packet-size=70000", "SES0301", 2, 29)]
    [InlineData("/ip firewall filter\nadd chain=input dst-address-type=remote", "SES0301", 2, 34)]
    [InlineData("/ip firewall filter\nadd chain=input connection-limit=3", "SES0301", 2, 34)]
    [InlineData("/ip firewall filter\nadd chain=input connection-limit=3,33", "SES0301", 2, 34)]
    [InlineData("/ip firewall filter\nadd chain=input disabled=maybe", "SES0301", 2, 26)]
    [InlineData("/ip firewall filter\nadd chain=input psd2=1", "SES0204", 2, 17)]
    [InlineData("/ipv6 firewall filter\nadd chain=input layer7-protocol=x", "SES0309", 2, 17)]
    [InlineData("/ipv6 firewall filter\nadd chain=input connection-limit=3,129", "SES0301", 2, 34)]
    [InlineData("/ip firewall address-list\nadd address=10.0.0.1", "SES0302", 2, 1)]
    [InlineData("/ip firewall address-list\nadd list=a address=2001:db8::1", "SES0301", 2, 20)]
    [InlineData("/ip firewall address-list\nadd list=a address=10.0.0.1 timeout=forever", "SES0301", 2, 37)]
    [InlineData("/ipv6 firewall address-list\nadd list=a address=2001:db8::1-2001:db8::5", "SES0301", 2, 20)]
    [InlineData("/ip firewall layer7-protocol\nadd name=a", "SES0302", 2, 1)]
    [InlineData("/ip firewall layer7-protocol\nadd name=a regexp=x\nadd name=a regexp=y", "SES0301", 3, 10)]
    [InlineData("/interface list\nadd comment=x", "SES0302", 2, 1)]
    [InlineData("/interface list member\nadd list=WAN interface=ether1", "SES0305", 2, 10)]
    [InlineData("/ip firewall filter\nadd chain=input tcp-flags=syn", "SES0310", 2, 17)]
    [InlineData("/ip firewall filter\nadd chain=input protocol=udp tcp-flags=syn,!ack", "SES0310", 2, 30)]
    [InlineData("/ip firewall filter\nadd chain=input protocol=!tcp tcp-flags=syn", "SES0310", 2, 31)]
    [InlineData("/interface list\nadd name=A include=B", "SES0305", 2, 20)]
    [InlineData("/interface list\nadd name=WAN\nadd name=A include=WAN exclude=LAN", "SES0305", 3, 32)]
    [InlineData("/system script\nadd source=\":log info x\"", "SES0302", 2, 1)]
    [InlineData("/system scheduler\nadd interval=5m", "SES0302", 2, 1)]
    public void Build_InvalidItem_ErrorWithLineAndColumn(string text, string code, int line, int column)
    {
        ScriptResult result = Scripts.Parse(text);

        Diagnostic d = Assert.Single(result.Diagnostics, x => x.IsError);
        Assert.Equal((code, line, column), (d.Code, d.Location.Line, d.Location.Column));
        Assert.StartsWith($"{Scripts.File}:{line}:{column}: error {code}: ", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ManyErrors_AllReportedInFileOrder()
    {
        ScriptResult result = Scripts.Parse("/ip firewall filter\nadd action=drop\nadd chain=input dst-port=22\nadd chain=input protocol=bogus\nfrob");

        Assert.Equal([2, 3, 4, 5], result.Diagnostics.Select(d => d.Location.Line));
        Assert.All(result.Diagnostics, d => Assert.True(d.IsError));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rule_InInterfaceNamedLikeAList_KeptAsInterfaceWithVariantDiagnostic(bool strict)
    {
        ScriptResult result = Scripts.Parse(Scripts.Lists + "/ip firewall filter add chain=input in-interface=WAN out-interface=LAN", strict);

        Assert.Equal(2, result.Diagnostics.Count(d => d.Code == "SES0308" && d.IsError == strict));
        Assert.Contains("did you mean in-interface-list=WAN?", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal(Negatable<string>.Is("WAN"), Assert.Single(result.Config.Ipv4Filter).InInterface);
    }

    [Fact]
    public void Rule_InInterfaceThatIsAKnownInterface_NoWarning()
    {
        ScriptResult result = Scripts.Parse("/interface list add name=WAN\n/interface list member add list=WAN interface=WAN\n" +
            "/ip firewall filter add chain=input in-interface=WAN");

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void AddressList_Entries_AddressesTimeoutsAndFlags()
    {
        FirewallConfig config = Scripts.Config("/ip firewall address-list\n" +
            "add list=a address=203.0.113.77/24 comment=net\n" +
            "add list=a address=198.51.100.0-198.51.100.255 disabled=yes\n" +
            "add list=b address=10.0.0.1 timeout=1d\n" +
            "add list=b address=10.0.0.2 dynamic=yes\n" +
            "/ipv6 firewall address-list add list=a address=2001:db8::5");

        Assert.Equal(["203.0.113.0/24", "198.51.100.0/24", "10.0.0.1", "10.0.0.2"], config.Ipv4AddressList.Select(e => e.AddressText));
        Assert.Equal([true, true, false, false], config.Ipv4AddressList.Select(e => e.IsStatic));
        Assert.Equal(TimeSpan.FromDays(1), config.Ipv4AddressList[2].Timeout);
        Assert.True(config.Ipv4AddressList[1].Disabled);
        Assert.Equal("net", config.Ipv4AddressList[0].Comment);
        Assert.Equal("2001:db8::5", Assert.Single(config.Ipv6AddressList).AddressText);
    }

    [Fact]
    public void AddressList_NotAnAddress_DnsNameWithWarning()
    {
        ScriptResult result = Scripts.Parse("/ip firewall address-list add list=a address=203.0.113.1-254");

        AddressListEntry entry = Assert.Single(result.Config.Ipv4AddressList);
        Assert.Equal(("203.0.113.1-254", null), (entry.DnsName, entry.Address));
        Diagnostic d = Scripts.Single(result, "SES0307");
        Assert.Equal((Severity.Warning, 46), (d.Severity, d.Location.Column));
    }

    [Fact]
    public void InterfaceLists_ListsMembersAndPredefined()
    {
        FirewallConfig config = Scripts.Config("/interface list\nadd name=WAN comment=defconf\nadd name=ALL-OUT include=WAN exclude=LAN,dynamic\nadd name=LAN\n" +
            "/interface list member\nadd interface=ether1 list=WAN\nadd interface=ether9 list=all disabled=yes");

        Assert.Equal(["WAN", "ALL-OUT", "LAN"], config.InterfaceLists.Select(l => l.Name));
        Assert.Equal(["LAN", "dynamic"], config.InterfaceLists[1].Include.Concat(config.InterfaceLists[1].Exclude).Skip(1));
        Assert.Equal([("WAN", "ether1", false), ("all", "ether9", true)], config.InterfaceListMembers.Select(m => (m.List, m.Interface, m.Disabled)));
    }

    [Fact]
    public void ScriptsAndSchedulers_SourceBlockAndRawProperties()
    {
        FirewallConfig config = Scripts.Config("/system script add name=s policy=read,write source={ :log info \"$x\" }\n" +
            "/system script add name=t source=\":put \\\"a\\\"\"\n" +
            "/system scheduler add name=every interval=5m on-event=s start-time=startup");

        Assert.Equal(("s", ":log info \"$x\""), (config.Scripts[0].Name, config.Scripts[0].Source));
        Assert.Equal([new RawProperty("policy", "read,write")], config.Scripts[0].Properties);
        Assert.Equal(":put \"a\"", config.Scripts[1].Source);
        Assert.Equal(
            [new RawProperty("interval", "5m"), new RawProperty("on-event", "s"), new RawProperty("start-time", "startup")],
            Assert.Single(config.Schedulers).Properties);
    }
}
