using System.Text;

namespace Sesame.Tests.Commands;

/// <summary>
/// Inputs past a parser's bounds (depth, length, counts, times) are refused with a diagnostic at their place and exit
/// status 1 — never a crash, a stack overflow or exit 70.
/// </summary>
public sealed class InputBoundsTests
{
    private static readonly string Config = RepoPaths.Combine("deploy", "examples", "three-knock.rsc");

    [Fact]
    public void Check_FindChainOf100000Terms_RefusedAtTheConditionAndExitsOne()
    {
        var script = new StringBuilder("/ip firewall filter add chain=input action=accept comment=x\n/ip firewall filter remove [find where ");
        script.AppendJoin(" and ", Enumerable.Repeat("comment=x", 100_000)).Append("]\n");
        using var file = new TempFile("chain.rsc", script.ToString());

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{file.Path}:2:", run.Out, StringComparison.Ordinal);
        Assert.Contains("more than 256 terms", run.Out, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Check_FindChainAtTheBound_IsRead()
    {
        var script = new StringBuilder("/ip firewall filter add chain=input action=accept comment=x\n/ip firewall filter remove [find where ");
        script.AppendJoin(" and ", Enumerable.Repeat("comment=x", 256)).Append("]\n");
        using var file = new TempFile("chain.rsc", script.ToString());

        CliRun run = CliRun.Of("check", file.Path);

        Assert.DoesNotContain("terms", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SubstitutionsNested100000Deep_RefusedAndExitsOne()
    {
        using var file = new TempFile("deep.rsc", "/ip firewall filter remove " + new string('[', 100_000) + new string(']', 100_000) + "\n");

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{file.Path}:1:", run.Out, StringComparison.Ordinal);
        Assert.Contains("nested deeper than 32", run.Out, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Check_ScriptLongerThanTheBound_RefusedAtTheFirstCharacterPastIt()
    {
        string line = "# " + new string('x', 1021) + "\n";
        int lines = ((16 << 20) / line.Length) + 1;
        using var file = new TempFile("huge.rsc", string.Concat(Enumerable.Repeat(line, lines)));

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{file.Path}:{((16 << 20) / line.Length) + 1}:{((16 << 20) % line.Length) + 1}: error SES0109", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ScriptOfMoreTokensThanTheBound_RefusedAtTheFirstTokenPastIt()
    {
        using var file = new TempFile("semicolons.rsc", new string(';', 2_000_100));

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{file.Path}:1:2000001: error SES0109", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_CommandOfMorePartsThanTheBound_RefusedAtThePartPastIt()
    {
        const string head = "/ip firewall filter add chain=input comment=";
        using var file = new TempFile("parts.rsc", head + string.Concat(Enumerable.Repeat("a ", 5000)) + "\n");

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        // "/ip", "firewall", "filter", "add", chain=input and comment=a (the first "a"), then 1018 words "a": the
        // 1025th part is the 1020th "a".
        Assert.Contains($"{file.Path}:1:{head.Length + 1 + (2 * 1019)}: error SES0109", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doors: ", "[", "]")]
    [InlineData("doors: ", "{a: ", "}")]
    [InlineData("doors:\n", "- ", "")]
    public void Check_YamlNested100000Deep_RefusedAtTheNestingAndExitsOne(string head, string open, string close)
    {
        var text = new StringBuilder(head);
        for (int i = 0; i < 100_000; i++)
        {
            text.Append(open);
        }

        text.Append('x');
        for (int i = 0; i < 100_000; i++)
        {
            text.Append(close);
        }

        using var file = new TempFile("deep.yaml", text.Append('\n').ToString());

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{file.Path}:", run.Out, StringComparison.Ordinal);
        Assert.Contains("nested deeper than 32 levels", run.Out, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Check_YamlAliasBomb_RefusedAtTheFirstAliasAndExitsOne()
    {
        using var file = new TempFile("bomb.yaml", """
            a: &a [x, x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
            doors: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
            """);

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{file.Path}:2:8: error SES0601: not valid YAML: alias '*a'", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProfileLongerThanTheBound_RefusedAndExitsOne()
    {
        using var file = new TempFile("long.yaml", "doors: []\n" + string.Concat(Enumerable.Repeat("# " + new string('x', 100) + "\n", 20_000)));

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains("a profile has at most 1048576", run.Out, StringComparison.Ordinal);
        int past = (1 << 20) - "doors: []\n".Length;
        Assert.Contains($"{file.Path}:{2 + (past / 103)}:{(past % 103) + 1}: error SES0601", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProfileOfMoreDoorsThanTheBound_RefusedAtTheFirstDoorPastIt()
    {
        var text = new StringBuilder("doors:\n");
        for (int i = 0; i < 300; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - name: d{i}\n    knocks: [{1000 + i}, {20000 + i}, {40000 + i}]\n");
        }

        using var file = new TempFile("doors.yaml", text.ToString());

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{file.Path}:{2 + (2 * 256)}:5: error SES0612: 'doors:' has 300 doors; a profile has at most 256", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DoorOfMoreKnocksThanTheBound_RefusedAtTheFirstKnockPastIt()
    {
        string knocks = string.Join(", ", Enumerable.Range(1000, 65));
        using var file = new TempFile("knocks.yaml", $"doors:\n  - name: a\n    knocks: [{knocks}]\n");

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{file.Path}:3:{"    knocks: [".Length + (64 * 6) + 1}: error SES0612: door 'a': 65 knocks; a door has at most 64", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("25d", "3w4d")]
    [InlineData("35w", "35w")]
    public void Check_HookTimeLimitLongerThanTimersHold_RefusedAtTheValueAndExitsOne(string limit, string shown)
    {
        using var file = new TempFile("hooks.yaml", $"""
            doors:
              - name: admin
                knocks: [7311, 2749, 5003]
                open: [22]
                hooks:
                  start: /bin/true
                  time_limit: {limit}

            """);

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{file.Path}:7:19: error SES0607: hooks.time_limit: {shown} is longer than a hook may run (3w3d)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_HookTimeLimitAtTheBound_IsUsable()
    {
        using var file = new TempFile("hooks.yaml", """
            doors:
              - name: admin
                knocks: [7311, 2749, 5003]
                open: [22]
                hooks:
                  start: /bin/true
                  time_limit: 24d

            """);

        CliRun run = CliRun.Of("check", file.Path);

        Assert.Equal(0, run.Exit);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("∞")]
    [InlineData("1e400")]
    [InlineData("1000000001")]
    [InlineData("99999999999999999999999999999999")]
    public void Simulate_TraceTimeNotAFiniteTime_RefusedAtTheTimeAndExitsOne(string time)
    {
        CliRun run = CliRun.WithInput($"0 203.0.113.7 tcp 888\n{time} 203.0.113.7 tcp 555\n", "simulate", Config, "-");

        Assert.Equal(1, run.Exit);
        Assert.Contains("<stdin>:2:1: error SES0411", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Simulate_TraceLineLongerThanTheBound_RefusedAndExitsOne()
    {
        string payload = new('a', 300_000);

        CliRun run = CliRun.WithInput($"0 203.0.113.7 udp 888 payload={payload}\n", "simulate", Config, "-");

        Assert.Equal(1, run.Exit);
        Assert.Contains("<stdin>:1:263165: error SES0424", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_TracePayloadLongerThanAPacket_RefusedAndExitsOne()
    {
        string payload = new('a', 70_000);

        CliRun run = CliRun.WithInput($"0 203.0.113.7 udp 888 payload={payload}\n", "simulate", Config, "-");

        Assert.Equal(1, run.Exit);
        Assert.Contains("<stdin>:1:1: error SES0425", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_StandardInputLongerThanTheBound_RefusedAndExitsOne()
    {
        CliRun run = CliRun.WithInput(new string(' ', (64 << 20) + 1), "check", "-");

        Assert.Equal(1, run.Exit);
        Assert.Contains("sesame: cannot read '-': it is longer than 67108864 characters", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--poll-interval", "Infinity")]
    [InlineData("--poll-interval", "1e300")]
    [InlineData("--set-size", "-1")]
    public void Serve_OptionOutOfRange_ExitsTwoBeforeReadingTheConfig(string option, string value)
    {
        CliRun run = CliRun.Of("serve", "/nonexistent/config.rsc", option, value);

        Assert.Equal(2, run.Exit);
        Assert.Contains($"sesame: {option} must be between", run.Err, StringComparison.Ordinal);
    }
}
