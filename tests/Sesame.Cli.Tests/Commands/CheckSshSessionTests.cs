namespace Sesame.Tests.Commands;

/// <summary>
/// <c>check CONFIG --ssh-session [TEXT]</c> on the seeds' doors. The tests that read or clear $SSH_CONNECTION are all
/// in this class, so xunit runs them one at a time; no other command reads it.
/// </summary>
public sealed class CheckSshSessionTests : IDisposable
{
    private const string Session = "192.0.2.7 51234 192.0.2.1 22";
    private const string Variable = "SSH_CONNECTION";
    private readonly string? _saved = Environment.GetEnvironmentVariable(Variable);

    public void Dispose() => Environment.SetEnvironmentVariable(Variable, _saved);

    /// <summary>A seed's text with the client in 'secured' as a static entry, as the manual's troubleshooting line adds it.</summary>
    private static TempFile SeedWithSecured(string seed, string edit = "") => new(seed, SeedFixtures.Read(seed) + edit
        + "\n/ip firewall address-list add address=192.0.2.7 list=secured\n");

    private static string[] Lines(CliRun run, string code) =>
        [.. run.Out.Split('\n').Where(l => l.Contains(code, StringComparison.Ordinal))];

    [Fact]
    public void Check_ManualSeedSourceInSecured_NoLockoutFinding()
    {
        using TempFile config = SeedWithSecured("004-manual-new.rsc");

        CliRun run = CliRun.Of("check", config.Path, "--ssh-session", Session);

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("SES055", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ManualSeedSourceInNoList_CutsTheSessionAndExitsOne()
    {
        string seed = Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc");

        CliRun run = CliRun.Of("check", seed, "--ssh-session", Session);

        Assert.Equal(1, run.Exit);
        string cut = Assert.Single(Lines(run, "SES0550"));
        // The drop of everything else from WAN, at its line, as print numbers it and the export writes it.
        Assert.StartsWith($"{seed}:16:1: error SES0550: would cut the current SSH session from 192.0.2.7", cut, StringComparison.Ordinal);
        Assert.Contains("/ip firewall filter rule 4 (add action=drop chain=input in-interface-list=WAN)", cut, StringComparison.Ordinal);
        Assert.Contains("if it arrives on ether1", cut, StringComparison.Ordinal);
        string knock = Assert.Single(Lines(run, "SES0552"));
        Assert.Contains("warning SES0552: a new SSH connection from 192.0.2.7", knock, StringComparison.Ordinal);
        Assert.Contains("unless it knocks first", knock, StringComparison.Ordinal);
        Assert.Contains("not usable", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BlogSeedSourceInNoList_WarnsNamingTheDropAndStaysUsable()
    {
        string seed = Path.Combine(SeedFixtures.Directory, "002-blog-three-knock.rsc");

        CliRun run = CliRun.Of("check", seed, "--ssh-session", Session);

        // The defconf rules accept established traffic: only a new connection must knock.
        Assert.Equal(0, run.Exit);
        Assert.Empty(Lines(run, "SES0550"));
        string knock = Assert.Single(Lines(run, "SES0552"));
        Assert.Contains("(add action=drop chain=input comment=\"defconf: drop all not coming from LAN\" in-interface-list=!LAN)", knock, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ManualSeedAcceptRenamed_CutsTheSession()
    {
        using TempFile config = SeedWithSecured("004-manual-new.rsc");
        File.WriteAllText(config.Path, File.ReadAllText(config.Path).Replace(
            "action=accept chain=input in-interface-list=WAN src-address-list=secured",
            "action=accept chain=input in-interface-list=WAN src-address-list=granted",
            StringComparison.Ordinal));

        CliRun run = CliRun.Of("check", config.Path, "--ssh-session", Session);

        Assert.Equal(1, run.Exit);
        Assert.Contains("in list secured", Assert.Single(Lines(run, "SES0550")), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SessionFromLan_NoFindingWithTheInterfaceGiven()
    {
        string seed = Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc");

        CliRun run = CliRun.Of("check", seed, "--ssh-session", Session, "--ssh-interface", "bridge");

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("SES055", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Ipv6SessionOnIpv4OnlyDoor_NoLockoutFinding()
    {
        string seed = Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc");

        CliRun run = CliRun.Of("check", seed, "--ssh-session", "2001:db8::7 51234 2001:db8::1 22");

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("SES055", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoTextReadsSshConnection()
    {
        Environment.SetEnvironmentVariable(Variable, Session);
        string seed = Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc");

        CliRun run = CliRun.Of("check", seed, "--ssh-session");

        Assert.Equal(1, run.Exit);
        Assert.Single(Lines(run, "SES0550"));
    }

    [Fact]
    public void Check_NoTextAndNoSshConnection_UsageError()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        string seed = Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc");

        CliRun run = CliRun.Of("check", seed, "--ssh-session");

        Assert.Equal(2, run.Exit);
        Assert.Contains("$SSH_CONNECTION, which is not set", run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Check_MalformedSshConnection_UsageErrorNamingTheVariable()
    {
        Environment.SetEnvironmentVariable(Variable, "192.0.2.7 0 192.0.2.1 22");

        CliRun run = CliRun.Of("check", Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc"), "--ssh-session");

        Assert.Equal(2, run.Exit);
        Assert.Contains("sesame: $SSH_CONNECTION '192.0.2.7 0 192.0.2.1 22' is not an SSH session", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.7 51234 192.0.2.1 22\n\u001b[2Jrm -rf /")]
    [InlineData("192.0.2.7 51234 192.0.2.1\u0000 22")]
    [InlineData("192.0.2.7 51234 192.0.2.1 70000")]
    [InlineData("192.0.2.7 51234 192.0.2.1 22 5 6")]
    [InlineData("")]
    public void Check_HostileSessionText_UsageErrorOnOneSafeLine(string text)
    {
        CliRun run = CliRun.Of("check", Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc"), "--ssh-session", text);

        Assert.Equal(2, run.Exit);
        Assert.Equal(1, run.Err.Count(c => c == '\n'));
        Assert.DoesNotContain('\u001b', run.Err);
        Assert.DoesNotContain('\0', run.Err);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Check_OneMegabyteSessionText_UsageErrorShortened()
    {
        CliRun run = CliRun.Of("check", Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc"), "--ssh-session", new string('9', 1 << 20));

        Assert.Equal(2, run.Exit);
        Assert.True(run.Err.Length < 400);
        Assert.Contains("(1048576 characters)", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SshInterfaceWithoutSession_UsageError()
    {
        CliRun run = CliRun.Of("check", Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc"), "--ssh-interface", "ether1");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--ssh-interface needs --ssh-session", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithoutSshSession_NoLockoutCheck()
    {
        Environment.SetEnvironmentVariable(Variable, Session);

        CliRun run = CliRun.Of("check", Path.Combine(SeedFixtures.Directory, "004-manual-new.rsc"));

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("SES055", run.Out, StringComparison.Ordinal);
    }
}
