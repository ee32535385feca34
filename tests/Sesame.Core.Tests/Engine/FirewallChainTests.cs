using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Engine;

public sealed class FirewallChainTests
{
    private const string Client = "198.51.100.9";

    private static FilterRule Jump(string target, string chain = "input") => Rule(FilterAction.Jump, chain) with { JumpTarget = target };

    private static FilterRule Port(FilterAction action, ushort port, string chain) => Rule(action, chain) with
    {
        Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
        DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(port, port)]),
    };

    [Theory]
    [InlineData((ushort)22, Verdict.Accept, 2)] // decided inside the user chain
    [InlineData((ushort)23, Verdict.Drop, 5)] // return → continues after the jump
    [InlineData((ushort)80, Verdict.Reject, 4)] // end of the user chain → continues after the jump
    public void Process_JumpReturnAndChainEnd_ContinueAfterJump(ushort port, Verdict verdict, int rule)
    {
        var h = new FirewallHarness(
            Jump("knock"),
            Port(FilterAction.Return, 23, "knock"),
            Port(FilterAction.Accept, 22, "knock"),
            Port(FilterAction.Drop, 80, "knock") with { Disabled = true },
            Port(FilterAction.Reject, 80, "input"),
            Rule(FilterAction.Drop));

        Assert.Equal(new PacketResult(verdict, rule, ConnectionStates.New), h.Tcp(Client, port));
        Assert.Equal(1, h.Firewall.GetCounter(IpFamily.V4, 0).Packets);
    }

    [Fact]
    public void Process_RulesOfOtherChainsInterleaved_DoNotApply()
    {
        var h = new FirewallHarness(Rule(FilterAction.Drop, "forward"), Rule(FilterAction.Drop, "user"), Rule(FilterAction.Reject));
        Assert.Equal(new PacketResult(Verdict.Reject, 2, ConnectionStates.New), h.Tcp(Client, 22));
    }

    [Fact]
    public void Process_ReturnInBuiltInChain_AcceptsWithoutRule()
    {
        var h = new FirewallHarness(Rule(FilterAction.Return), Rule(FilterAction.Drop));
        Assert.Equal(new PacketResult(Verdict.Accept, -1, ConnectionStates.New), h.Tcp(Client, 22));
        Assert.Equal(1, h.Firewall.GetCounter(IpFamily.V4, 0).Packets);
    }

    [Fact]
    public void Process_JumpToChainWithoutRules_IsNoOp()
    {
        var h = new FirewallHarness(Jump("nothing"), Rule(FilterAction.Drop));
        Assert.Equal(new PacketResult(Verdict.Drop, 1, ConnectionStates.New), h.Tcp(Client, 22));
        Assert.Equal(1, h.Firewall.GetCounter(IpFamily.V4, 0).Packets);
    }

    [Fact]
    public void Process_NestedJumps_ReturnToEachCaller()
    {
        var h = new FirewallHarness(
            Jump("a"),
            Jump("b", "a"),
            Rule(FilterAction.Passthrough, "b"),
            Port(FilterAction.Accept, 22, "a"),
            Rule(FilterAction.Drop));
        Assert.Equal(new PacketResult(Verdict.Accept, 3, ConnectionStates.New), h.Tcp(Client, 22));
        Assert.Equal(new PacketResult(Verdict.Drop, 4, ConnectionStates.New), h.Tcp(Client, 23));
        Assert.Equal(2, h.Firewall.GetCounter(IpFamily.V4, 2).Packets);
    }

    [Fact]
    public void Process_JumpLoop_DropsAtDepthLimit()
    {
        var h = new FirewallHarness(Jump("a"), Jump("b", "a"), Jump("a", "b"), Rule(FilterAction.Accept));
        PacketResult result = h.Tcp(Client, 22);
        Assert.Equal(Verdict.Drop, result.Verdict);
        Assert.Contains(result.RuleIndex, new[] { 1, 2 });
        Assert.Equal(0, h.Firewall.GetCounter(IpFamily.V4, 3).Packets);
    }

    [Fact]
    public void Process_JumpWithoutTarget_NeverMatches()
    {
        var h = new FirewallHarness(Rule(FilterAction.Jump), Rule(FilterAction.Drop));
        Assert.Equal(new PacketResult(Verdict.Drop, 1, ConnectionStates.New), h.Tcp(Client, 22));
        Assert.Equal(0, h.Firewall.GetCounter(IpFamily.V4, 0).Packets);
    }
}
