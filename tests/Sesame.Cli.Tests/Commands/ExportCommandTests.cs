using Sesame.RouterOS;

namespace Sesame.Tests.Commands;

public sealed class ExportCommandTests
{
    private static readonly string Config = RepoPaths.Combine("deploy", "examples", "three-knock.rsc");

    [Fact]
    public void Export_RouterOs_ParsesBackToTheSameModel()
    {
        CliRun run = CliRun.Of("export", Config, "--to", "routeros");

        Assert.Equal(0, run.Exit);
        ScriptResult original = RouterOsScript.Parse(File.ReadAllText(Config), Config);
        ScriptResult again = RouterOsScript.Parse(run.Out, "exported.rsc");
        Assert.Empty(again.Diagnostics);
        Assert.Equal(ModelWithoutLocations.Of(original.Config), ModelWithoutLocations.Of(again.Config));
    }

    [Fact]
    public void Export_RouterOs_UsesFullNamesAndSections()
    {
        string script = CliRun.Of("export", Config, "--to", "routeros", "--no-wrap").Out;

        Assert.Contains("/ip firewall filter\n", script, StringComparison.Ordinal);
        Assert.Contains("add action=add-src-to-address-list address-list=888 address-list-timeout=30s chain=input comment=\"knock 1\" dst-port=888 in-interface-list=WAN protocol=tcp\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_Nft_PrintsTheSesameTableWithSetUpdatesAndCounters()
    {
        CliRun run = CliRun.Of("export", Config, "--to", "nft");

        Assert.Equal(0, run.Exit);
        Assert.Contains("add table inet sesame\n", run.Out, StringComparison.Ordinal);
        Assert.Contains("update @v4_888 { ip saddr timeout 30s }", run.Out, StringComparison.Ordinal);
        Assert.Contains("ip saddr @v4_secured counter name \"v4_rule_4\" accept", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("flush ruleset", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_NftOfConfigWithErrors_PrintsNothing()
    {
        using var config = new TempFile("bad.rsc", "/ip firewall filter\nadd chain=input action=explode\n");

        CliRun run = CliRun.Of("export", config.Path, "--to", "nft");

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Export_NftOfLogPrefixWithAQuote_IsRefusedNamingTheRuleAndPrintsNothing()
    {
        using var config = new TempFile("quote.rsc", "/ip firewall filter\nadd chain=input action=log log-prefix=\"say \\\"hi\\\"\"\n");

        CliRun run = CliRun.Of("export", config.Path, "--to", "nft");

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains("the log prefix of a rule of chain v4_input", run.Err, StringComparison.Ordinal);
        Assert.Contains("double quote", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_UnknownTarget_IsAUsageError()
    {
        CliRun run = CliRun.Of("export", Config, "--to", "cisco");

        Assert.Equal(2, run.Exit);
        Assert.Contains("cisco", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_MissingTarget_IsAUsageError() => Assert.Equal(2, CliRun.Of("export", Config).Exit);
}
