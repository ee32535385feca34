using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS;

namespace Sesame.Tests;

public sealed class RouterOsScriptSeedTests
{
    public static TheoryData<string, string[]> Fixtures => new()
    {
        { "000-manual-old-en.rsc", [] },
        { "000-manual-old-en-layer7.rsc", ["SES0106"] },
        { "001-slides-layer7.rsc", ["SES0107"] },
        { "002-blog-three-knock.rsc", ["SES0306", "SES0308"] },
        { "003-manual-zh.rsc", ["SES0105", "SES0106"] },
        { "004-manual-new.rsc", ["SES0106", "SES0206", "SES0211", "SES0307"] },
        { "004-manual-new-bruteforce.rsc", [] },
        { "004-manual-new-alternatives.rsc", ["SES0201"] },
    };

    /// <summary>The warnings that are seed variants and so become errors in strict mode.</summary>
    private static readonly string[] Variants = ["SES0105", "SES0106", "SES0107", "SES0206", "SES0211", "SES0308"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_SeedFixture_NoErrorsAndTheExpectedWarnings(string fixture, string[] warnings)
    {
        ScriptResult result = RouterOsScript.Parse(SeedFixtures.Read(fixture), fixture);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(warnings, result.Diagnostics.Select(d => d.Code).Distinct().Order());
        Assert.All(result.Diagnostics, d => Assert.Equal(fixture, d.Location.File));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Parse_SeedFixtureStrict_VariantsBecomeErrors(string fixture, string[] warnings)
    {
        ScriptResult result = RouterOsScript.Parse(SeedFixtures.Read(fixture), fixture, new ScriptOptions { Strict = true });

        string[] expectedErrors = [.. warnings.Intersect(Variants)];
        Assert.Equal(expectedErrors, result.Diagnostics.Where(d => d.IsError).Select(d => d.Code).Distinct().Order());
        Assert.Equal(expectedErrors.Length > 0, result.HasErrors);
    }

    [Fact]
    public void Parse_ManualOld_BlacklistDropFirstKnocksThenFinalDrop()
    {
        FirewallConfig config = Parse("000-manual-old-en.rsc");

        Assert.Equal(8, config.Ipv4Filter.Count);
        FilterRule blacklist = config.Ipv4Filter[0];
        Assert.Equal((FilterAction.Drop, true), (blacklist.Action, blacklist.Disabled));
        Assert.Equal(Negatable<string>.Is("blacklist"), blacklist.SrcAddressList);
        FilterRule knock = config.Ipv4Filter[1];
        Assert.Equal(FilterAction.AddSrcToAddressList, knock.Action);
        Assert.Equal("888", knock.AddressList);
        Assert.Equal(AddressListTimeout.Timed(TimeSpan.FromSeconds(30)), knock.AddressListTimeout);
        Assert.Equal(Negatable<byte>.Is(IpProtocols.Tcp), knock.Protocol);
        Assert.Equal(Negatable<string>.Is("WAN"), knock.InInterfaceList);
        Assert.Equal(new PortRange(888, 888), Assert.Single(knock.DstPort!.Value.Value));
        Assert.Equal(AddressListTimeout.Timed(TimeSpan.FromMinutes(30)), config.Ipv4Filter[3].AddressListTimeout);
        FilterRule scan = config.Ipv4Filter[6];
        Assert.Equal(Negatable<string>.Not("secured"), scan.SrcAddressList);
        Assert.Equal([new(21, 21), new(22, 22), new(23, 23), new(8291, 8291), new(10000, 60000)], scan.DstPort!.Value.Value);
        Assert.True(scan.Disabled);
        Assert.Equal((FilterAction.Drop, false), (config.Ipv4Filter[7].Action, config.Ipv4Filter[7].Disabled));
    }

    [Fact]
    public void Parse_ManualOldLayer7_UdpKnockWithTheRegexpAsPrinted()
    {
        FirewallConfig config = Parse("000-manual-old-en-layer7.rsc");

        Assert.Equal(new Layer7Protocol("pass", "^passphrase/$") with { Location = config.Layer7Protocols[0].Location }, Assert.Single(config.Layer7Protocols));
        FilterRule knock = config.Ipv4Filter[1];
        Assert.Equal(("888", "pass"), (knock.AddressList, knock.Layer7Protocol));
        Assert.Equal(Negatable<byte>.Is(IpProtocols.Udp), knock.Protocol);
        Assert.Equal(8, config.Ipv4Filter.Count);
    }

    [Fact]
    public void Parse_Slides_WrappedLinesJoinedAndEscapedDollar()
    {
        FirewallConfig config = Parse("001-slides-layer7.rsc");

        Assert.Equal(["^supersecretpassword1$", "^supersecretpassword2$"], config.Layer7Protocols.Select(l => l.Regexp));
        Assert.Equal(4, config.Ipv4Filter.Count);
        FilterRule second = config.Ipv4Filter[1];
        Assert.Equal(("secured", "knock2", ""), (second.AddressList, second.Layer7Protocol, second.Comment));
        Assert.Equal(AddressListTimeout.Timed(TimeSpan.FromSeconds(10)), second.AddressListTimeout);
        Assert.Equal(Negatable<string>.Is("temporary"), second.SrcAddressList);
        Assert.Equal(FilterAction.Drop, config.Ipv4Filter[3].Action);
    }

    [Fact]
    public void Parse_Blog_PlaceBeforeUsesTheNumbersOfItsPrint()
    {
        FirewallConfig config = Parse("002-blog-three-knock.rsc");

        string[] input = [.. config.Ipv4Filter.Where(r => r.Chain == "input").Select(Describe)];
        Assert.Equal(
        [
            "drop blacklist", "add blacklist", "defconf: accept established,related,untracked", "add 333",
            "defconf: drop invalid", "add 777", "defconf: accept ICMP", "add secure",
            "defconf: accept to local loopback (for CAPsMAN)", "accept secured", "defconf: drop all not coming from LAN",
        ], input);
        FilterRule accept = config.Ipv4Filter.Single(r => r.Action == FilterAction.Accept && r.SrcAddressList is not null);
        Assert.Equal(Negatable<string>.Is("WAN"), accept.InInterface);
        Assert.Null(accept.InInterfaceList);
    }

    [Fact]
    public void Parse_ManualChinese_SameRulesAsTheEnglishManualPlusTheLayer7Knock()
    {
        FirewallConfig english = Parse("000-manual-old-en.rsc");
        FirewallConfig chinese = Parse("003-manual-zh.rsc");

        FilterRule[] expected = [.. english.Ipv4Filter.Take(7).Select(WithoutLocation)];
        Assert.Equal(expected, chinese.Ipv4Filter.Take(7).Select(WithoutLocation));
        Assert.Equal("pass", chinese.Ipv4Filter[7].Layer7Protocol);
        Assert.Equal("^passphrase/$", Assert.Single(chinese.Layer7Protocols).Regexp);
    }

    [Fact]
    public void Parse_ManualChinese_OneSpaceWarningPerCommandNamingEveryProperty()
    {
        string text = SeedFixtures.Read("003-manual-zh.rsc");
        int[] spacedLines = [.. text.Split('\n').Select((line, i) => (line, i)).Where(x => x.line.Contains(" =", StringComparison.Ordinal)).Select(x => x.i + 1)];

        ScriptResult result = RouterOsScript.Parse(text, "003-manual-zh.rsc");

        Diagnostic[] spaced = [.. result.Diagnostics.Where(d => d.Code == "SES0105")];
        Assert.Equal(spacedLines, spaced.Select(d => d.Location.Line));
        Assert.Contains("after action, chain, disabled, in-interface-list, src-address-list;", spaced[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("000-manual-old-en.rsc")]
    [InlineData("003-manual-zh.rsc")]
    public void Parse_BareFilterLinesAsPrinted_ReadAsFilterRulesWithOneWarning(string fixture)
    {
        // Seeds 000 and 003 print the rules as bare 'add' lines and never name the menu; the fixtures add the
        // '/ip firewall filter' line. Without it, at the root menu, the chain= gives the menu away. The first seven
        // are the blacklist, knock, accept and blacklisting rules of both seeds.
        string[] rules = [.. SeedFixtures.Read(fixture).Split('\n').Where(l => l.StartsWith("add action", StringComparison.Ordinal)).Take(7)];
        string text = "/interface list add name=WAN\n/interface list add name=LAN\n" + string.Join('\n', rules);

        ScriptResult result = RouterOsScript.Parse(text, fixture);

        Assert.Equal(7, result.Config.Ipv4Filter.Count);
        Diagnostic d = Assert.Single(result.Diagnostics, d => d.Code == "SES0212");
        Assert.Equal((Severity.Warning, 3, 1), (d.Severity, d.Location.Line, d.Location.Column));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(Parse(fixture).Ipv4Filter.Take(rules.Length).Select(WithoutLocation), result.Config.Ipv4Filter.Select(WithoutLocation));
    }

    [Fact]
    public void Parse_BareFilterLinesStrict_ErrorForEach()
    {
        string[] rules = [.. SeedFixtures.Read("000-manual-old-en.rsc").Split('\n').Where(l => l.StartsWith("add action", StringComparison.Ordinal))];

        ScriptResult result = RouterOsScript.Parse("/interface list add name=WAN\n" + string.Join('\n', rules), "000.rsc", new ScriptOptions { Strict = true });

        Assert.Equal(rules.Length, result.Diagnostics.Count(d => d is { Code: "SES0212", IsError: true }));
        Assert.Empty(result.Config.Ipv4Filter);
    }

    [Fact]
    public void Parse_ManualNew_MoveAndEnableByNumbers()
    {
        FirewallConfig config = Parse("004-manual-new.rsc");

        Assert.Equal(
            ["add knock2", "add secured", "add knock1", "accept secured", "drop", "drop blacklist", "add blacklist", "add blacklist", "add knock1"],
            config.Ipv4Filter.Select(Describe));
        Assert.Equal([false, false, false, false, false, false, false, true, false], config.Ipv4Filter.Select(r => r.Disabled));
        Assert.Equal("pass", config.Ipv4Filter[8].Layer7Protocol);
        Assert.Equal("^passphrase$", Assert.Single(config.Layer7Protocols).Regexp);
        Assert.Equal(["check-and-grant", "log-knock-attempts", "clean-knock-lists"], config.Scripts.Select(s => s.Name));
        Assert.StartsWith(":local knockedIPs [/ip firewall address-list find list=knock2]", config.Scripts[0].Source, StringComparison.Ordinal);
        Assert.EndsWith(":log info \"Knock intermediate lists cleared\"", config.Scripts[2].Source, StringComparison.Ordinal);
        SystemScheduler scheduler = Assert.Single(config.Schedulers);
        Assert.Equal([new RawProperty("interval", "5m"), new RawProperty("on-event", "log-knock-attempts")], scheduler.Properties);
        AddressListEntry entry = Assert.Single(config.Ipv4AddressList);
        Assert.Equal(("secured", "YOUR_IP", TimeSpan.FromDays(1)), (entry.List, entry.DnsName, entry.Timeout));
    }

    [Fact]
    public void Parse_ManualNew_WarnsWhereNumbersWereNotPrinted()
    {
        ScriptResult result = RouterOsScript.Parse(SeedFixtures.Read("004-manual-new.rsc"), "004-manual-new.rsc");

        Diagnostic numbers = Assert.Single(result.Diagnostics, d => d.Code == "SES0206");
        Assert.Equal((26, 36), (numbers.Location.Line, numbers.Location.Column));
        Assert.Contains("enable numbers=5,6", SeedFixtures.Read("004-manual-new.rsc").Split('\n')[25], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Bruteforce_ConnectionLimitAndStates()
    {
        FirewallConfig config = Parse("004-manual-new-bruteforce.rsc");

        FilterRule detect = config.Ipv4Filter[1];
        Assert.Equal(Negatable<ConnectionLimit>.Is(new ConnectionLimit(3, 32)), detect.ConnectionLimit);
        Assert.Equal(Negatable<ConnectionStates>.Is(ConnectionStates.New), detect.ConnectionState);
        Assert.Equal(("ssh-brute", "detect ssh bruteforce"), (detect.AddressList, detect.Comment));
        Assert.Equal(Negatable<string>.Is("ssh-brute"), config.Ipv4Filter[0].SrcAddressList);
    }

    private static FirewallConfig Parse(string fixture) =>
        RouterOsScript.Parse(SeedFixtures.Read(fixture), fixture).Config;

    private static FilterRule WithoutLocation(FilterRule rule) => rule with { Location = SourceLocation.None };

    private static string Describe(FilterRule r) => r.Comment ?? r.Action switch
    {
        FilterAction.AddSrcToAddressList => "add " + r.AddressList,
        FilterAction.Accept => "accept " + r.SrcAddressList?.Value,
        _ => r.SrcAddressList is { } list ? "drop " + list.Value : "drop",
    };
}
