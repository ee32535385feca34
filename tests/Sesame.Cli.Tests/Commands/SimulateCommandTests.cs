using System.Text.Json;

namespace Sesame.Tests.Commands;

public sealed class SimulateCommandTests
{
    private static readonly string Config = RepoPaths.Combine("deploy", "examples", "three-knock.rsc");
    private static readonly string Trace = RepoPaths.Combine("deploy", "examples", "three-knock.trace");

    private static JsonElement[] Packets(CliRun run) => [.. run.Json.GetProperty("packets").EnumerateArray()];

    [Fact]
    public void Simulate_ExampleJson_RightSequenceOpensAndOthersDoNot()
    {
        CliRun run = CliRun.Of("simulate", Config, Trace, "--json");

        Assert.Equal(0, run.Exit);
        JsonElement[] p = Packets(run);
        Assert.Equal(18, p.Length);
        Assert.Equal(["drop", "drop", "accept", "accept"], p[..4].Select(x => x.GetProperty("verdict").GetString()));
        Assert.Equal(["888"], p[0].GetProperty("added").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["secured"], p[2].GetProperty("added").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(4, p[3].GetProperty("rule").GetInt32());
        Assert.Equal("drop", p[7].GetProperty("verdict").GetString());
        Assert.Equal(["blacklist"], p[7].GetProperty("added").EnumerateArray().Select(x => x.GetString()));
        // The scanner's knocks after the trap port are dropped by the top rule and fill no knock list.
        Assert.All(p[9..13], x => Assert.Equal(0, x.GetProperty("rule").GetInt32()));
        Assert.All(p[9..13], x => Assert.Empty(x.GetProperty("added").EnumerateArray()));
        Assert.Equal("accept", p[17].GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, p[17].GetProperty("rule").ValueKind);
    }

    [Fact]
    public void Simulate_ExampleJson_ListsHaveRemainingTimeoutsAtTheLastPacket()
    {
        JsonElement lists = CliRun.Of("simulate", Config, Trace, "--json").Json.GetProperty("lists");

        JsonElement secured = Assert.Single(lists.GetProperty("secured").EnumerateArray());
        Assert.Equal("203.0.113.7", secured.GetProperty("address").GetString());
        Assert.Equal(1800 - (60 - 1), secured.GetProperty("timeout").GetDouble(), precision: 3);
        Assert.Contains(lists.GetProperty("blacklist").EnumerateArray(), e => e.GetProperty("address").GetString() == "192.0.2.66");
    }

    [Fact]
    public void Simulate_ExampleJson_CountsEveryRule()
    {
        JsonElement[] rules = [.. CliRun.Of("simulate", Config, Trace, "--json").Json.GetProperty("rules").EnumerateArray()];

        Assert.Equal(8, rules.Length);
        Assert.Equal("drop", rules[0].GetProperty("action").GetString());
        Assert.Equal(4, rules[0].GetProperty("packets").GetInt64());
        Assert.Equal(160, rules[0].GetProperty("bytes").GetInt64());
        Assert.Equal("input", rules[0].GetProperty("chain").GetString());
    }

    [Fact]
    public void Simulate_HumanOutput_OneLinePerPacketThenTheLists()
    {
        CliRun run = CliRun.Of("simulate", Config, Trace);

        Assert.Equal(0, run.Exit);
        string[] lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("203.0.113.7", StringComparison.Ordinal) && l.Contains("tcp/222", StringComparison.Ordinal) && l.Contains("accept", StringComparison.Ordinal) && l.Contains("+secured 30m", StringComparison.Ordinal));
        Assert.Contains("Address lists at 60 s:", run.Out, StringComparison.Ordinal);
        Assert.Contains("secured", lines.SkipWhile(l => !l.StartsWith("Address lists", StringComparison.Ordinal)).First(l => l.Contains("203.0.113.7", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_TraceFromStandardInput_Works()
    {
        CliRun run = CliRun.WithInput("0 203.0.113.7 tcp 888\n", "simulate", Config, "-", "--json");

        Assert.Equal(0, run.Exit);
        Assert.Equal(["888"], Packets(run)[0].GetProperty("added").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public void Simulate_EmptyTrace_PrintsNoPacketsAndEmptyLists()
    {
        CliRun run = CliRun.WithInput("# nothing yet\n", "simulate", Config, "-");

        Assert.Equal(0, run.Exit);
        Assert.Contains("(no entries)", run.Out, StringComparison.Ordinal);
        Assert.Empty(CliRun.WithInput("", "simulate", Config, "-", "--json").Json.GetProperty("packets").EnumerateArray());
    }

    [Fact]
    public void Simulate_BadTraceLine_NamesThePlaceAndSimulatesNothing()
    {
        using var trace = new TempFile("bad.trace", "0 203.0.113.7 tcp 888\n1 203.0.113.7 tcp 99999\n");

        CliRun run = CliRun.Of("simulate", Config, trace.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{trace.Path}:2:19: error SES0416", run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Simulate_TimeGoingBackwards_IsRefused()
    {
        CliRun run = CliRun.WithInput("5 203.0.113.7 tcp 888\n4 203.0.113.7 tcp 555\n", "simulate", Config, "-");

        Assert.Equal(1, run.Exit);
        Assert.Contains("<stdin>:2:1: error SES0410: time goes backwards", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_MissingConfig_SaysSoWithoutStackTrace()
    {
        CliRun run = CliRun.Of("simulate", "/nonexistent/x.rsc", Trace);

        Assert.Equal(1, run.Exit);
        Assert.Contains("cannot read '/nonexistent/x.rsc': no such file", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Simulate_ConfigWithErrors_ReportsThemAndSimulatesNothing()
    {
        using var config = new TempFile("bad.rsc", "/ip firewall filter\nadd chain=input action=explode\nadd chain=input dst-port=99999 protocol=tcp\n");

        CliRun run = CliRun.Of("simulate", config.Path, Trace);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{config.Path}:2:", run.Err, StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:3:", run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("simulate", "a.rsc")]
    [InlineData("simulate", "a.rsc", "b.trace", "--bogus")]
    [InlineData("frobnicate")]
    public void Simulate_WrongArguments_ExitTwoWithMessage(params string[] args)
    {
        CliRun run = CliRun.Of(args);

        Assert.Equal(2, run.Exit);
        Assert.StartsWith("sesame: ", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }
}
