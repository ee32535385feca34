using System.Net;
using System.Net.Sockets;
using Sesame.Knock;

namespace Sesame.Tests.Knock;

public sealed class KnockPlanTests
{
    [Fact]
    public void Validate_EveryOption_PlanCarriesThem()
    {
        var options = new KnockOptions("router", ["888", "555:udp:pw", "0:icmp:size=123"], DelayMs: 250, Source: "10.0.0.5",
            Interface: "eth0", Raw: true, ConnectTimeoutMs: 50, Wait: "22/tcp", WaitTimeoutMs: 3000, Then: "ssh 'admin@router'");

        KnockPlan plan = Assert.IsType<KnockPlan>(KnockPlan.Validate(options, out List<string> errors));

        Assert.Empty(errors);
        Assert.Equal(3, plan.Steps.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(250), plan.Settings.Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(50), plan.Settings.ConnectTimeout);
        Assert.Equal(IPAddress.Parse("10.0.0.5"), plan.Settings.Source);
        Assert.Equal("eth0", plan.Settings.Interface);
        Assert.True(plan.Settings.RawTcp);
        Assert.Equal(AddressFamily.InterNetwork, plan.Family);
        Assert.Equal(22, plan.WaitPort);
        Assert.Equal(TimeSpan.FromSeconds(3), plan.WaitTimeout);
        Assert.Equal(["ssh", "admin@router"], plan.Then);
    }

    [Theory]
    [InlineData("HOST is empty", "", "1")]
    [InlineData("KNOCK '70000'", "h", "70000")]
    [InlineData("KNOCK '1:gre'", "h", "1:gre")]
    [InlineData("KNOCK '22:tcp:x'", "h", "22:tcp:x")]
    public void Validate_BadHostOrKnock_NamesIt(string expected, string host, string knock)
    {
        Assert.Null(KnockPlan.Validate(new KnockOptions(host, [knock]), out List<string> errors));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    public static TheoryData<KnockOptions, string> BadOptions => new()
    {
        { new KnockOptions("h", ["1"], Ipv4: true, Ipv6: true), "-4 and -6" },
        { new KnockOptions("h", ["1"], DelayMs: -5), "--delay -5" },
        { new KnockOptions("h", ["1"], ConnectTimeoutMs: 1000), "--connect-timeout 1000" },
        { new KnockOptions("h", ["1"], Source: "not-an-ip"), "--source 'not-an-ip'" },
        { new KnockOptions("h", ["1"], Ipv6: true, Source: "10.0.0.1"), "--source 10.0.0.1 is not an IPv6" },
        { new KnockOptions("h", ["1"], Interface: "a-much-too-long-name"), "--interface" },
        { new KnockOptions("h", ["1"], Wait: "22/udp"), "only a TCP port" },
        { new KnockOptions("h", ["1"], Wait: "0"), "--wait '0'" },
        { new KnockOptions("h", ["1"], WaitTimeoutMs: 0), "--wait-timeout 0" },
        { new KnockOptions("h", ["1"], Then: "sh -c 'x"), "--then" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadOption_NamesIt(KnockOptions options, string expected)
    {
        Assert.Null(KnockPlan.Validate(options, out List<string> errors));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SeveralBadArguments_ReportsEach()
    {
        Assert.Null(KnockPlan.Validate(new KnockOptions("", ["70000", "1:foo"], DelayMs: -1), out List<string> errors));

        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void TryCheckTarget_SourceFamilyDiffers_Refused()
    {
        KnockPlan plan = KnockPlan.Validate(new KnockOptions("h", ["1"], Source: "10.0.0.1"), out _)!;

        Assert.False(plan.TryCheckTarget(IPAddress.Parse("fd00::1"), out string error));
        Assert.Contains("not an IPv4 address", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCheckTarget_IcmpSizeTooSmallForIpv6_Refused()
    {
        KnockPlan plan = KnockPlan.Validate(new KnockOptions("h", ["0:icmp:size=40"]), out _)!;

        Assert.True(plan.TryCheckTarget(IPAddress.Parse("10.0.0.1"), out _));
        Assert.False(plan.TryCheckTarget(IPAddress.Parse("fd00::1"), out string error));
        Assert.Contains("48 bytes", error, StringComparison.Ordinal);
    }
}
