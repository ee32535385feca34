using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Profiles;
using Sesame.RouterOS;

namespace Sesame.Tests.Compiling;

/// <summary>The seeds' door written as a profile (deploy/examples/seed-door.yaml) against the seeds' own rules (fixture 000).</summary>
public sealed class SeedDoorTests
{
    private const string Traces = """
        # a user knocks in order, then opens SSH
        0     203.0.113.7    tcp 888
        0.5   203.0.113.7    tcp 555
        1     203.0.113.7    tcp 222
        2     203.0.113.7    tcp 22
        # wrong order, then SSH
        3     198.51.100.20  tcp 555
        3.5   198.51.100.20  tcp 888
        4     198.51.100.20  tcp 222
        5     198.51.100.20  tcp 22
        # the trap port, then the right knocks
        10    192.0.2.66     tcp 666
        11    192.0.2.66     tcp 888
        11.5  192.0.2.66     tcp 555
        12    192.0.2.66     tcp 222
        13    192.0.2.66     tcp 22
        # too slow between the first and second knock
        20    203.0.113.50   tcp 888
        55    203.0.113.50   tcp 555
        56    203.0.113.50   tcp 222
        57    203.0.113.50   tcp 22
        # a scan-port probe before knocking
        60    203.0.113.80   tcp 23
        61    203.0.113.80   tcp 888
        62    203.0.113.80   tcp 555
        63    203.0.113.80   tcp 222
        64    203.0.113.80   tcp 8291
        # the LAN side
        70    192.168.88.10  tcp 22  in=bridge
        # the first user comes back after the 30 minutes
        1900  203.0.113.7    tcp 22
        """;

    private static FirewallConfig Seed(bool blacklistEnabled)
    {
        ScriptResult parsed = RouterOsScript.Parse(File.ReadAllText(RepoPaths.Combine("tests", "fixtures", "seeds", "000-manual-old-en.rsc")), "000.rsc");
        Assert.False(parsed.HasErrors);
        return blacklistEnabled ? parsed.Config with { Ipv4Filter = [.. parsed.Config.Ipv4Filter.Select(r => r with { Disabled = false })] } : parsed.Config;
    }

