using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Checking;

public sealed class ConfigCheckerTests
{
    private static readonly Negatable<EquatableArray<PortRange>> Port666 = Negatable<EquatableArray<PortRange>>.Is([new PortRange(666, 666)]);

    private static FilterRule Rule(FilterAction action, int line) => new()
    {
        Chain = "input",
        Action = action,
        Location = new SourceLocation("c.rsc", line, 1),
    };

    private static string[] Codes(FirewallConfig config) => [.. ConfigChecker.Check(config).Select(d => $"{d.Code}@{d.Location.Line}")];

    [Fact]
    public void Check_RuleBehindBroaderDrop_IsNeverReached()
    {
        FirewallConfig config = new()
        {
            Ipv4Filter =
            [
                Rule(FilterAction.Drop, 1) with { InInterfaceList = Negatable<string>.Is("WAN") },
                Rule(FilterAction.AddSrcToAddressList, 2) with { AddressList = "bl", Protocol = Negatable<byte>.Is(6), DstPort = Port666, InInterfaceList = Negatable<string>.Is("WAN") },
            ],
        };

        Assert.Equal(["SES0503@2"], Codes(config));
    }

    [Theory]
    [InlineData("narrower first rule")]
    [InlineData("other chain")]
    [InlineData("disabled first rule")]
    [InlineData("first rule not terminal")]
    [InlineData("first rule has an unsupported matcher")]
    public void Check_RuleThatCanBeReached_IsNotFlagged(string why)
    {
        FilterRule first = Rule(FilterAction.Drop, 1) with { InInterfaceList = Negatable<string>.Is("WAN") };
        FilterRule second = Rule(FilterAction.Accept, 2) with { InInterfaceList = Negatable<string>.Is("WAN"), Protocol = Negatable<byte>.Is(6) };
        (first, second) = why switch
        {
            "narrower first rule" => (first with { DstPort = Port666, Protocol = Negatable<byte>.Is(6) }, second),
            "other chain" => (first with { Chain = "forward" }, second),
            "disabled first rule" => (first with { Disabled = true }, second),
            "first rule not terminal" => (first with { Action = FilterAction.Passthrough }, second),
            _ => (first with { Unsupported = [new RawProperty("nth", "2,1")] }, second),
        };

        Assert.Empty(Codes(new FirewallConfig { Ipv4Filter = [first, second] }));
    }

    [Fact]
    public void Check_ListMatchedButNeverFilled_WarnsWithNearName()
    {
        FirewallConfig config = new()
        {
            Ipv4Filter =
            [
                Rule(FilterAction.AddSrcToAddressList, 1) with { AddressList = "secure", DstPort = Port666, Protocol = Negatable<byte>.Is(6) },
                Rule(FilterAction.Accept, 2) with { SrcAddressList = Negatable<string>.Is("secured") },
            ],
        };

        Diagnostic d = Assert.Single(ConfigChecker.Check(config));
        Assert.Equal("SES0501", d.Code);
        Assert.Contains("did you mean 'secure'?", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ListFilledByStaticEntry_IsFine()
    {
        FirewallConfig config = new()
        {
            Ipv4AddressList = [new AddressListEntry { List = "admins", Address = IpRange.Host(IpFamily.V4, 0x0A000001) }],
            Ipv4Filter = [Rule(FilterAction.Accept, 1) with { SrcAddressList = Negatable<string>.Is("admins") }],
        };

        Assert.Empty(ConfigChecker.Check(config));
    }

    [Fact]
    public void Check_JumpToEmptyChain_Warns()
    {
        FirewallConfig config = new() { Ipv4Filter = [Rule(FilterAction.Jump, 1) with { JumpTarget = "knocks" }] };

        Assert.Equal(["SES0502@1"], Codes(config));
    }

    [Fact]
    public void Check_Layer7PatternSesameCannotEvaluate_Warns()
    {
        FirewallConfig config = new() { Layer7Protocols = [new Layer7Protocol("bad", "(unclosed") { Location = new SourceLocation("c.rsc", 3, 1) }] };

        Assert.Equal(["SES0504@3"], Codes(config));
    }
}
