using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Time;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Engine;

public sealed class FirewallConnectionTrackingModeTests
{
    private static readonly Negatable<string> Wan = Negatable<string>.Is("WAN");
    private static readonly Negatable<byte> Tcp = Negatable<byte>.Is(IpProtocols.Tcp);

    // The seeds' knock and blacklist rules: nothing in them reads connection state.
    private static readonly FilterRule[] Stateless =
    [
        Rule(FilterAction.Drop) with { InInterfaceList = Wan, SrcAddressList = Negatable<string>.Is("blacklist") },
        Knock(888, "888", 30, null),
        Knock(555, "555", 30, "888"),
        Knock(222, "secured", 1800, "555"),
        Rule(FilterAction.Accept) with { InInterfaceList = Wan, SrcAddressList = Negatable<string>.Is("secured") },
        Knock(666, "blacklist", 60, null),
        Rule(FilterAction.AddSrcToAddressList) with
        {
            AddressList = "blacklist",
            AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromSeconds(20)),
            DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(21, 23), new PortRange(10000, 60000)]),
            InInterfaceList = Wan,
            Protocol = Tcp,
            SrcAddressList = Negatable<string>.Not("secured"),
        },
        Rule(FilterAction.Drop) with { InInterfaceList = Wan },
    ];

    public static TheoryData<string, FilterRule> StatefulRules => new()
    {
        { "connection-state", Rule(FilterAction.Drop) with { ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Invalid) } },
        { "connection-limit", Rule(FilterAction.Drop) with { ConnectionLimit = Negatable<ConnectionLimit>.Is(new ConnectionLimit(100, 32)) } },
        { "layer7-protocol", Rule(FilterAction.Drop) with { Layer7Protocol = "never" } },
        { "fasttrack-connection", Rule(FilterAction.FasttrackConnection) },
    };

    [Theory]
    [MemberData(nameof(StatefulRules))]
    public void Process_StatelessRulesPlusUnreachedStatefulRule_SameResults(string matcher, FilterRule stateful)
    {
        FirewallConfig plain = Config(Stateless);
        // In a chain nothing jumps to, so it never matches, and after the others, so rule indexes stay the same.
        FirewallConfig withStateful = Config([.. Stateless, stateful with { Chain = "unreached" }]);
        var plainRun = new Run(plain, ConnectionTracking.Auto);
        var statefulRun = new Run(withStateful, ConnectionTracking.Auto);
        Assert.False(plainRun.Firewall.TracksConnections);
        Assert.True(statefulRun.Firewall.TracksConnections, matcher);

        var random = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            Packet packet = RandomPacket(random, plainRun.Firewall);
            double gap = random.NextDouble() * (random.Next(50) == 0 ? 40 : 1);
            PacketResult a = plainRun.Send(packet, gap);
            PacketResult b = statefulRun.Send(packet, gap);
            Assert.Equal((b.Verdict, b.RuleIndex), (a.Verdict, a.RuleIndex));
        }

        for (int rule = 0; rule < Stateless.Length; rule++)
        {
            Assert.Equal(statefulRun.Firewall.GetCounter(IpFamily.V4, rule), plainRun.Firewall.GetCounter(IpFamily.V4, rule));
        }

        Assert.True(plainRun.Observer.Changes.Count > 100); // the trace exercised the lists
        Assert.Equal(statefulRun.Observer.Changes, plainRun.Observer.Changes);
        Assert.Equal(statefulRun.Firewall.GetAddressLists(IpFamily.V4), plainRun.Firewall.GetAddressLists(IpFamily.V4));
    }

    [Fact]
    public void Process_AutoWithoutStatefulRules_PacketsUntracked()
    {
        var run = new Run(Config(Stateless), ConnectionTracking.Auto);
        var syn = new Packet { Family = IpFamily.V4, Protocol = IpProtocols.Tcp, Src = Address("198.51.100.9"), Dst = Address(RouterAddress), DstPort = 22, TcpFlags = TcpFlags.Syn, Length = 60, OutInterface = -1 };
        Assert.Equal(ConnectionStates.Untracked, run.Send(syn, 0).State);
        Assert.Equal(ConnectionStates.Untracked, run.Send(syn with { TcpFlags = TcpFlags.Ack }, 0).State);
    }

    [Theory]
    [InlineData(ConnectionTracking.Always, false, true)]
    [InlineData(ConnectionTracking.Auto, false, false)]
    [InlineData(ConnectionTracking.Auto, true, true)]
    public void TracksConnections_ModeAndRules_TracksWhenObservable(ConnectionTracking mode, bool stateful, bool expected)
    {
        FilterRule[] rules = stateful
            ? [.. Stateless, Rule(FilterAction.Accept) with { ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established) }]
            : Stateless;
        Assert.Equal(expected, new Firewall(Config(rules), new ManualTimeProvider(), mode).TracksConnections);
    }

    [Fact]
    public void TracksConnections_DisabledStatefulRule_NotTracked()
    {
        FilterRule disabled = Rule(FilterAction.Accept) with
        {
            Disabled = true,
            ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established),
        };
        Assert.False(new Firewall(Config([.. Stateless, disabled]), new ManualTimeProvider(), ConnectionTracking.Auto).TracksConnections);
    }

    private static FilterRule Knock(ushort port, string list, int seconds, string? requires) => Rule(FilterAction.AddSrcToAddressList) with
    {
        AddressList = list,
        AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromSeconds(seconds)),
        DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(port, port)]),
        InInterfaceList = Wan,
        Protocol = Tcp,
        SrcAddressList = requires is null ? null : Negatable<string>.Is(requires),
    };

    private static FirewallConfig Config(FilterRule[] rules) => WithInterfaces(new FirewallConfig
    {
        Ipv4Filter = [.. rules],
        Layer7Protocols = [new Layer7Protocol("never", "^never$")],
    });

    // Few sources and ports, so knock sequences complete, entries refresh and expire, and scanners get blacklisted.
    private static Packet RandomPacket(Random random, Firewall firewall)
    {
        ReadOnlySpan<ushort> ports = [888, 555, 222, 22, 666, 21, 443, 12345];
        byte protocol = random.Next(10) switch { < 7 => IpProtocols.Tcp, < 9 => IpProtocols.Udp, _ => IpProtocols.Icmp };
        return new Packet
        {
            Hook = Hook.Input,
            Family = IpFamily.V4,
            Src = Address("203.0.113.0") + (uint)random.Next(16),
            Dst = Address(RouterAddress),
            Protocol = protocol,
            SrcPort = (ushort)(40000 + random.Next(4)),
            DstPort = ports[random.Next(ports.Length)],
            TcpFlags = protocol != IpProtocols.Tcp ? TcpFlags.None : random.Next(3) switch { 0 => TcpFlags.Ack, 1 => TcpFlags.Fin, _ => TcpFlags.Syn },
            Length = 40 + random.Next(1000),
            InInterface = firewall.ResolveInterface(random.Next(4) == 0 ? "bridge" : "ether1"),
            OutInterface = -1,
        };
    }

    private sealed class Run
    {
        private readonly ManualTimeProvider _time = new();

        public Run(FirewallConfig config, ConnectionTracking mode)
        {
            Firewall = new Firewall(config, _time, mode) { Observer = Observer };
        }

        public Firewall Firewall { get; }

        public RecordingObserver Observer { get; } = new();

        public PacketResult Send(in Packet packet, double gapSeconds)
        {
            _time.Advance(TimeSpan.FromSeconds(gapSeconds));
            return Firewall.Process(packet);
        }
    }
}
