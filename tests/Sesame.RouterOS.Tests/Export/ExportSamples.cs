using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Export;

/// <summary>Models that the export golden tests write out; built in code so that they do not depend on the parser.</summary>
internal static class ExportSamples
{
    public static IpRange Ip(string text) =>
        IpRange.TryParse(text, out IpRange? range, out string error) ? range.Value : throw new ArgumentException(error, nameof(text));

    public static EquatableArray<PortRange> Ports(params (ushort First, ushort Last)[] ranges) =>
        [.. ranges.Select(r => new PortRange(r.First, r.Last))];

    private static FilterRule Knock(string list, string timeout, ushort port, string? after) => new()
    {
        Chain = "input",
        Action = FilterAction.AddSrcToAddressList,
        AddressList = list,
        AddressListTimeout = AddressListTimeout.Timed(Time(timeout)),
        DstPort = Negatable<EquatableArray<PortRange>>.Is(Ports((port, port))),
        InInterfaceList = Negatable<string>.Is("WAN"),
        Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
        SrcAddressList = after is null ? null : Negatable<string>.Is(after),
    };

    private static TimeSpan Time(string text) =>
        RouterOsTime.TryParse(text, out TimeSpan value) ? value : throw new ArgumentException(text, nameof(text));

    /// <summary>The old manual's setup (seed 000): three knocks, accept, the blacklist, the passphrase knock, a final drop.</summary>
    public static FirewallConfig Seeds() => new()
    {
        InterfaceLists = [new InterfaceList("WAN") { Comment = "defconf" }, new InterfaceList("LAN") { Comment = "defconf" }],
        InterfaceListMembers = [new InterfaceListMember("WAN", "ether1") { Comment = "defconf" }, new InterfaceListMember("LAN", "bridge") { Comment = "defconf" }],
        Layer7Protocols = [new Layer7Protocol("pass", "^passphrase$")],
        Ipv4AddressList =
        [
            new AddressListEntry { List = "secured", Address = Ip("192.168.88.0/24"), Comment = "office" },
            new AddressListEntry { List = "888", Address = Ip("203.0.113.7"), Timeout = TimeSpan.FromSeconds(30) },
        ],
        Ipv4Filter =
        [
            new FilterRule
            {
                Chain = "input", Action = FilterAction.Drop, Disabled = true,
                InInterfaceList = Negatable<string>.Is("WAN"), SrcAddressList = Negatable<string>.Is("blacklist"),
            },
            Knock("888", "30s", 888, null) with { Protocol = Negatable<byte>.Is(IpProtocols.Udp), Layer7Protocol = "pass" },
            Knock("555", "30s", 555, "888"),
            Knock("secured", "30m", 222, "555"),
            new FilterRule
            {
                Chain = "input", Action = FilterAction.Accept,
                InInterfaceList = Negatable<string>.Is("WAN"), SrcAddressList = Negatable<string>.Is("secured"),
            },
            Knock("blacklist", "1000m", 666, null) with { Disabled = true },
            Knock("blacklist", "1m", 0, null) with
            {
                Disabled = true,
                DstPort = Negatable<EquatableArray<PortRange>>.Is(Ports((21, 21), (22, 22), (23, 23), (8291, 8291), (10000, 60000))),
                SrcAddressList = Negatable<string>.Not("secured"),
            },
            new FilterRule { Chain = "input", Action = FilterAction.Drop, InInterfaceList = Negatable<string>.Is("WAN") },
        ],
    };

