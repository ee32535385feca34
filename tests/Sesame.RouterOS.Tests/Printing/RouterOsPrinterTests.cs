using Sesame.Engine;
using Sesame.Model;
using Sesame.RouterOS;
using Sesame.Tests.Export;
using Sesame.Tests.Golden;

namespace Sesame.Tests.Printing;

public sealed class RouterOsPrinterTests
{
    private static readonly DateTimeOffset Created = new(2026, 10, 1, 8, 50, 30, TimeSpan.Zero);

    private static AddressListRow[] KnockRows() =>
    [
        new("secured", "192.168.88.0/24", null, Dynamic: false, Disabled: false, "office", Created.AddDays(-3)),
        new("888", "203.0.113.7", TimeSpan.FromSeconds(29.2), Dynamic: true, Disabled: false, null, Created),
        new("555", "203.0.113.7", TimeSpan.FromSeconds(25), Dynamic: true, Disabled: false, null, Created.AddSeconds(4)),
        new("secured", "203.0.113.7", TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(2), Dynamic: true, Disabled: false, null, Created.AddSeconds(8)),
        new("blacklist", "198.51.100.23", TimeSpan.FromHours(16) + TimeSpan.FromMinutes(40), Dynamic: true, Disabled: true, "scanner", Created.AddSeconds(9)),
    ];

    [Fact]
    public void PrintAddressLists_KnockState_MatchesGoldenFile()
    {
        GoldenFile.AssertMatches("print-address-lists", RouterOsPrinter.PrintAddressLists(KnockRows()));
    }

    [Fact]
    public void PrintAddressLists_StaticOnlyNoTimes_NoFlagsNoTimeColumns()
    {
        AddressListRow[] rows = [new("admin-ips", "203.0.113.10", null, false, false, "office IP", null), new("admin-ips", "198.51.100.5", null, false, false, null, null)];

        Assert.Equal(
            "Columns: LIST, ADDRESS\n#   LIST       ADDRESS\n;;; office IP\n0   admin-ips  203.0.113.10\n1   admin-ips  198.51.100.5\n",
            RouterOsPrinter.PrintAddressLists(rows));
    }

    [Fact]
    public void PrintAddressLists_DynamicWithTimeout_AsInManual()
    {
        AddressListRow[] rows = [new("port-scanners", "198.51.100.23", TimeSpan.FromSeconds(86395), true, false, null, Created)];

        Assert.Equal(
            "Flags: D - DYNAMIC\nColumns: LIST, ADDRESS, CREATION-TIME, TIMEOUT\n#   LIST           ADDRESS        CREATION-TIME        TIMEOUT\n0 D port-scanners  198.51.100.23  2026-10-01 08:50:30  23h59m55s\n",
            RouterOsPrinter.PrintAddressLists(rows));
    }

    [Theory]
    [InlineData(1798.0, "29m58s")]
    [InlineData(1797.4, "29m58s")]
    [InlineData(0.2, "1s")]
    [InlineData(60000, "16h40m")]
    [InlineData(691200, "1w1d")]
    public void PrintAddressLists_Timeout_CanonicalWholeSecondsRoundedUp(double seconds, string expected)
    {
        AddressListRow[] rows = [new("k", "192.0.2.1", TimeSpan.FromSeconds(seconds), true, false, null, null)];

        string last = RouterOsPrinter.PrintAddressLists(rows).TrimEnd('\n').Split('\n')[^1];

        Assert.EndsWith("  " + expected, last, StringComparison.Ordinal);
    }

    [Fact]
    public void PrintAddressLists_NoRows_Empty()
    {
        Assert.Equal("", RouterOsPrinter.PrintAddressLists([]));
    }

    [Fact]
    public void PrintAddressLists_ElevenRows_NumbersRightAligned()
    {
        AddressListRow[] rows = [.. Enumerable.Range(0, 11).Select(i => new AddressListRow("l", $"192.0.2.{i}", null, false, false, null, null))];

        string[] lines = RouterOsPrinter.PrintAddressLists(rows).Split('\n');

        Assert.Equal(" #   LIST  ADDRESS", lines[1]);
        Assert.Equal(" 9   l     192.0.2.9", lines[11]);
        Assert.Equal("10   l     192.0.2.10", lines[12]);
    }

    [Fact]
    public void PrintRules_Seeds_MatchesGoldenFile()
    {
        GoldenFile.AssertMatches("print-rules", RouterOsPrinter.PrintRules(ExportSamples.Seeds().Ipv4Filter, null));
    }

    [Fact]
    public void PrintRules_WithCounters_MatchesGoldenFile()
    {
        FirewallConfig config = ExportSamples.Seeds();
        RuleCounter[] counters = [.. Enumerable.Range(0, config.Ipv4Filter.Count).Select(i => new RuleCounter(i * 1_234L, i * 98_765_432L))];
        config = config with { Ipv4Filter = [.. config.Ipv4Filter.Select((r, i) => i == 4 ? r with { Comment = "knocked clients" } : r)] };

        GoldenFile.AssertMatches("print-rules-stats", RouterOsPrinter.PrintRules(config.Ipv4Filter, counters));
    }

    [Fact]
    public void PrintRules_EveryProperty_MatchesGoldenFile()
    {
        GoldenFile.AssertMatches("print-rules-every-property", RouterOsPrinter.PrintRules(ExportSamples.EveryProperty().Ipv4Filter, null));
    }

    [Fact]
    public void PrintRules_DisabledWithComment_FlagAndCommentLineThenIndentedProperties()
    {
        FilterRule rule = new() { Chain = "input", Action = FilterAction.Drop, Disabled = true, Comment = "drop blacklist", SrcAddressList = Negatable<string>.Is("blacklist") };

        Assert.Equal(
            "Flags: X - disabled, I - invalid; D - dynamic\n 0 X  ;;; drop blacklist\n      chain=input action=drop src-address-list=blacklist log=no log-prefix=\"\"\n",
            RouterOsPrinter.PrintRules([rule], null));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(999L, "999")]
    [InlineData(1000L, "1 000")]
    [InlineData(50_507_925_242L, "50 507 925 242")]
    public void PrintRules_Counters_ThousandsGroupedBySpaces(long bytes, string expected)
    {
        FilterRule rule = new() { Chain = "input", Action = FilterAction.Accept };

        string last = RouterOsPrinter.PrintRules([rule], [new RuleCounter(1, bytes)]).TrimEnd('\n').Split('\n')[^1];

        Assert.Matches(@"^ 0    input  accept +" + expected + "  +1$", last);
    }

    [Fact]
    public void PrintRules_CounterCountMismatch_Throws()
    {
        FilterRule rule = new() { Chain = "input", Action = FilterAction.Accept };

        Assert.Throws<ArgumentException>(() => RouterOsPrinter.PrintRules([rule], []));
    }
}
