using System.Text.Json;

namespace Sesame.Tests.Commands;

/// <summary>
/// The seed's three scripts and scheduler (tests/fixtures/seeds/004-manual-new.rsc, the scripts in multi-line form)
/// run in <c>simulate</c> by the real interpreter: the stats line every 5 minutes, <c>run check-and-grant</c>,
/// <c>run clean-knock-lists</c>; and the options and output that go with them.
/// </summary>
public sealed class SimulateScriptTests
{
    private const string A = "203.0.113.7";
    private const string B = "198.51.100.9";
    private const string C = "192.0.2.50";

    private static readonly string Seed = Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc");

    private static CliRun Simulate(string trace, params string[] options)
    {
        using var file = new TempFile("knock.trace", trace);
        return CliRun.Of(["simulate", Seed, file.Path, .. options]);
    }

    private static string[] Addresses(JsonElement lists, string list) =>
        lists.TryGetProperty(list, out JsonElement entries) ? [.. entries.EnumerateArray().Select(e => e.GetProperty("address").GetString()!)] : [];

    [Fact]
    public void Simulate_SeedScheduler_StatsLineEveryFiveMinutesWithTheCounts()
    {
        // At 300 s: A, B, C in knock1 (30 s from 280–290), B and C in knock2, C in secured with the config's YOUR_IP entry.
        CliRun run = Simulate($"""
            280 {A} tcp 888
            285 {B} tcp 888
            286 {B} tcp 555
            290 {C} tcp 888
            291 {C} tcp 555
            292 {C} tcp 222
            """, "--until", "15m", "--json");

        Assert.Equal(0, run.Exit);
        JsonElement[] log = [.. run.Json.GetProperty("log").EnumerateArray()];
        Assert.Equal(
            [
                (300.0, "info", "log-knock-attempts", "Port knock stats: stage1=3 stage2=2 secured=2"),
                (600.0, "info", "log-knock-attempts", "Port knock stats: stage1=0 stage2=0 secured=2"),
                (900.0, "info", "log-knock-attempts", "Port knock stats: stage1=0 stage2=0 secured=2"),
            ],
            log.Select(l => (l.GetProperty("time").GetDouble(), l.GetProperty("topic").GetString(), l.GetProperty("script").GetString(), l.GetProperty("message").GetString())));
        Assert.All(run.Json.GetProperty("scripts").EnumerateArray(), s => Assert.Equal("scheduler knock-logger", s.GetProperty("trigger").GetString()));
    }

    [Fact]
    public void Simulate_SeedSchedulerWithoutUntil_NoLineAfterTheTrace()
    {
        CliRun run = Simulate($"0 {A} tcp 888\n299 {A} tcp 888\n", "--json");

        Assert.Equal(0, run.Exit);
        Assert.Empty(run.Json.GetProperty("log").EnumerateArray());
    }

    [Fact]
    public void Simulate_SeedRunCheckAndGrant_EveryKnock2AddressSecuredWithCommentAndThirtyMinutes()
    {
        CliRun run = Simulate($"""
            0  {A} tcp 888
            1  {A} tcp 555
            2  {B} tcp 888
            3  {B} tcp 555
            4  {C} tcp 888
            10 run check-and-grant
            11 {A} tcp 22
            12 {B} tcp 22
            13 {C} tcp 22
            """, "--json");

        Assert.Equal(0, run.Exit);
        JsonElement lists = run.Json.GetProperty("lists");
        Assert.Empty(Addresses(lists, "knock2"));
        Assert.Equal(["YOUR_IP", A, B], Addresses(lists, "secured"));
        JsonElement secured = lists.GetProperty("secured");
        Assert.Equal(1800 - 3, secured[1].GetProperty("timeout").GetDouble(), precision: 3);
        Assert.Equal("granted-by-script", secured[1].GetProperty("comment").GetString());
        Assert.False(secured[0].TryGetProperty("comment", out _));
        JsonElement[] changes = [.. Assert.Single(run.Json.GetProperty("scripts").EnumerateArray()).GetProperty("changes").EnumerateArray()];
        Assert.Equal(
            [("added", "secured", A, "granted-by-script"), ("removed", "knock2", A, null), ("added", "secured", B, "granted-by-script"), ("removed", "knock2", B, null)],
            changes.Select(c => (c.GetProperty("kind").GetString(), c.GetProperty("list").GetString(), c.GetProperty("address").GetString(), c.GetProperty("comment").GetString())));
        Assert.Equal(1800, changes[0].GetProperty("timeout").GetDouble());
        Assert.Equal(
            ["Port knock: granted access to 203.0.113.7", "Port knock: granted access to 198.51.100.9"],
            run.Json.GetProperty("log").EnumerateArray().Select(l => l.GetProperty("message").GetString()));
        JsonElement[] packets = [.. run.Json.GetProperty("packets").EnumerateArray()];
        Assert.Equal(["accept", "accept", "drop"], packets[5..].Select(p => p.GetProperty("verdict").GetString()));
    }

