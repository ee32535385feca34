namespace Sesame.Tests.Commands;

/// <summary>
/// Issue 10, item 6: scripts and schedulers survive <c>export --to routeros</c> and a read back — the exported
/// configuration simulates exactly as the original, scripts, scheduler runs and log lines included.
/// </summary>
public sealed class ScriptExportRoundTripTests
{
    private static readonly string Seed = Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc");

    private const string Trace = """
        0  203.0.113.7  tcp 888
        1  203.0.113.7  tcp 555
        2  198.51.100.9 tcp 888
        3  198.51.100.9 tcp 555
        10 run check-and-grant
        11 203.0.113.7  tcp 22
        12 run clean-knock-lists
        """;

    private static (CliRun Original, CliRun RoundTrip) SimulateBoth(string configPath, string trace, params string[] options)
    {
        CliRun export = CliRun.Of(["export", configPath, "--to", "routeros"]);
        Assert.Equal(0, export.Exit);
        using var exported = new TempFile("exported.rsc", export.Out);
        using var traceFile = new TempFile("knock.trace", trace);
        CliRun original = CliRun.Of(["simulate", configPath, traceFile.Path, .. options]);
        CliRun roundTrip = CliRun.Of(["simulate", exported.Path, traceFile.Path, .. options]);
        return (original, roundTrip);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ExportThenSimulate_SeedScripts_SameRunsLogAndLists(bool json)
    {
        // The seed's troubleshooting line adds a timed (dynamic) entry, which an export leaves out as RouterOS's does.
        string seed = string.Join('\n', File.ReadAllLines(Seed).Where(l => !l.Contains("YOUR_IP", StringComparison.Ordinal)));
        using var config = new TempFile("seed.rsc", seed);
        (CliRun original, CliRun roundTrip) = SimulateBoth(config.Path, Trace, json ? ["--until", "11m", "--json"] : ["--until", "11m"]);

        Assert.Equal(0, original.Exit);
        Assert.Contains("Port knock stats: stage1=0 stage2=0 secured=2", original.Out, StringComparison.Ordinal);
        Assert.Contains("granted access to 198.51.100.9", original.Out, StringComparison.Ordinal);
        Assert.Equal(original.Exit, roundTrip.Exit);
        Assert.Equal(original.Out, roundTrip.Out);
    }

    [Fact]
    public void ExportThenSimulate_HostileScriptText_SameBytesLogged()
    {
        // Quotes, an escaped and a substituted '$', ';' and braces inside strings, a comment line, a tab, a byte that is
        // not UTF-8, an ESC and a long line: the exporter's quoting and wrapping must give the reader the same source back.
        string longText = new('x', 300);
        string config = $$"""
            /ip firewall filter add chain=input action=add-src-to-address-list address-list=k1 address-list-timeout=1m protocol=tcp dst-port=1000
            /system script add name="odd \"name\"; {x}" source={
                # a comment with "quotes" and { braces }
                :local who "it's \$HOME; {not a block} \"q\"\tTAB \FF \1B[31m"
                :local n 2
                :log warning "v=$who n=$n sum=$($n + 3) {{longText}}"
                :foreach id in=[/ip firewall address-list find list=k1] do={ /ip firewall address-list set $id comment="seen;\"$n\"" }
            }
            /system scheduler add name=tick interval=30s on-event=":log info \"tick \$[:len \"abc\"]\""
            """;
        using var file = new TempFile("hostile.rsc", config);
        string trace = """
            0 203.0.113.7 tcp 1000
            5 run "odd \"name\"; {x}"
            """;

        (CliRun original, CliRun roundTrip) = SimulateBoth(file.Path, trace, "--until", "40", "--json");

        Assert.Equal(0, original.Exit);
        Assert.Contains("$HOME; {not a block} \\u0022q\\u0022", original.Out, StringComparison.Ordinal);
        Assert.Contains("tick 3", original.Out, StringComparison.Ordinal);
        Assert.Contains("\"ok\": true", original.Out, StringComparison.Ordinal);
        Assert.Contains("seen;", original.Out, StringComparison.Ordinal);
        Assert.Equal(original.Out, roundTrip.Out);
    }
}
