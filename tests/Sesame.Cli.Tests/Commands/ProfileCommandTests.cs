using System.Text.Json;

namespace Sesame.Tests.Commands;

/// <summary>Door profiles go wherever a script goes (simulate, check, export), and knockd configs import to profiles.</summary>
public sealed class ProfileCommandTests
{
    private static readonly string SeedDoor = RepoPaths.Combine("deploy", "examples", "seed-door.yaml");

    [Fact]
    public void Simulate_Profile_OpensForTheSequence()
    {
        CliRun run = CliRun.WithInput("""
            0  203.0.113.7 tcp 888
            1  203.0.113.7 tcp 555
            2  203.0.113.7 tcp 222
            3  203.0.113.7 tcp 22
            4  198.51.100.1 tcp 22
            """, "simulate", SeedDoor, "-", "--json");

        Assert.Equal(0, run.Exit);
        string[] verdicts = [.. run.Json.GetProperty("packets").EnumerateArray().Select(p => p.GetProperty("verdict").GetString()!)];
        Assert.Equal(["drop", "drop", "accept", "accept", "drop"], verdicts);
    }

    [Fact]
    public void Export_Profile_GivesAScriptThatPassesStrictCheck()
    {
        CliRun export = CliRun.Of("export", SeedDoor, "--to", "routeros");
        using var script = new TempFile("door.rsc", export.Out);

        CliRun check = CliRun.Of("check", script.Path, "--strict");

        Assert.Equal(0, export.Exit);
        Assert.Equal(0, check.Exit);
        Assert.Contains("0 errors", check.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BadProfile_ListsEveryErrorWithLineAndColumn()
    {
        using var profile = new TempFile("bad.yaml", "doors:\n  - name: x\n    knoks: [1, 2]\n    step_time: 30q\n  - name: y\n    knocks: [70000]\n");

        CliRun run = CliRun.Of("check", profile.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{profile.Path}:3:5: error SES0602", run.Out, StringComparison.Ordinal);
        Assert.Contains("did you mean 'knocks'?", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{profile.Path}:4:16: error", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{profile.Path}:6:14: error", run.Out, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Simulate_BadProfile_SimulatesNothing()
    {
        using var profile = new TempFile("bad.yaml", "doors:\n  - name: x\n    knocks: [0]\n");

        CliRun run = CliRun.WithInput("0 1.2.3.4 tcp 1\n", "simulate", profile.Path, "-");

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Import_Knockd_PrintsAProfileThatSimulatesTheDoor()
    {
        using var knockd = new TempFile("knockd.conf", """
            [options]
                UseSyslog

            [openSSH]
                sequence    = 7000,8000,9000
                seq_timeout = 5
                command     = /sbin/iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT
                tcpflags    = syn

            [closeSSH]
                sequence    = 9000,8000,7000
                seq_timeout = 5
                command     = /sbin/iptables -D INPUT -s %IP% -p tcp --dport 22 -j ACCEPT
                tcpflags    = syn
            """);

        CliRun import = CliRun.Of("import", "knockd", knockd.Path);
        using var profile = new TempFile("imported.yaml", import.Out);
        CliRun run = CliRun.WithInput("""
            0    203.0.113.7 tcp 7000
            1    203.0.113.7 tcp 8000
            2    203.0.113.7 tcp 9000
            3    203.0.113.7 tcp 22
            10   198.51.100.2 tcp 7000
            16   198.51.100.2 tcp 8000
            17   198.51.100.2 tcp 9000
            18   198.51.100.2 tcp 22
            """, "simulate", profile.Path, "-", "--json");

        Assert.Equal(0, import.Exit);
        Assert.Equal(0, run.Exit);
        JsonElement[] p = [.. run.Json.GetProperty("packets").EnumerateArray()];
        Assert.Equal("accept", p[3].GetProperty("verdict").GetString());
        Assert.Equal("drop", p[7].GetProperty("verdict").GetString());
    }

    [Fact]
    public void Import_UnknownFormat_IsAUsageError() => Assert.Equal(2, CliRun.Of("import", "iptables", "x").Exit);
}