    private static FirewallConfig Profile(bool blacklistEnabled)
    {
        string text = File.ReadAllText(RepoPaths.Combine("deploy", "examples", "seed-door.yaml"));
        if (blacklistEnabled)
        {
            text = text.Replace("enabled: false", "enabled: true", StringComparison.Ordinal);
        }

        ProfileResult result = ProfileReader.Read(text, "seed-door.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Config;
    }

    /// <summary>The exported script of the profile, read back as the router would read it.</summary>
    private static FirewallConfig Exported(bool blacklistEnabled)
    {
        ScriptResult parsed = RouterOsScript.Parse(RouterOsExporter.Export(Profile(blacklistEnabled)), "export.rsc", new ScriptOptions { Strict = true });
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return parsed.Config;
    }

    private static FilterRule Plain(FilterRule r) => r with { Comment = null, Location = SourceLocation.None };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Compile_SeedDoor_GivesTheSeedsRulesInTheirOrder(bool blacklistEnabled)
    {
        Assert.Equal(Seed(blacklistEnabled).Ipv4Filter.Select(Plain), Exported(blacklistEnabled).Ipv4Filter.Select(Plain));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Export_SeedDoor_SimulatesExactlyLikeTheSeedsRules(bool blacklistEnabled)
    {
        var seed = Run.Trace(Seed(blacklistEnabled), Traces);
        var exported = Run.Trace(Exported(blacklistEnabled), Traces);

        Assert.Equal(Run.Verdicts(seed), Run.Verdicts(exported));
        Assert.Equal(Run.Lists(seed), Run.Lists(exported));
        Assert.Equal(Verdict.Accept, exported.Packets[3].Result.Verdict);
    }

    [Fact]
    public void Export_SeedDoor_PassesStrictCheckWithTheKnockRulesBeforeTheDrop()
    {
        string script = RouterOsExporter.Export(Profile(false));
        ScriptResult parsed = RouterOsScript.Parse(script, "export.rsc", new ScriptOptions { Strict = true });
        IReadOnlyList<Diagnostic> lints = ConfigChecker.Check(parsed.Config);

        Assert.DoesNotContain(parsed.Diagnostics.Concat(lints), d => d.IsError);
        Assert.DoesNotContain(lints, d => d.Code is "SES0503" or "SES0505");
        Assert.Contains("comment=\"sesame door admin: knock 1 of 3\"", script, StringComparison.Ordinal);
        Assert.Contains("disabled=yes", script, StringComparison.Ordinal);
        Assert.EndsWith("in-interface-list=WAN\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DoorOpeningOnePort_AcceptsOnlyThatPortAndKeepsSessions()
    {
        ProfileResult result = ProfileReader.Read(File.ReadAllText(RepoPaths.Combine("deploy", "examples", "ssh-door.yaml")), "ssh-door.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));

        var run = Run.Trace(result.Config, """
            0    203.0.113.7 tcp 7311
            1    203.0.113.7 tcp 2749
            2    203.0.113.7 tcp 5003
            3    203.0.113.7 tcp 22
            4    203.0.113.7 tcp 443
            5    198.51.100.1 tcp 22
            """);

        Assert.Equal([Verdict.Drop, Verdict.Drop, Verdict.Drop, Verdict.Accept, Verdict.Drop, Verdict.Drop], Run.Verdicts(run));
        Assert.Empty(ConfigChecker.Check(result.Config));
    }

    [Fact]
    public void Compile_ResetOnWrongKnock_OutOfTurnKnockSpoilsTheSequence()
    {
        const string Profile = """
            doors:
              - name: d
                knocks: [7311, 2749, 5003]
                step_time: 10s
                open: [22]
                reset_on_wrong_knock: RESET
            """;
        const string Trace = """
            0    203.0.113.7 tcp 7311
            1    203.0.113.7 tcp 5003
            2    203.0.113.7 tcp 2749
            3    203.0.113.7 tcp 5003
            4    203.0.113.7 tcp 22
            30   203.0.113.7 tcp 7311
            31   203.0.113.7 tcp 2749
            32   203.0.113.7 tcp 5003
            33   203.0.113.7 tcp 22
            """;

        var without = Run.Trace(ProfileReader.Read(Profile.Replace("RESET", "false", StringComparison.Ordinal), "p.yaml").Config, Trace);
        var with = Run.Trace(ProfileReader.Read(Profile.Replace("RESET", "true", StringComparison.Ordinal), "p.yaml").Config, Trace);

        Assert.Equal(Verdict.Accept, without.Packets[4].Result.Verdict);
        Assert.Equal(Verdict.Drop, with.Packets[4].Result.Verdict);
        Assert.Equal(Verdict.Accept, with.Packets[8].Result.Verdict);
    }

    [Fact]
    public void Compile_Passphrase_KnockNeedsThePassphrase()
    {
        ProfileResult result = ProfileReader.Read(File.ReadAllText(RepoPaths.Combine("deploy", "examples", "passphrase-door.yaml")), "p.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));

        var run = Run.Trace(result.Config, """
            0   203.0.113.7  udp 1234 payload="supersecretpassword1"
            1   203.0.113.7  udp 4321 payload="supersecretpassword2"
            2   203.0.113.7  udp 51820
            3   198.51.100.1 udp 1234 payload="guess"
            4   198.51.100.1 udp 4321 payload="supersecretpassword2"
            5   198.51.100.1 udp 51820
            """);

        Assert.Equal(Verdict.Accept, run.Packets[2].Result.Verdict);
        Assert.Equal(Verdict.Drop, run.Packets[5].Result.Verdict);
    }

    /// <summary>A passphrase is its UTF-8 bytes: a profile's "café" opens to the datagram the knock client sends for it.</summary>
    [Fact]
    public void Compile_NonAsciiPassphrase_OpensToItsUtf8Bytes()
    {
        string yaml = File.ReadAllText(RepoPaths.Combine("deploy", "examples", "passphrase-door.yaml"))
            .Replace("supersecretpassword1", "caf\u00e9-\u043a\u043b\u044e\u0447", StringComparison.Ordinal);
        ProfileResult result = ProfileReader.Read(yaml, "p.yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));

        const string Key = "\u043a\u043b\u044e\u0447"; // typed as UTF-8 in the trace, escaped as bytes before it
        var run = Run.Trace(result.Config, $"""
            0   203.0.113.7  udp 1234 payload="CAF\xc3\xa9-{Key}"
            1   203.0.113.7  udp 4321 payload="supersecretpassword2"
            2   203.0.113.7  udp 51820
            3   198.51.100.1 udp 1234 payload="caf\xe9-{Key}"
            4   198.51.100.1 udp 4321 payload="supersecretpassword2"
            5   198.51.100.1 udp 51820
            """);

        Assert.Equal(Verdict.Accept, run.Packets[2].Result.Verdict);
        Assert.Equal(Verdict.Drop, run.Packets[5].Result.Verdict);
    }
}
