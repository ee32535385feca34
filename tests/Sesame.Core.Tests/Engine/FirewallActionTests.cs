using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Engine;

public sealed class FirewallActionTests
{
    private const string Client = "198.51.100.9";

    [Theory]
    [InlineData(FilterAction.Accept, Verdict.Accept, 0)]
    [InlineData(FilterAction.Drop, Verdict.Drop, 0)]
    [InlineData(FilterAction.Reject, Verdict.Reject, 0)]
    [InlineData(FilterAction.Tarpit, Verdict.Tarpit, 0)]
    [InlineData(FilterAction.Log, Verdict.Drop, 1)]
    [InlineData(FilterAction.Passthrough, Verdict.Drop, 1)]
    [InlineData(FilterAction.FasttrackConnection, Verdict.Drop, 1)]
    [InlineData(FilterAction.AddSrcToAddressList, Verdict.Drop, 1)]
    [InlineData(FilterAction.AddDstToAddressList, Verdict.Drop, 1)]
    public void Process_Action_TerminalOrContinues(FilterAction action, Verdict expected, int decidingRule)
    {
        var h = new FirewallHarness(
            Rule(action) with { AddressList = action.AddsToAddressList() ? "seen" : null },
            Rule(FilterAction.Drop));

        PacketResult result = h.Tcp(Client, 22, length: 52);

        Assert.Equal(new PacketResult(expected, decidingRule, ConnectionStates.New), result);
        Assert.Equal(new RuleCounter(1, 52), h.Firewall.GetCounter(IpFamily.V4, 0));
        Assert.Equal(decidingRule == 1 ? new RuleCounter(1, 52) : default, h.Firewall.GetCounter(IpFamily.V4, 1));
    }

    [Theory]
    [InlineData(FilterAction.AddSrcToAddressList, Client)]
    [InlineData(FilterAction.AddDstToAddressList, RouterAddress)]
    public void Process_AddToAddressList_AddsChosenAddress(FilterAction action, string expected)
    {
        var h = new FirewallHarness(Rule(action) with { AddressList = "seen" });
        h.Tcp(Client, 22);
        Assert.True(h.InList("seen", expected));
        Assert.Single(h.Firewall.GetAddressLists(IpFamily.V4));
    }

    [Fact]
    public void Process_EmptyFilter_AcceptsByDefault()
    {
        var h = new FirewallHarness();
        Assert.Equal(new PacketResult(Verdict.Accept, -1, ConnectionStates.New), h.Tcp(Client, 22));
    }

    [Theory]
    [InlineData(Hook.Input, "input", Verdict.Drop)]
    [InlineData(Hook.Forward, "input", Verdict.Accept)]
    [InlineData(Hook.Forward, "forward", Verdict.Drop)]
    [InlineData(Hook.Output, "output", Verdict.Drop)]
    [InlineData(Hook.Output, "forward", Verdict.Accept)]
    public void Process_Hook_SelectsBuiltInChain(Hook hook, string chain, Verdict expected)
    {
        var h = new FirewallHarness(Rule(FilterAction.Drop, chain));
        Assert.Equal(expected, h.Tcp(Client, 22, hook: hook).Verdict);
    }

    [Fact]
    public void Process_DisabledRule_SkippedAndNotCounted()
    {
        var h = new FirewallHarness(Rule(FilterAction.Drop) with { Disabled = true }, Rule(FilterAction.Reject));
        Assert.Equal(new PacketResult(Verdict.Reject, 1, ConnectionStates.New), h.Tcp(Client, 22));
        Assert.Equal(default, h.Firewall.GetCounter(IpFamily.V4, 0));
    }

    [Fact]
    public void Process_RuleWithUnsupportedMatcher_NeverMatches()
    {
        var h = new FirewallHarness(Rule(FilterAction.Drop) with { Unsupported = [new RawProperty("nth", "2,1")] });
        Assert.Equal(new PacketResult(Verdict.Accept, -1, ConnectionStates.New), h.Tcp(Client, 22));
        Assert.Equal(default, h.Firewall.GetCounter(IpFamily.V4, 0));
    }

    [Fact]
    public void Process_Counters_AccumulatePacketsAndIpLength()
    {
        var h = new FirewallHarness(Rule(FilterAction.Passthrough));
        h.Tcp(Client, 22, length: 60);
        h.Tcp(Client, 23, length: 40);
        h.Udp(Client, 53, "abcd");
        Assert.Equal(new RuleCounter(3, 60 + 40 + 32), h.Firewall.GetCounter(IpFamily.V4, 0));
    }

    [Fact]
    public void Process_Ipv6Packet_UsesIpv6Filter()
    {
        var config = new FirewallConfig
        {
            Ipv4Filter = [Rule(FilterAction.Drop)],
            Ipv6Filter = [Rule(FilterAction.Accept), Rule(FilterAction.Drop)],
        };
        var h = new FirewallHarness(config);
        Assert.Equal(new PacketResult(Verdict.Accept, 0, ConnectionStates.New), h.Tcp("2001:db8::5", 22, dst: "2001:db8::1"));
        Assert.Equal(new RuleCounter(1, 60), h.Firewall.GetCounter(IpFamily.V6, 0));
        Assert.Equal(default, h.Firewall.GetCounter(IpFamily.V4, 0));
    }

    [Fact]
    public void Process_FasttrackedConnection_BypassesFilter()
    {
        var h = new FirewallHarness(
            Rule(FilterAction.FasttrackConnection) with { ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established) },
            Rule(FilterAction.Accept));
        h.Tcp(Client, 22, srcPort: 7); // SYN accepted → answered → established
        Assert.Equal(new PacketResult(Verdict.Accept, 1, ConnectionStates.Established), h.Tcp(Client, 22, TcpFlags.Ack, srcPort: 7));
        Assert.Equal(new PacketResult(Verdict.Accept, -1, ConnectionStates.Established), h.Tcp(Client, 22, TcpFlags.Ack, srcPort: 7));
        Assert.Equal(1, h.Firewall.GetCounter(IpFamily.V4, 0).Packets);
        Assert.Equal(2, h.Firewall.GetCounter(IpFamily.V4, 1).Packets);
    }
}
