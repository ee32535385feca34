namespace Sesame.Tests.Commands;

/// <summary>
/// <c>serve --fleet …</c> and a profile's <c>fleet:</c> section: every refusal here comes before the connection text is
/// parsed and before the kernel is touched (nothing in this class reaches either).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FleetServeOptionsTests : IDisposable
{
    /// <summary>Lists 555, 888, blacklist and secured.</summary>
    private static readonly string Config = RepoPaths.Combine("deploy", "examples", "three-knock.rsc");

    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-fleet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CliRun Serve(params string[] args) => CliRun.Of(["serve", Config, .. args]);

    private string Write(string name, string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    /// <summary>A profile whose lists are ssh-knock1, ssh-secured and blacklist, with <paramref name="fleet"/> from line 9.</summary>
    private string Profile(string fleet) => Write("door.yaml", $"""
        interfaces:
          outside: [ether1]
        doors:
          - name: ssh
            knocks: [7000, 8000]
            open: [22]
        blacklist:
          scan: {"{"}ports: [23]{"}"}
        {fleet}
        """);

    private static void AssertOneCleanLine(CliRun run)
    {
        Assert.True(run.HasNoStackTrace, run.Err);
        Assert.DoesNotContain('\u001b', run.Err);
        Assert.DoesNotContain('\0', run.Err);
        Assert.True(run.Err.Length < 800, $"{run.Err.Length} characters on standard error");
    }

    [Theory]
    [InlineData("Host=db;Username=node;Password=hunter2")]
    [InlineData("Host=db; pwd = hunter2")]
    [InlineData("postgres://node:hunter2@db/sesame")]
    [InlineData("postgresql://node@db/sesame?sslmode=require&password=hunter2")]
    public void Serve_PasswordInFleet_IsAUsageErrorThatDoesNotRepeatIt(string connection)
    {
        CliRun run = Serve("--fleet", connection);

        Assert.Equal(2, run.Exit);
        Assert.Contains("use --fleet-password-file or PGPASSWORD", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Err, StringComparison.Ordinal);
        AssertOneCleanLine(run);
    }

    [Theory]
    [InlineData("--fleet-node", "web-1")]
    [InlineData("--fleet-share", "555")]
    [InlineData("--fleet-local", "blacklist")]
    public void Serve_FleetOptionWithoutFleet_IsAUsageError(string option, string value)
    {
        CliRun run = Serve(option, value);

        Assert.Equal(2, run.Exit);
        Assert.Contains($"sesame: {option} needs --fleet CONNSTRING", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_FleetPasswordFileWithoutFleet_IsAUsageError()
    {
        CliRun run = Serve("--fleet-password-file", Write("fleet.pass", "secret\n"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("sesame: --fleet-password-file needs --fleet CONNSTRING", run.Err, StringComparison.Ordinal);
    }

    public static TheoryData<string> HostileNodeNames => new()
    {
        "web\n1", "web;reboot", "web'1", "web\"1", "web\01", "\u001b[2Jweb", "web}#", "web 1", "", new string('a', 64), new string('a', 1 << 20),
    };

    [Theory]
    [MemberData(nameof(HostileNodeNames))]
    public void Serve_HostileFleetNode_IsAUsageErrorEscaped(string name)
    {
        CliRun run = Serve("--fleet", "Host=db", "--fleet-node", name);

        Assert.Equal(2, run.Exit);
        Assert.Contains("is not a node name: 1 to 63 characters of A-Z a-z 0-9 . _ -", run.Err, StringComparison.Ordinal);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
        AssertOneCleanLine(run);
    }

    public static TheoryData<string, string> HostileListNames => new()
    {
        { "--fleet-share", "secured\nfake line" },
        { "--fleet-share", "\u001b]0;owned\u0007" },
        { "--fleet-local", "black\0list" },
        { "--fleet-local", "\u202Edeliberc" },
        { "--fleet-share", "" },
        { "--fleet-share", new string('x', 1 << 20) },
    };

    [Theory]
    [MemberData(nameof(HostileListNames))]
    public void Serve_HostileListName_IsAUsageErrorEscaped(string option, string name)
    {
        CliRun run = Serve("--fleet", "Host=db", option, name);

        Assert.Equal(2, run.Exit);
        Assert.Contains($"sesame: {option} '", run.Err, StringComparison.Ordinal);
        Assert.Contains("is not a list name", run.Err, StringComparison.Ordinal);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
        AssertOneCleanLine(run);
    }

    [Theory]
    [InlineData("--fleet-share", "secured;drop")]
    [InlineData("--fleet-local", "'blacklist'")]
    [InlineData("--fleet-local", "blacklist}#")]
    [InlineData("--fleet-share", "secure")]
    public void Serve_ListTheConfigDoesNotUse_IsAConfigErrorNamingItsLists(string option, string name)
    {
        CliRun run = Serve("--fleet", "Host=db", option, name);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"sesame: {option}: the configuration has no address list '{name}'", run.Err, StringComparison.Ordinal);
        Assert.Contains("its lists: 555, 888, blacklist, secured", run.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", run.Err, StringComparison.Ordinal);
        AssertOneCleanLine(run);
    }

    [Fact]
    public void Serve_MisspeltList_SuggestsTheConfigsOwn()
    {
        CliRun run = Serve("--fleet", "Host=db", "--fleet-share", "secure");

        Assert.Contains("(did you mean 'secured'?)", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_ListBothSharedAndLocal_IsAUsageError()
    {
        CliRun run = Serve("--fleet", "Host=db", "--fleet-share", "555", "--fleet-local", "blacklist", "--fleet-local", "555");

        Assert.Equal(2, run.Exit);
        Assert.Contains("list '555' is given to both --fleet-share and --fleet-local", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db\nUsername=x")]
    [InlineData("\u001b[2J")]
    [InlineData(" ")]
    public void Serve_UnusableFleetText_IsAUsageErrorThatDoesNotRepeatIt(string connection)
    {
        CliRun run = Serve("--fleet", connection);

        Assert.Equal(2, run.Exit);
        Assert.Contains("sesame: --fleet is not a usable connection string", run.Err, StringComparison.Ordinal);
        AssertOneCleanLine(run);
    }

    [Fact]
    public void Serve_FleetOfAMegabyte_IsAUsageError()
    {
        CliRun run = Serve("--fleet", "Host=" + new string('d', 1 << 20));

        Assert.Equal(2, run.Exit);
        AssertOneCleanLine(run);
    }

    [Fact]
    public void Serve_FleetPasswordFileReadableByOthers_IsAUsageError()
    {
        string file = Write("fleet.pass", "secret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        CliRun run = Serve("--fleet", "Host=db", "--fleet-password-file", file);

        Assert.Equal(2, run.Exit);
        Assert.Contains("gives its group or others access (mode 0604)", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_FleetPasswordFileMissing_IsAUsageError()
    {
        CliRun run = Serve("--fleet", "Host=db", "--fleet-password-file", Path.Combine(_dir, "missing"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("the file does not exist", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_ProfileFleetListItDoesNotHave_IsAConfigErrorAtItsPlace()
    {
        string profile = Profile("fleet:\n  connection: Host=db\n  share: [ssh-knock2]\n");

        CliRun run = CliRun.Of("serve", profile);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{profile}:11:11: error SES0618: fleet.share: the profile has no address list 'ssh-knock2'", run.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_ProfileFleetPassword_IsAConfigErrorThatDoesNotRepeatIt()
    {
        string profile = Profile("fleet:\n  connection: postgres://node:hunter2@db/sesame\n");

        CliRun run = CliRun.Of("serve", profile);

        Assert.Equal(1, run.Exit);
        Assert.Contains("error SES0617", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_FleetNodeWithAProfileWithoutConnection_IsAUsageError()
    {
        string profile = Profile("fleet:\n  share: [ssh-knock1]\n");

        CliRun run = CliRun.Of("serve", profile, "--fleet-node", "web-1");

        Assert.Equal(2, run.Exit);
        Assert.Contains("--fleet-node needs --fleet CONNSTRING (or a profile's fleet: connection:)", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_LocalOptionAgainstTheProfilesShare_IsAConfigError()
    {
        // --fleet-local replaces the profile's local: list; the profile's share: still holds ssh-knock1.
        string profile = Profile("fleet:\n  connection: Host=db\n  share: [ssh-knock1]\n");

        CliRun run = CliRun.Of("serve", profile, "--fleet-local", "ssh-knock1");

        Assert.Equal(1, run.Exit);
        Assert.Contains("list 'ssh-knock1' is both shared and kept local", run.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Serve_ShareOptionAgainstAProfileList_IsCheckedAgainstTheProfilesLists()
    {
        string profile = Profile("fleet:\n  connection: Host=db\n");

        CliRun run = CliRun.Of("serve", profile, "--fleet-share", "secured");

        Assert.Equal(1, run.Exit);
        Assert.Contains("the configuration has no address list 'secured'", run.Err, StringComparison.Ordinal);
        Assert.Contains("its lists: blacklist, ssh-knock1, ssh-secured", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProfileWithFleetSection_ValidatesIt()
    {
        string profile = Profile("fleet:\n  connection: Host=db\n  node: \"web\\e[2J\"\n  local: [blacklst]\n");

        CliRun run = CliRun.Of("check", profile);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{profile}:11:9: error SES0610: fleet.node 'web\\x1B[2J' is not a node name", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Out);
    }

    [Fact]
    public void Check_ProfileWithAGoodFleetSection_IsUsable()
    {
        Write("fleet.pass", "secret\n");
        string profile = Profile("fleet:\n  connection: Host=db;Username=sesame_node\n  password-file: fleet.pass\n  node: web-1\n  share: [ssh-knock1]\n  local: [blacklist]\n");

        CliRun run = CliRun.Of("check", profile);

        Assert.Equal(0, run.Exit);
        Assert.Contains("0 errors", run.Out, StringComparison.Ordinal);
    }
}
