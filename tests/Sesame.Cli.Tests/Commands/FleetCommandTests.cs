namespace Sesame.Tests.Commands;

/// <summary><c>sesame fleet init|status</c>: what is refused before the database is asked anything (exit 2, one line).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FleetCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-fleet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, mode);
        return path;
    }

    private static void AssertUsage(CliRun run, string message)
    {
        Assert.Equal(2, run.Exit);
        Assert.Contains(message, run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
        Assert.DoesNotContain('\u001b', run.Err);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("init")]
    [InlineData("status")]
    public void Fleet_PasswordInConnstring_IsRefusedWithoutRepeatingIt(string command)
    {
        CliRun run = CliRun.Of("fleet", command, "postgresql://postgres:hunter2@db/sesame");

        AssertUsage(run, "sesame: CONNSTRING holds a password, which every user can read on a command line; use --password-file or PGPASSWORD");
        Assert.DoesNotContain("hunter2", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Init_NodeUserWithoutPasswordFile_IsAUsageError()
    {
        AssertUsage(CliRun.Of("fleet", "init", "Host=db", "--node-user", "sesame_node"), "sesame: --node-user needs --node-password-file FILE");
    }

    [Fact]
    public void Init_NodePasswordFileWithoutUser_IsAUsageError()
    {
        AssertUsage(CliRun.Of("fleet", "init", "Host=db", "--node-password-file", Write("node.pass", "x\n")), "sesame: --node-password-file needs --node-user NAME");
    }

    public static TheoryData<string> HostileUserNames => new()
    {
        "node\n1", "node;drop role postgres", "node'1", "node\"1", "node\01", "\u001b[2Jnode", "Node", "1node", "node-1", "", new string('a', 64), new string('a', 1 << 20),
    };

    [Theory]
    [MemberData(nameof(HostileUserNames))]
    public void Init_HostileNodeUser_IsAUsageErrorEscaped(string name)
    {
        CliRun run = CliRun.Of("fleet", "init", "Host=db", "--node-user", name, "--node-password-file", Write("node.pass", "x\n"));

        AssertUsage(run, "is not a user name for the nodes: 1 to 63 characters of a-z 0-9 _, starting with a letter or _");
        Assert.True(run.Err.Length < 400, $"{run.Err.Length} characters");
    }

    [Theory]
    [InlineData("", "its first line is empty")]
    [InlineData("\nsecret\n", "its first line is empty")]
    [InlineData("sec\0ret\n", "the password holds a NUL character")]
    public void Init_UnusableNodePassword_IsAUsageError(string content, string message)
    {
        CliRun run = CliRun.Of("fleet", "init", "Host=db", "--node-user", "sesame_node", "--node-password-file", Write("node.pass", content));

        AssertUsage(run, message);
        Assert.DoesNotContain("sec", run.Err.Replace("sesame", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Init_NodePasswordLongerThanAnyPassword_IsAUsageError()
    {
        CliRun run = CliRun.Of("fleet", "init", "Host=db", "--node-user", "sesame_node", "--node-password-file", Write("node.pass", new string('p', 1 << 20)));

        AssertUsage(run, "the password is longer than 1024 characters");
    }

    [Fact]
    public void Init_NodePasswordFileTheGroupMayRead_IsAUsageError()
    {
        string file = Write("node.pass", "secret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        AssertUsage(CliRun.Of("fleet", "init", "Host=db", "--node-user", "sesame_node", "--node-password-file", file), "(mode 0640)");
    }

    [Fact]
    public void Init_NodePasswordFileReadableByOthers_IsAUsageError()
    {
        string file = Write("node.pass", "secret\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        AssertUsage(CliRun.Of("fleet", "init", "Host=db", "--node-user", "sesame_node", "--node-password-file", file), "gives its group or others access (mode 0604)");
    }

    [Theory]
    [InlineData("init")]
    [InlineData("status")]
    public void Fleet_PasswordFileMissing_IsAUsageError(string command)
    {
        AssertUsage(CliRun.Of("fleet", command, "Host=db", "--password-file", Path.Combine(_dir, "missing")), "sesame: --password-file");
    }

    [Theory]
    [InlineData("Host=db\u001b[2J")]
    [InlineData("")]
    public void Status_UnusableConnstring_IsAUsageError(string text)
    {
        AssertUsage(CliRun.Of("fleet", "status", text), "sesame: CONNSTRING is not a usable connection string");
    }

    [Fact]
    public void Status_WithoutConnstring_IsAUsageError()
    {
        CliRun run = CliRun.Of("fleet", "status");

        Assert.Equal(2, run.Exit);
    }
}