    [Fact]
    public void Simulate_SeedRunCleanKnockLists_EmptiesKnock1AndKnock2()
    {
        CliRun run = Simulate($"""
            0 {A} tcp 888
            1 {A} tcp 555
            2 {B} tcp 888
            3 {C} tcp 888
            4 {C} tcp 555
            5 {C} tcp 222
            6 run clean-knock-lists
            7 {A} tcp 222
            """, "--json");

        Assert.Equal(0, run.Exit);
        JsonElement lists = run.Json.GetProperty("lists");
        Assert.Empty(Addresses(lists, "knock1"));
        Assert.Empty(Addresses(lists, "knock2"));
        Assert.Equal(["YOUR_IP", C], Addresses(lists, "secured")); // secured is left alone
        Assert.Equal("Knock intermediate lists cleared", run.Json.GetProperty("log")[0].GetProperty("message").GetString());
        // A's third knock after the clean-up finds no knock2 entry: the sequence starts over.
        Assert.Equal("drop", run.Json.GetProperty("packets")[6].GetProperty("verdict").GetString());
    }

    [Fact]
    public void Simulate_SeedHumanOutput_RunsChangesAndLogLinesAtTheirTimes()
    {
        CliRun run = Simulate($"""
            0  {A} tcp 888
            1  {A} tcp 555
            10 run check-and-grant
            11 {A} tcp 22
            """, "--until", "300");

        Assert.Equal(0, run.Exit);
        string[] lines = run.Out.Split('\n');
        int runLine = Array.FindIndex(lines, l => l.Contains("run check-and-grant", StringComparison.Ordinal));
        Assert.True(runLine > 2, run.Out);
        Assert.StartsWith("       10  run check-and-grant      script       ok       ", lines[runLine], StringComparison.Ordinal);
        Assert.EndsWith("knock.trace:3", lines[runLine], StringComparison.Ordinal);
        Assert.Equal($"       10  {A,-24} {"",-12} {"",-7}  {"script check-and-grant",-34} +secured 30m comment=\"granted-by-script\"", lines[runLine + 1]);
        Assert.Equal($"       10  {A,-24} {"",-12} {"",-7}  {"script check-and-grant",-34} -knock2 removed", lines[runLine + 2]);
        Assert.Equal($"       10  {"log info",-24} {"",-12} {"",-7}  {"check-and-grant:",-34} Port knock: granted access to {A}", lines[runLine + 3]);
        Assert.StartsWith("       11  203.0.113.7", lines[runLine + 4], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("      300  log info", StringComparison.Ordinal) && l.EndsWith("Port knock stats: stage1=0 stage2=0 secured=2", StringComparison.Ordinal));
        Assert.Contains("Address lists at 300 s:", run.Out, StringComparison.Ordinal);
        Assert.Contains(";;; granted-by-script", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_UnknownScriptInRunLine_ErrorAtFileLineColumn()
    {
        using var trace = new TempFile("knock.trace", $"0 {A} tcp 888\n5 run check-and-grnt\n");

        CliRun run = CliRun.Of("simulate", Seed, trace.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{trace.Path}:2:7: error SES0426: unknown script 'check-and-grnt'", run.Err, StringComparison.Ordinal);
        Assert.Contains("check-and-grant", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("1e99")]
    public void Simulate_BadUntil_UsageError(string until)
    {
        CliRun run = Simulate($"0 {A} tcp 888\n", "--until", until);

        Assert.Equal(2, run.Exit);
        Assert.Contains("--until", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Simulate_UntilBeforeTheLastLine_UsageError()
    {
        CliRun run = Simulate($"0 {A} tcp 888\n60 {A} tcp 555\n", "--until", "30s");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--until 30 s is before the trace's last line at 60 s", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_ScriptFails_ErrorLoggedAndSimulationGoesOn()
    {
        // Granting an address that secured already holds fails (RouterOS: "already have such entry") and stops that run.
        CliRun run = Simulate($"""
            0 {A} tcp 888
            1 {A} tcp 555
            2 {A} tcp 222
            3 {A} tcp 555
            4 run check-and-grant
            5 {A} tcp 22
            """, "--json");

        Assert.Equal(0, run.Exit);
        JsonElement script = Assert.Single(run.Json.GetProperty("scripts").EnumerateArray());
        Assert.False(script.GetProperty("ok").GetBoolean());
        Assert.Contains("already have such entry", script.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(run.Json.GetProperty("log").EnumerateArray(), l => l.GetProperty("topic").GetString()!.Contains("error", StringComparison.Ordinal));
        Assert.Equal(5, run.Json.GetProperty("packets").GetArrayLength());
        Assert.Equal("accept", run.Json.GetProperty("packets")[4].GetProperty("verdict").GetString());
    }

    [Fact]
    public void Simulate_ScriptLogsEscAndNewline_PrintedEscapedOnOneLine()
    {
        using var config = new TempFile("evil.rsc", """
            /system script add name="evil" source=":log warning \"x\\1B[2J\\nfake\"; :put \"p\\1B[31m\""
            """);
        using var trace = new TempFile("t.trace", "1 run evil\n");

        CliRun run = CliRun.Of("simulate", config.Path, trace.Path);

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.DoesNotContain("\nfake", run.Out, StringComparison.Ordinal);
        Assert.Contains(@"x\x1B[2J\nfake", run.Out, StringComparison.Ordinal);
        Assert.Contains(@"log put", run.Out, StringComparison.Ordinal);

        CliRun json = CliRun.Of("simulate", config.Path, trace.Path, "--json");
        Assert.Equal("x\u001b[2J\nfake", json.Json.GetProperty("log")[0].GetProperty("message").GetString());
    }

    [Fact]
    public void Simulate_ConfigWithoutScripts_OutputHasEmptyLogAndScripts()
    {
        CliRun run = CliRun.Of("simulate", RepoPaths.Combine("deploy", "examples", "three-knock.rsc"), RepoPaths.Combine("deploy", "examples", "three-knock.trace"), "--json");

        Assert.Equal(0, run.Exit);
        Assert.Empty(run.Json.GetProperty("log").EnumerateArray());
        Assert.Empty(run.Json.GetProperty("scripts").EnumerateArray());
        Assert.Equal("", run.Err);
    }

    [Fact]
    public void Simulate_ScriptEnablesBlacklistRule_LaterPacketsDroppedAndTheChangeShown()
    {
        using var config = new TempFile("arm.rsc", """
            /ip firewall filter
            add chain=input action=drop src-address-list=blacklist disabled=yes
            add chain=input action=accept
            /ip firewall address-list add list=blacklist address=198.51.100.66
            /system script add name=arm source={
                /ip firewall filter enable [/ip firewall filter find src-address-list=blacklist]
            }
            """);
        using var trace = new TempFile("t.trace", "0 198.51.100.66 tcp 22\n5 run arm\n6 198.51.100.66 tcp 22\n");

        CliRun human = CliRun.Of("simulate", config.Path, trace.Path);
        CliRun json = CliRun.Of("simulate", config.Path, trace.Path, "--json");

        Assert.Equal(0, human.Exit);
        Assert.Contains($"        5  {"",-24} {"",-12} {"",-7}  {"script arm",-34} enabled ip rule 0\n", human.Out, StringComparison.Ordinal);
        Assert.Equal(["accept", "drop"], json.Json.GetProperty("packets").EnumerateArray().Select(p => p.GetProperty("verdict").GetString()));
        JsonElement rule = Assert.Single(json.Json.GetProperty("scripts")[0].GetProperty("rules").EnumerateArray());
        Assert.Equal(("ip", 0, false), (rule.GetProperty("family").GetString(), rule.GetProperty("index").GetInt32(), rule.GetProperty("disabled").GetBoolean()));
    }
}
