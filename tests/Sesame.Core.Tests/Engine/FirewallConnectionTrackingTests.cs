using Sesame.Engine;
using Sesame.Model;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Engine;

public sealed class FirewallConnectionTrackingTests
{
    private const string Client = "198.51.100.9";

    private static FirewallHarness AcceptAll() => new(Rule(FilterAction.Accept));

    private static FirewallHarness DropAll() => new(Rule(FilterAction.Drop));

    [Fact]
    public void Process_DroppedSynRetransmits_StayNew()
    {
        FirewallHarness h = DropAll();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(ConnectionStates.New, h.Tcp(Client, 888, srcPort: 5).State);
            h.Advance(1);
        }
    }

    [Fact]
    public void Process_AcceptedSyn_LaterPacketsEstablished()
    {
        FirewallHarness h = AcceptAll();
        Assert.Equal(ConnectionStates.New, h.Tcp(Client, 22, srcPort: 5).State);
        Assert.Equal(ConnectionStates.Established, h.Tcp(Client, 22, TcpFlags.Ack, srcPort: 5).State);
        Assert.Equal(ConnectionStates.New, h.Tcp(Client, 22, srcPort: 6).State); // another 5-tuple
    }

    [Theory]
    [InlineData(4.9, ConnectionStates.New)] // tcp-syn-sent 5 s, refreshed by each retransmit
    [InlineData(5, ConnectionStates.New)] // expired: a new connection, new again
    public void Process_SynSentTimeout_FiveSeconds(double gap, ConnectionStates expected)
    {
        FirewallHarness h = DropAll();
        h.Tcp(Client, 888, srcPort: 5);
        h.Advance(gap);
        Assert.Equal(expected, h.Tcp(Client, 888, srcPort: 5).State);
    }

    [Theory]
    [InlineData(86399, ConnectionStates.Established)]
    [InlineData(86400, ConnectionStates.Invalid)] // expired: the RST below has no connection and is invalid
    public void Process_EstablishedTimeout_OneDay(double gap, ConnectionStates expected)
    {
        FirewallHarness h = AcceptAll();
        h.Tcp(Client, 22, srcPort: 5);
        h.Advance(gap);
        Assert.Equal(expected, h.Tcp(Client, 22, TcpFlags.Ack | TcpFlags.Rst, srcPort: 5).State);
    }

    [Theory]
    [InlineData(TcpFlags.Ack, ConnectionStates.Established)] // loose tracking picks up mid-stream
    [InlineData(TcpFlags.Syn | TcpFlags.Ack, ConnectionStates.Established)]
    [InlineData(TcpFlags.Rst, ConnectionStates.Invalid)]
    [InlineData(TcpFlags.Fin, ConnectionStates.Invalid)]
    [InlineData(TcpFlags.None, ConnectionStates.Invalid)]
    [InlineData(TcpFlags.Fin | TcpFlags.Psh | TcpFlags.Urg, ConnectionStates.Invalid)]
    public void Process_TcpWithoutConnection_LooseTracking(TcpFlags flags, ConnectionStates expected)
    {
        Assert.Equal(expected, DropAll().Tcp(Client, 22, flags).State);
    }

    [Fact]
    public void Process_AcceptedUdpWithoutReply_StaysNew()
    {
        FirewallHarness h = AcceptAll();
        h.Udp(Client, 53, "q");
        h.Advance(29);
        Assert.Equal(ConnectionStates.New, h.Udp(Client, 53, "q").State);
    }

    [Fact]
    public void Process_UdpReplyThroughOutput_EstablishesStreamForThreeMinutes()
    {
        FirewallHarness h = AcceptAll();
        h.Udp(Client, 53, "q", srcPort: 4000);
        PacketResult reply = h.Udp(RouterAddress, 4000, "a", srcPort: 53, dst: Client, hook: Hook.Output);
        Assert.Equal(ConnectionStates.Established, reply.State);
        h.Advance(179);
        Assert.Equal(ConnectionStates.Established, h.Udp(Client, 53, "q", srcPort: 4000).State);
        h.Advance(180);
        Assert.Equal(ConnectionStates.New, h.Udp(Client, 53, "q", srcPort: 4000).State);
    }

    [Fact]
    public void Process_AcceptedIcmp_IsAnsweredAndTimesOutAfterTenSeconds()
    {
        FirewallHarness h = AcceptAll();
        PacketResult Ping() => h.Send(Client, IpProtocols.Icmp, 0, TcpFlags.None, 0, null, "ether1", RouterAddress, Hook.Input, 84);
        Assert.Equal(ConnectionStates.New, Ping().State);
        h.Advance(9);
        Assert.Equal(ConnectionStates.Established, Ping().State);
        h.Advance(10);
        Assert.Equal(ConnectionStates.New, Ping().State);
    }

    [Fact]
    public void Process_ForwardedSynAccepted_GetsNoAssumedReply()
    {
        var h = new FirewallHarness(Rule(FilterAction.Accept, "forward"));
        h.Tcp(Client, 22, srcPort: 5, hook: Hook.Forward, dst: "10.0.0.5");
        Assert.Equal(ConnectionStates.New, h.Tcp(Client, 22, srcPort: 5, hook: Hook.Forward, dst: "10.0.0.5").State);
    }

    [Fact]
    public void Process_ConnectionState_NegatedMatchesOthers()
    {
        var h = new FirewallHarness(Rule(FilterAction.Drop) with { ConnectionState = Negatable<ConnectionStates>.Not(ConnectionStates.Established | ConnectionStates.Related) });
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22, srcPort: 5).Verdict);
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22, TcpFlags.Ack, srcPort: 6).Verdict);
    }
}
