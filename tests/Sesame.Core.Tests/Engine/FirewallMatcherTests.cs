using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Engine;

public sealed class FirewallMatcherTests
{
    private const string Client = "198.51.100.9";

    private static Negatable<EquatableArray<PortRange>> Ports(bool negated, params PortRange[] ranges) => new(negated, [.. ranges]);

    private static bool Drops(FilterRule drop, Func<FirewallHarness, PacketResult> send) =>
        send(new FirewallHarness(drop)).Verdict == Verdict.Drop;

    [Theory]
    [InlineData(false, (ushort)22, true)]
    [InlineData(false, (ushort)10000, true)]
    [InlineData(false, (ushort)60001, false)]
    [InlineData(true, (ushort)22, false)]
    [InlineData(true, (ushort)24, true)]
    public void Process_DstPort_ListsRangesAndNegation(bool negated, ushort port, bool dropped)
    {
        FilterRule rule = Rule(FilterAction.Drop) with
        {
            Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
            DstPort = Ports(negated, new PortRange(21, 23), new PortRange(10000, 60000)),
        };
        Assert.Equal(dropped, Drops(rule, h => h.Tcp(Client, port)));
    }

    [Theory]
    [InlineData("src", (ushort)5000, (ushort)80, true)]
    [InlineData("src", (ushort)80, (ushort)5000, false)]
    [InlineData("any", (ushort)80, (ushort)5000, true)]
    [InlineData("any", (ushort)5000, (ushort)80, true)]
    [InlineData("any", (ushort)1, (ushort)2, false)]
    public void Process_SrcAndAnyPort_MatchTheirPorts(string which, ushort srcPort, ushort dstPort, bool dropped)
    {
        Negatable<EquatableArray<PortRange>> ports = Ports(false, new PortRange(5000, 5000));
        FilterRule rule = which == "src" ? Rule(FilterAction.Drop) with { SrcPort = ports } : Rule(FilterAction.Drop) with { AnyPort = ports };
        Assert.Equal(dropped, Drops(rule, h => h.Tcp(Client, dstPort, srcPort: srcPort)));
    }

    [Fact]
    public void Process_PortMatcherOnIcmp_NeverMatches()
    {
        FilterRule rule = Rule(FilterAction.Drop) with { DstPort = Ports(true, new PortRange(22, 22)) };
        Assert.False(Drops(rule, h => h.Send(Client, IpProtocols.Icmp, 0, TcpFlags.None, 0, null, "ether1", RouterAddress, Hook.Input, 84)));
    }

    [Theory]
    [InlineData(false, IpProtocols.Tcp, true)]
    [InlineData(false, IpProtocols.Udp, false)]
    [InlineData(true, IpProtocols.Tcp, false)]
    [InlineData(true, IpProtocols.Udp, true)]
    public void Process_Protocol_WithNegation(bool negated, byte protocol, bool dropped)
    {
        FilterRule rule = Rule(FilterAction.Drop) with { Protocol = new Negatable<byte>(negated, IpProtocols.Tcp) };
        Assert.Equal(dropped, Drops(rule, h => h.Send(Client, protocol, 22, TcpFlags.Syn, 1, null, "ether1", RouterAddress, Hook.Input, 60)));
    }

    [Theory]
    [InlineData("198.51.100.0/24", false, "198.51.100.77", true)]
    [InlineData("198.51.100.0/24", true, "198.51.100.77", false)]
    [InlineData("198.51.100.10-198.51.100.20", false, "198.51.100.21", false)]
    [InlineData("2001:db8::/32", false, "198.51.100.77", false)] // another family never matches
    public void Process_SrcAddress_PrefixRangeNegation(string matcher, bool negated, string source, bool dropped)
    {
        FilterRule rule = Rule(FilterAction.Drop) with { SrcAddress = new Negatable<IpRange>(negated, Range(matcher)) };
        Assert.Equal(dropped, Drops(rule, h => h.Tcp(source, 22)));
    }

    [Theory]
    [InlineData(TcpFlags.Syn, TcpFlags.None, TcpFlags.Syn, true)]
    [InlineData(TcpFlags.Syn, TcpFlags.None, TcpFlags.Syn | TcpFlags.Ack, true)] // §10 item 10: mask semantics
    [InlineData(TcpFlags.Syn, TcpFlags.Ack, TcpFlags.Syn | TcpFlags.Ack, false)]
    [InlineData(TcpFlags.Syn, TcpFlags.Ack, TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr, true)]
    [InlineData(TcpFlags.Syn, TcpFlags.Ack | TcpFlags.Rst, TcpFlags.Rst, false)]
    [InlineData(TcpFlags.None, TcpFlags.Syn, TcpFlags.Ack, true)]
    public void Process_TcpFlags_MaskSemantics(TcpFlags set, TcpFlags clear, TcpFlags packet, bool dropped)
    {
        FilterRule rule = Rule(FilterAction.Drop) with { TcpFlags = new TcpFlagsMatch(set, clear) };
        Assert.Equal(dropped, Drops(rule, h => h.Tcp(Client, 22, packet)));
    }

    [Fact]
    public void Process_TcpFlagsOnUdp_NeverMatches()
    {
        FilterRule rule = Rule(FilterAction.Drop) with { TcpFlags = new TcpFlagsMatch(TcpFlags.None, TcpFlags.Syn) };
        Assert.False(Drops(rule, h => h.Udp(Client, 53, "q")));
    }

