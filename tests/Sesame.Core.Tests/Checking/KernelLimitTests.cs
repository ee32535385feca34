using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Tests.Checking;

/// <summary>SES0520–SES0530: what nftables and the kernel cannot hold. The kernel side of each limit is in Sesame.Linux.Tests (KernelLimitTests).</summary>
public sealed class KernelLimitTests
{
    private static FilterRule Rule(int line = 1) => new()
    {
        Chain = "input",
        Action = FilterAction.Accept,
        Location = new SourceLocation("c.rsc", line, 1),
    };

    private static Diagnostic[] Errors(FilterRule rule) => [.. ConfigChecker.Check(new FirewallConfig { Ipv4Filter = [rule] }).Where(d => d.IsError)];

    private static string[] Codes(FirewallConfig config) => [.. ConfigChecker.Check(config).Where(d => d.Code.StartsWith("SES052", StringComparison.Ordinal) || d.Code == "SES0531").Select(d => $"{d.Code}@{d.Location.Line}")];

    [Theory]
    [InlineData("ether1")]
    [InlineData("aaaaaaaaaaaaaaa")] // 15 bytes
    [InlineData("vlan.10")]
    [InlineData("e*h")] // a star inside is literal to nft as well
    [InlineData("wg-\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9")] // 9 characters, 15 bytes of UTF-8
    [InlineData("a\u001b[2J")] // the kernel takes control characters other than whitespace
    public void Check_AcceptedInterfaceName_NoError(string name)
    {
        Assert.Empty(Errors(Rule() with { InInterface = Negatable<string>.Is(name) }));
    }

    [Theory]
    [InlineData("aaaaaaaaaaaaaaaa", "SES0521")] // 16 bytes
    [InlineData("wg-\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9x", "SES0521")] // 10 characters, 16 bytes
    [InlineData("", "SES0521")]
    [InlineData("ether 1", "SES0522")]
    [InlineData("eth0:1", "SES0522")]
    [InlineData("a/b", "SES0522")]
    [InlineData("a\tb", "SES0522")]
    [InlineData("a\nb", "SES0522")]
    [InlineData("\u00e0b", "SES0522")] // à is C3 A0, and the kernel's isspace takes 0xA0
    [InlineData(".", "SES0522")]
    [InlineData("..", "SES0522")]
    [InlineData("ether*", "SES0523")]
    [InlineData("ether\\*", "SES0523")]
    [InlineData("*", "SES0523")]
    [InlineData("a\0b", "SES0520")]
    public void Check_InterfaceNameTheKernelRefuses_Error(string name, string code)
    {
        foreach (FilterRule rule in (ReadOnlySpan<FilterRule>)[
            Rule() with { InInterface = Negatable<string>.Is(name) },
            Rule() with { OutInterface = Negatable<string>.Not(name), Disabled = true }])
        {
            Diagnostic error = Assert.Single(Errors(rule));
            Assert.Equal(code, error.Code);
            Assert.Equal(new SourceLocation("c.rsc", 1, 1), error.Location);
        }

        var member = new InterfaceListMember("WAN", name) { Location = new SourceLocation("c.rsc", 7, 1) };
        Assert.Equal([$"{code}@7"], Codes(new FirewallConfig { InterfaceListMembers = [member] }));
    }

    [Fact]
    public void Check_ChainNameAtTheLimit_AcceptedOneMoreRefused()
    {
        // "v4_" + 252 bytes = 255; a space takes three (".20").
        string longest = new('c', 252);
        Assert.Empty(Errors(Rule() with { Chain = longest }));
        Assert.Empty(Errors(Rule() with { Chain = new string('c', 249) + " " }));
        Assert.Equal("SES0524", Assert.Single(Errors(Rule() with { Chain = longest + "c" })).Code);
        Assert.Equal("SES0524", Assert.Single(Errors(Rule() with { Chain = new string('c', 250) + " " })).Code);
        Assert.Equal("SES0524", Assert.Single(Errors(Rule() with { Action = FilterAction.Jump, JumpTarget = longest + "c" })).Code);
    }

