using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Engine;

/// <summary>ROUTEROS.md §9: the default-config input chain with the three-knock sequence, optionally with the blacklist.</summary>
public sealed class WorkedExampleTests
{
    private const string Client = "203.0.113.7";

    internal static FilterRule[] KnockRules(bool blacklist)
    {
        static FilterRule Knock(ushort port, string list, TimeSpan timeout, string? requires) => Rule(FilterAction.AddSrcToAddressList) with
        {
            AddressList = list,
            AddressListTimeout = AddressListTimeout.Timed(timeout),
            DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(port, port)]),
            InInterfaceList = Negatable<string>.Is("WAN"),
            Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
            SrcAddressList = requires is null ? null : Negatable<string>.Is(requires),
        };

        var rules = new List<FilterRule>();
        if (blacklist)
        {
            rules.Add(Rule(FilterAction.Drop) with { InInterfaceList = Negatable<string>.Is("WAN"), SrcAddressList = Negatable<string>.Is("blacklist") });
        }

        rules.Add(Rule(FilterAction.Accept) with
        {
            ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established | ConnectionStates.Related | ConnectionStates.Untracked),
        });
        rules.Add(Rule(FilterAction.Drop) with { ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Invalid) });
        rules.Add(Knock(888, "888", TimeSpan.FromSeconds(30), null));
        rules.Add(Knock(555, "555", TimeSpan.FromSeconds(30), "888"));
        rules.Add(Knock(222, "secured", TimeSpan.FromMinutes(30), "555"));
        if (blacklist)
        {
            rules.Add(Knock(666, "blacklist", TimeSpan.FromMinutes(1000), null));
            rules.Add(Rule(FilterAction.AddSrcToAddressList) with
            {
                AddressList = "blacklist",
                AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromMinutes(1)),
                DstPort = Negatable<EquatableArray<PortRange>>.Is([new(21, 21), new(22, 22), new(23, 23), new(8291, 8291), new(10000, 60000)]),
                InInterfaceList = Negatable<string>.Is("WAN"),
                Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
                SrcAddressList = Negatable<string>.Not("secured"),
            });
        }

        rules.Add(Rule(FilterAction.Accept) with { InInterfaceList = Negatable<string>.Is("WAN"), SrcAddressList = Negatable<string>.Is("secured") });
        rules.Add(Rule(FilterAction.Drop) with { InInterfaceList = Negatable<string>.Not("LAN") });
        return [.. rules];
    }

    [Fact]
    public void Process_RightOrder_SecuresClientAndAcceptsSsh()
    {
        var h = new FirewallHarness(KnockRules(blacklist: false));

        // 1. t=0 SYN→888: rule 2 adds the client to 888; the packet goes on and the final drop takes it.
        PacketResult first = h.Tcp(Client, 888, srcPort: 50001);
        Assert.Equal(new PacketResult(Verdict.Drop, 6, ConnectionStates.New), first);
        Assert.Equal(TimeSpan.FromSeconds(30), h.Entry("888", Client).Remaining);
        Assert.Equal(new RuleCounter(1, 60), h.Firewall.GetCounter(IpFamily.V4, 2));

        // 2. t=1 retransmit (same 5-tuple) is still new, matches again and resets the timeout to 30 s.
        h.Advance(1);
        Assert.Equal(new PacketResult(Verdict.Drop, 6, ConnectionStates.New), h.Tcp(Client, 888, srcPort: 50001));
        Assert.Equal(TimeSpan.FromSeconds(30), h.Entry("888", Client).Remaining);
        Assert.Equal(2, h.Firewall.GetCounter(IpFamily.V4, 2).Packets);

        // 3. t=5 SYN→555: the client is in 888, so it goes to 555; dropped.
        h.Advance(4);
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 555, srcPort: 50002).Verdict);
        Assert.True(h.InList("555", Client));
        Assert.False(h.InList("secured", Client));

        // 4. t=8 SYN→222: rule 4 adds to secured and rule 5 accepts this very packet.
        h.Advance(3);
        Assert.Equal(new PacketResult(Verdict.Accept, 5, ConnectionStates.New), h.Tcp(Client, 222, srcPort: 50003));
        Assert.Equal(TimeSpan.FromMinutes(30), h.Entry("secured", Client).Remaining);

        // 5. t=10 SYN→22 accepted by rule 5; the session's next packet is established and accepted by rule 0.
        h.Advance(2);
        Assert.Equal(new PacketResult(Verdict.Accept, 5, ConnectionStates.New), h.Tcp(Client, 22, srcPort: 50004));
        h.Advance(1);
        Assert.Equal(new PacketResult(Verdict.Accept, 0, ConnectionStates.Established), h.Tcp(Client, 22, TcpFlags.Ack, srcPort: 50004));

        // The session outlives the secured entry (expires at t = 30 min + 8 s); a new connection does not.
        h.Advance((30 * 60) - 2);
        Assert.False(h.InList("secured", Client));
        Assert.Equal(new PacketResult(Verdict.Accept, 0, ConnectionStates.Established), h.Tcp(Client, 22, TcpFlags.Ack, srcPort: 50004));
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22, srcPort: 50005).Verdict);
    }

    [Fact]
    public void Process_SecuredEntry_LastsThirtyMinutesExactly()
    {
        var h = new FirewallHarness(KnockRules(blacklist: false));
        h.Tcp(Client, 888, srcPort: 1);
        h.Tcp(Client, 555, srcPort: 2);
        h.Tcp(Client, 222, srcPort: 3);

        h.Advance((30 * 60) - 0.001);
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22, srcPort: 4).Verdict);
        h.Advance(0.001);
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22, srcPort: 5).Verdict);
        Assert.Contains(h.Observer.Changes, c => c.Kind == AddressListChangeKind.Expired && c.List == "secured");
    }

    [Theory]
    [InlineData(new ushort[] { 888, 222, 555 }, new double[] { 0, 1, 1 })] // wrong order
    [InlineData(new ushort[] { 222, 555, 888 }, new double[] { 0, 1, 1 })] // reversed
    [InlineData(new ushort[] { 888, 222 }, new double[] { 0, 1 })] // missing step
    [InlineData(new ushort[] { 555, 222 }, new double[] { 0, 1 })] // missing first step
    [InlineData(new ushort[] { 888, 555, 222 }, new double[] { 0, 30, 1 })] // second knock exactly when 888 expires
    [InlineData(new ushort[] { 888, 555, 222 }, new double[] { 0, 5, 31 })] // third knock too slow
    public void Process_WrongSequence_DoesNotSecure(ushort[] ports, double[] delays)
    {
        var h = new FirewallHarness(KnockRules(blacklist: false));
        for (int i = 0; i < ports.Length; i++)
        {
            h.Advance(delays[i]);
            h.Tcp(Client, ports[i], srcPort: (ushort)(50000 + i));
        }

        Assert.False(h.InList("secured", Client));
        h.Advance(1);
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22, srcPort: 60000).Verdict);
    }

    [Fact]
    public void Process_Blacklist_ScanIsListedAndItsKnocksDropped()
    {
        var h = new FirewallHarness(KnockRules(blacklist: true));

        // A pre-knock SSH SYN lists the client on blacklist for 1 min (rule 7) and is dropped at the end.
        Assert.Equal(new PacketResult(Verdict.Drop, 9, ConnectionStates.New), h.Tcp(Client, 22, srcPort: 1));
        Assert.Equal(TimeSpan.FromMinutes(1), h.Entry("blacklist", Client).Remaining);

        // While listed, the top rule drops everything, knocks included: nothing reaches the knock rules.
        h.Advance(1);
        Assert.Equal(new PacketResult(Verdict.Drop, 0, ConnectionStates.New), h.Tcp(Client, 888, srcPort: 2));
        Assert.Equal(new PacketResult(Verdict.Drop, 0, ConnectionStates.New), h.Tcp(Client, 555, srcPort: 3));
        Assert.Equal(new PacketResult(Verdict.Drop, 0, ConnectionStates.New), h.Tcp(Client, 222, srcPort: 4));
        Assert.False(h.InList("888", Client));
        Assert.Equal(0, h.Firewall.GetCounter(IpFamily.V4, 3).Packets);

        // The first retry after the entry expires reaches the add rule again and relists the client.
        h.Advance(59);
        Assert.False(h.InList("blacklist", Client));
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22, srcPort: 5).Verdict);
        Assert.True(h.InList("blacklist", Client));
    }

    [Fact]
    public void Process_BadPort_BlacklistsForThousandMinutes()
    {
        var h = new FirewallHarness(KnockRules(blacklist: true));
        h.Tcp(Client, 666);
        Assert.Equal(TimeSpan.FromMinutes(1000), h.Entry("blacklist", Client).Remaining);
    }

    [Fact]
    public void Process_SecuredClient_IsNotBlacklistedForSsh()
    {
        var h = new FirewallHarness(KnockRules(blacklist: true));
        h.Tcp(Client, 888, srcPort: 1);
        h.Tcp(Client, 555, srcPort: 2);
        h.Tcp(Client, 222, srcPort: 3);

        Assert.Equal(new PacketResult(Verdict.Accept, 8, ConnectionStates.New), h.Tcp(Client, 22, srcPort: 4));
        Assert.False(h.InList("blacklist", Client));
    }
}