    [Theory]
    [InlineData(123, false, true)]
    [InlineData(124, false, false)]
    [InlineData(124, true, true)]
    public void Process_PacketSize_MatchesIpLength(int length, bool negated, bool dropped)
    {
        FilterRule rule = Rule(FilterAction.Drop) with { PacketSize = new Negatable<SizeRange>(negated, new SizeRange(100, 123)) };
        Assert.Equal(dropped, Drops(rule, h => h.Send(Client, IpProtocols.Icmp, 0, TcpFlags.None, 0, null, "ether1", RouterAddress, Hook.Input, length)));
    }

    [Theory]
    [InlineData(Hook.Input, AddressTypes.Local, false, true)] // decision: input-chain packets are addressed to the router
    [InlineData(Hook.Forward, AddressTypes.Local, false, false)]
    [InlineData(Hook.Forward, AddressTypes.Local, true, true)]
    [InlineData(Hook.Forward, AddressTypes.Unicast, false, true)]
    public void Process_DstAddressType_LocalMeansInputChain(Hook hook, AddressTypes type, bool negated, bool dropped)
    {
        string chain = hook == Hook.Input ? "input" : "forward";
        FilterRule rule = Rule(FilterAction.Drop, chain) with { DstAddressType = new Negatable<AddressTypes>(negated, type) };
        Assert.Equal(dropped, Drops(rule, h => h.Tcp(Client, 22, hook: hook)));
    }

    [Theory]
    [InlineData("ether1", "WAN", false, true)]
    [InlineData("ether2", "WAN", false, false)]
    [InlineData("bridge", "LAN", true, false)]
    [InlineData("ether1", "LAN", true, true)]
    [InlineData("ether9", "all", false, true)]
    [InlineData("ether9", "static", false, true)]
    [InlineData("ether9", "none", false, false)]
    [InlineData("ether9", "dynamic", false, false)]
    [InlineData("ether1", "undefined", false, false)]
    public void Process_InInterfaceList_EffectiveMembers(string iface, string list, bool negated, bool dropped)
    {
        FilterRule rule = Rule(FilterAction.Drop) with { InInterfaceList = new Negatable<string>(negated, list) };
        Assert.Equal(dropped, Drops(rule, h => h.Tcp(Client, 22, iface: iface)));
    }

    [Theory]
    [InlineData("ether1", false)] // excluded through LAN-ish list "mgmt"
    [InlineData("ether2", true)] // included through "uplinks"
    [InlineData("ether3", true)] // own static member beats the exclude
    [InlineData("ether4", false)] // never a member
    [InlineData("ether5", true)] // member of a list that includes "all" minus another list
    public void Process_InterfaceListIncludeExclude_ComputesMembership(string iface, bool dropped)
    {
        var config = new FirewallConfig
        {
            Ipv4Filter = [Rule(FilterAction.Drop) with { InInterfaceList = Negatable<string>.Is("outside") }],
            InterfaceLists =
            [
                new InterfaceList("outside") { Include = ["uplinks", "rest"], Exclude = ["mgmt"] },
                new InterfaceList("uplinks") { Include = ["outside"] }, // a cycle adds nothing
                new InterfaceList("rest") { Include = ["all"], Exclude = ["not-rest"] },
                new InterfaceList("not-rest"),
                new InterfaceList("mgmt"),
            ],
            InterfaceListMembers =
            [
                new InterfaceListMember("uplinks", "ether1"),
                new InterfaceListMember("uplinks", "ether2"),
                new InterfaceListMember("mgmt", "ether1"),
                new InterfaceListMember("mgmt", "ether3"),
                new InterfaceListMember("outside", "ether3"),
                new InterfaceListMember("not-rest", "ether1"),
                new InterfaceListMember("not-rest", "ether2"),
                new InterfaceListMember("not-rest", "ether3"),
                new InterfaceListMember("not-rest", "ether4"),
                new InterfaceListMember("outside", "ether4") { Disabled = true },
            ],
        };
        var h = new FirewallHarness(config);
        Assert.Equal(dropped, h.Tcp(Client, 22, iface: iface).Verdict == Verdict.Drop);
    }

    [Fact]
    public void ResolveInterface_SameName_SameIdAndNewNameNewId()
    {
        var h = new FirewallHarness();
        int a = h.Firewall.ResolveInterface("ether1");
        Assert.Equal(a, h.Firewall.ResolveInterface("ether1"));
        Assert.NotEqual(a, h.Firewall.ResolveInterface("ether7"));
    }

    [Theory]
    [InlineData("ether1", false, true)]
    [InlineData("ether2", false, false)]
    [InlineData("ether2", true, true)]
    public void Process_InInterface_ByName(string iface, bool negated, bool dropped)
    {
        FilterRule rule = Rule(FilterAction.Drop) with { InInterface = new Negatable<string>(negated, "ether1") };
        Assert.Equal(dropped, Drops(rule, h => h.Tcp(Client, 22, iface: iface)));
    }

    [Fact]
    public void Process_ConnectionLimit_MatchesAboveLimitPerBlock()
    {
        // connection-limit=2,24: matches once the source's /24 has more than 2 tracked connections.
        var h = new FirewallHarness(Rule(FilterAction.Drop) with
        {
            ConnectionLimit = Negatable<ConnectionLimit>.Is(new ConnectionLimit(2, 24)),
            ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.New),
        });
        Assert.Equal(Verdict.Accept, h.Tcp("198.51.100.1", 22, srcPort: 1).Verdict);
        Assert.Equal(Verdict.Accept, h.Tcp("198.51.100.2", 22, srcPort: 2).Verdict);
        Assert.Equal(Verdict.Accept, h.Tcp("198.51.101.3", 22, srcPort: 3).Verdict); // another /24
        Assert.Equal(Verdict.Drop, h.Tcp("198.51.100.3", 22, srcPort: 4).Verdict);
    }
}