    [Fact]
    public void Check_AddressListNameAtTheLimit_AcceptedOneMoreRefused()
    {
        // "v4net_" + 249 bytes = 255.
        string longest = new('l', 249);
        FilterRule adds = Rule() with { Action = FilterAction.AddSrcToAddressList, AddressList = longest };
        Assert.Empty(Errors(adds));
        Assert.Equal("SES0525", Assert.Single(Errors(adds with { AddressList = longest + "l" })).Code);
        Assert.Equal("SES0525", Assert.Single(Errors(Rule() with { SrcAddressList = Negatable<string>.Not(longest + "l") })).Code);
        Assert.Equal("SES0525", Assert.Single(Errors(Rule() with { DstAddressList = Negatable<string>.Is(new string('l', 247) + "\u00e9") })).Code);

        var entry = new AddressListEntry { List = longest + "l", DnsName = "example.org", Location = new SourceLocation("c.rsc", 4, 1) };
        Assert.Equal(["SES0525@4"], Codes(new FirewallConfig { Ipv6AddressList = [entry] }));
    }

    [Fact]
    public void Check_AddressListOfAnotherAction_NotAKernelName()
    {
        Assert.Empty(Errors(Rule() with { AddressList = new string('l', 300) }));
    }

    [Fact]
    public void Check_InterfaceListNameAtTheLimit_AcceptedOneMoreRefused()
    {
        string longest = new('i', 252);
        Assert.Empty(Errors(Rule() with { InInterfaceList = Negatable<string>.Is(longest) }));
        Assert.Equal("SES0526", Assert.Single(Errors(Rule() with { OutInterfaceList = Negatable<string>.Not(longest + "i") })).Code);
    }

    [Fact]
    public void Check_LogPrefixAtTheLimit_AcceptedOneMoreRefused()
    {
        FilterRule logs = Rule() with { Action = FilterAction.Log, LogPrefix = new string('p', 127) };
        Assert.Empty(Errors(logs));
        Assert.Equal("SES0527", Assert.Single(Errors(logs with { LogPrefix = new string('p', 126) + "\u00e9" })).Code);
        Assert.Equal("SES0527", Assert.Single(Errors(Rule() with { Log = true, LogPrefix = new string('p', 128) })).Code);
        Assert.Empty(Errors(Rule() with { LogPrefix = new string('p', 128) })); // log=no: the prefix is not used
    }

    [Theory]
    [InlineData("a$b", "input")]
    [InlineData("knock", "in$put")]
    public void Check_DollarInALogPrefix_Error(string prefix, string chain)
    {
        FilterRule rule = Rule() with { Chain = chain, Log = true, LogPrefix = prefix };
        Assert.Equal("SES0528", Assert.Single(Errors(rule)).Code);
        Assert.Empty(Errors(rule with { Log = false }));
    }

    [Fact]
    public void CheckKernelLimits_Config_OnlyTheKernelDiagnostics()
    {
        FirewallConfig config = new()
        {
            Ipv4Filter = [Rule(1) with { Action = FilterAction.Jump, JumpTarget = "nowhere" }, Rule(2) with { InInterface = Negatable<string>.Is("eth0:1") }],
        };

        Assert.Equal(["SES0522@2"], ConfigChecker.CheckKernelLimits(config).Select(d => $"{d.Code}@{d.Location.Line}"));
        Assert.Contains(ConfigChecker.Check(config), d => d.Code == "SES0502");
    }

    [Fact]
    public void Check_KernelNameWithBytesThatAreNotUtf8_Error()
    {
        string fe = Sesame.Text.RouterOsBytes.GetString([0xFE]);
        string ff = Sesame.Text.RouterOsBytes.GetString([0xFF]);
        FirewallConfig config = new()
        {
            Ipv4Filter =
            [
                Rule(1) with { Action = FilterAction.AddSrcToAddressList, AddressList = fe },
                Rule(2) with { SrcAddressList = Negatable<string>.Is(ff) },
                Rule(3) with { InInterface = Negatable<string>.Is("eth" + ff) },
                Rule(4) with { Chain = "c" + fe },
                Rule(5) with { Comment = ff, LogPrefix = fe }, // not names: the kernel holds no object for them
                Rule(6) with { SrcAddressList = Negatable<string>.Is("caf\u00e9\U0001F511") },
            ],
        };

        Assert.Equal(["SES0531@1", "SES0531@2", "SES0531@3", "SES0531@4"], Codes(config));
    }