    /// <summary>One IPv4 rule with every property of <see cref="FilterRule"/> set, one IPv6 rule with most of them negated.</summary>
    public static FirewallConfig EveryProperty() => new()
    {
        InterfaceLists = [new InterfaceList("WAN"), new InterfaceList("LAN")],
        Ipv4Filter =
        [
            new FilterRule
            {
                Chain = "knock chain",
                Action = FilterAction.AddDstToAddressList,
                Disabled = true,
                Comment = "every property; \"quoted\" and $dollar",
                AddressList = "stage 1",
                AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(5)),
                JumpTarget = "elsewhere",
                RejectWith = "icmp-admin-prohibited",
                Log = true,
                LogPrefix = "knock: ",
                Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
                SrcAddress = Negatable<IpRange>.Is(Ip("198.51.100.0/24")),
                DstAddress = Negatable<IpRange>.Not(Ip("203.0.113.1-203.0.113.9")),
                SrcAddressList = Negatable<string>.Is("knock1"),
                DstAddressList = Negatable<string>.Not("odd"),
                SrcPort = Negatable<EquatableArray<PortRange>>.Not(Ports((1024, 65535))),
                DstPort = Negatable<EquatableArray<PortRange>>.Is(Ports((21, 21), (22, 22), (10000, 60000))),
                AnyPort = Negatable<EquatableArray<PortRange>>.Is(Ports((8291, 8291))),
                InInterface = Negatable<string>.Is("ether1"),
                OutInterface = Negatable<string>.Not("bridge"),
                InInterfaceList = Negatable<string>.Is("WAN"),
                OutInterfaceList = Negatable<string>.Not("LAN"),
                ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.New | ConnectionStates.Untracked),
                TcpFlags = new TcpFlagsMatch(TcpFlags.Syn, TcpFlags.Ack | TcpFlags.Rst),
                Layer7Protocol = "pass",
                PacketSize = Negatable<SizeRange>.Is(new SizeRange(100, 200)),
                SrcAddressType = Negatable<AddressTypes>.Not(AddressTypes.Local),
                DstAddressType = Negatable<AddressTypes>.Is(AddressTypes.Local | AddressTypes.Multicast),
                ConnectionLimit = Negatable<ConnectionLimit>.Is(new ConnectionLimit(3, 32)),
                Unsupported = [new RawProperty("nth", "2,1"), new RawProperty("src-mac-address", "!00:11:22:33:44:55"), new RawProperty("time", "8h-17h,mon,tue")],
            },
            new FilterRule { Chain = "output", Action = FilterAction.Jump, JumpTarget = "knock chain", AddressListTimeout = AddressListTimeout.NoneStatic },
            new FilterRule { Chain = "forward", Action = FilterAction.FasttrackConnection, ConnectionState = Negatable<ConnectionStates>.Not(ConnectionStates.Established | ConnectionStates.Related), Comment = "", LogPrefix = "" },
        ],
        Ipv6Filter =
        [
            new FilterRule
            {
                Chain = "input", Action = FilterAction.Reject, RejectWith = "icmp-no-route",
                Protocol = Negatable<byte>.Not(IpProtocols.IcmpV6),
                SrcAddress = Negatable<IpRange>.Is(Ip("2001:db8::/32")),
                DstAddress = Negatable<IpRange>.Not(Ip("2001:db8::1")),
                AddressListTimeout = AddressListTimeout.NoneDynamic,
            },
        ],
        Layer7Protocols = [new Layer7Protocol("pass", "^pass$")],
    };

    /// <summary>IPv6 lists and rules beside IPv4 ones of the same names.</summary>
    public static FirewallConfig Ipv6() => new()
    {
        InterfaceLists = [new InterfaceList("WAN")],
        Ipv4AddressList = [new AddressListEntry { List = "secured", Address = Ip("203.0.113.10") }],
        Ipv6AddressList =
        [
            new AddressListEntry { List = "secured", Address = Ip("2001:db8::10") },
            new AddressListEntry { List = "secured", Address = Ip("2001:db8:1::/48"), Disabled = true, Comment = "lab" },
            new AddressListEntry { List = "knock1", Address = Ip("2001:db8::99"), Dynamic = true },
        ],
        Ipv6Filter =
        [
            Knock("knock1", "30s", 7000, null),
            Knock("secured", "1h", 8000, "knock1"),
            new FilterRule { Chain = "input", Action = FilterAction.Accept, SrcAddressList = Negatable<string>.Is("secured"), Protocol = Negatable<byte>.Is(IpProtocols.Tcp), DstPort = Negatable<EquatableArray<PortRange>>.Is(Ports((22, 22))) },
            new FilterRule { Chain = "input", Action = FilterAction.Drop, InInterfaceList = Negatable<string>.Is("WAN") },
        ],
    };

    /// <summary>Layer7 patterns full of characters that need escapes, and a pattern long enough to be wrapped inside its string.</summary>
    public static FirewallConfig Layer7() => new()
    {
        Layer7Protocols =
        [
            new Layer7Protocol("pass", "^passphrase$"),
            new Layer7Protocol("old manual", "^passphrase/$") { Comment = "as printed in the old manual" },
            new Layer7Protocol("quoted", "^say \"open sesame\"$"),
            new Layer7Protocol("hex", @"^\x13bittorrent protocol\\x01[\]\[]{2}"),
            new Layer7Protocol("long", "^(alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel|india|juliett|kilo|lima|mike|november|oscar|papa|quebec|romeo|sierra|tango|uniform|victor|whiskey|xray|yankee|zulu)$"),
            new Layer7Protocol("unicode", "^héllo\t\u0001wörld€$"),
        ],
    };

    /// <summary>The new manual's scripts and scheduler (seed 004): multi-line sources with <c>$</c> and quotes.</summary>
    public static FirewallConfig Scripts() => new()
    {
        Scripts =
        [
            new SystemScript(
                "check-and-grant",
                ":local knockedIPs [/ip firewall address-list find list=knock2]\n:foreach id in=$knockedIPs do={\n    :local ip [/ip firewall address-list get $id address]\n    /ip firewall address-list add list=secured address=$ip timeout=30m comment=\"granted-by-script\"\n    /ip firewall address-list remove $id\n    :log info \"Port knock: granted access to $ip\"\n}",
                []),
            new SystemScript(
                "log-knock-attempts",
                ":local stage1 [/ip firewall address-list find list=knock1]\r\n:log info (\"Port knock stats: stage1=\" . [:len $stage1])",
                [new RawProperty("policy", "read,write,test"), new RawProperty("dont-require-permissions", "yes"), new RawProperty("comment", "stats")]),
        ],
        Schedulers =
        [
            new SystemScheduler("knock-logger", [new RawProperty("interval", "5m"), new RawProperty("on-event", "log-knock-attempts")]),
            new SystemScheduler("cleanup", [new RawProperty("start-time", "startup"), new RawProperty("on-event", ":log info \"clean $time\"")]),
        ],
    };

    /// <summary>Interface lists that include and exclude others, members enabled and disabled.</summary>
    public static FirewallConfig InterfaceLists() => new()
    {
        InterfaceLists =
        [
            new InterfaceList("WAN") { Comment = "defconf" },
            new InterfaceList("LAN") { Comment = "defconf" },
            new InterfaceList("uplinks") { Include = ["WAN", "dynamic"], Exclude = ["LAN"] },
            new InterfaceList("everything but LAN") { Include = ["all"], Exclude = ["LAN", "uplinks"] },
        ],
        InterfaceListMembers =
        [
            new InterfaceListMember("WAN", "ether1"),
            new InterfaceListMember("WAN", "pppoe-out1") { Disabled = true },
            new InterfaceListMember("LAN", "bridge") { Comment = "defconf" },
        ],
    };

    /// <summary>Static entries (hosts, prefixes, ranges, a DNS name, disabled, commented) and dynamic ones that export leaves out.</summary>
    public static FirewallConfig AddressLists() => new()
    {
        Ipv4AddressList =
        [
            new AddressListEntry { List = "admin-ips", Address = Ip("203.0.113.10"), Comment = "office IP" },
            new AddressListEntry { List = "admin-ips", Address = Ip("198.51.100.5"), Comment = "home IP", Disabled = true },
            new AddressListEntry { List = "blocked", Address = Ip("203.0.113.0/24") },
            new AddressListEntry { List = "blocked", Address = Ip("198.51.100.10-198.51.100.20") },
            new AddressListEntry { List = "blocked", DnsName = "scanner.example.com" },
            new AddressListEntry { List = "secured", Address = Ip("192.0.2.1"), Timeout = TimeSpan.FromMinutes(30) },
            new AddressListEntry { List = "knock1", Address = Ip("192.0.2.2"), Dynamic = true },
            new AddressListEntry { List = "port scanners", Address = Ip("192.0.2.3"), Comment = "a list name with a space" },
        ],
    };
}