    [Fact]
    public void Check_NulInAnyString_Error()
    {
        FirewallConfig config = new()
        {
            Ipv4Filter = [Rule(1) with { Comment = "a\0b" }, Rule(2) with { Chain = "in\0put" }],
            Layer7Protocols = [new Layer7Protocol("pass", "^a\0b") { Location = new SourceLocation("c.rsc", 3, 1) }],
            Ipv4AddressList = [new AddressListEntry { List = "l", DnsName = "x\0y", Location = new SourceLocation("c.rsc", 4, 1) }],
        };

        Assert.Equal(["SES0520@1", "SES0520@2", "SES0520@3", "SES0520@4"], Codes(config).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, false, "SES0530")]
    [InlineData((byte)6, true, "SES0530")] // protocol=!tcp: never a reset, the ICMP error to all
    [InlineData((byte)6, false, null)]
    [InlineData((byte)17, true, "SES0530")]
    [InlineData((byte)17, false, "SES0529")]
    [InlineData((byte)1, false, "SES0529")]
    public void Check_TcpResetOnRuleForOtherProtocols_ErrorOrWarning(byte? protocol, bool negated, string? code)
    {
        FilterRule rule = Rule() with
        {
            Action = FilterAction.Reject,
            RejectWith = "tcp-reset",
            Protocol = protocol is { } p ? new Negatable<byte>(negated, p) : null,
        };

        Diagnostic[] found = [.. ConfigChecker.Check(new FirewallConfig { Ipv4Filter = [rule] }).Where(d => d.Code is "SES0529" or "SES0530")];
        Assert.Equal(code is null ? [] : [code], found.Select(d => d.Code));
        Assert.All(found, d => Assert.Equal(d.Code == "SES0529", d.IsError));
    }

    [Theory]
    [InlineData(75, "75ms", "1s")]
    [InlineData(1500, "1s500ms", "2s")]
    public void Check_SubSecondTimeout_WarnsWhatTheKernelKeeps(int milliseconds, string written, string kept)
    {
        FilterRule rule = Rule() with
        {
            Action = FilterAction.AddSrcToAddressList,
            AddressList = "k1",
            AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromMilliseconds(milliseconds)),
        };
        var entry = new AddressListEntry { List = "k1", Address = Sesame.Net.IpRange.TryParse("192.0.2.7", out Sesame.Net.IpRange? a) ? a : null, Timeout = TimeSpan.FromMilliseconds(milliseconds), Location = new SourceLocation("t.rsc", 9, 1) };

        Diagnostic[] warnings = [.. ConfigChecker.CheckKernelLimits(new FirewallConfig { Ipv4Filter = [rule], Ipv4AddressList = [entry] })];

        Assert.All(warnings, d => Assert.Equal(("SES0532", Severity.Warning), (d.Code, d.Severity)));
        Assert.Equal(2, warnings.Length);
        Assert.Contains(warnings, d => d.Message.StartsWith($"address-list-timeout={written}: ", StringComparison.Ordinal) && d.Message.Contains($"keeps this one {kept}", StringComparison.Ordinal));
        Assert.Contains(warnings, d => d.Message.StartsWith($"timeout={written}: ", StringComparison.Ordinal) && d.Location.Line == 9);
    }

    [Fact]
    public void Check_WholeSecondTimeout_NoWarning()
    {
        FilterRule rule = Rule() with { Action = FilterAction.AddSrcToAddressList, AddressList = "k1", AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromSeconds(30)) };

        Assert.Empty(ConfigChecker.CheckKernelLimits(new FirewallConfig { Ipv4Filter = [rule] }));
    }
}
