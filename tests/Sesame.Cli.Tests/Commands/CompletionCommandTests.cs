using Sesame.Tests.Package;

namespace Sesame.Tests.Commands;

/// <summary><c>sesame completion bash</c>: the script is sourced into a real bash and asked what it completes.</summary>
public sealed class CompletionCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-completion-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Completion_Bash_CompletesEveryVisibleCommandAndNotItself()
    {
        string[] commands = HelpEntries(CliRun.Of("--help").Out, "Commands:");

        string[] offered = Complete("sesame", "");

        Assert.NotEmpty(commands);
        Assert.Equal(commands.Order(StringComparer.Ordinal), offered.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("completion", offered);
    }

    [Theory]
    [InlineData("sesame pr", "print")]
    [InlineData("sesame print ", "lists rules")]
    [InlineData("sesame lists ", "add flush remove")]
    [InlineData("sesame lists add --t", "--timeout")]
    [InlineData("sesame export door.rsc --to ", "nft routeros")]
    [InlineData("sesame check --ipv6 m", "mirror")]
    [InlineData("sesame check --ipv6 = ", "as-configured mirror")]
    [InlineData("sesame serve --nflog-group ", "")]
    [InlineData("sesame serve --remove", "--remove-on-exit")]
    [InlineData("sesame run -c door.rsc --con", "--config --control")]
    [InlineData("sesame serve --state-dir lists --re", "--remove-on-exit --report-rate")]
    [InlineData("sesame fleet ", "init status")]
    [InlineData("sesame fleet init db --node", "--node-password-file --node-user")]
    [InlineData("sesame serve door.rsc --fleet-", "--fleet-local --fleet-node --fleet-password-file --fleet-share")]
    public void Completion_Bash_CompletesTheWordAtTheCursor(string line, string expected)
    {
        string[] words = line.Split(' ');

        string[] offered = Complete(words);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), offered.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Completion_Bash_CompletesFileNamesForAConfig()
    {
        File.WriteAllText(Path.Combine(_dir, "door.rsc"), "");
        File.WriteAllText(Path.Combine(_dir, "other.yaml"), "");

        Assert.Equal(["door.rsc"], Complete("sesame", "check", "d"));
        Assert.Equal(["door.rsc"], Complete("sesame", "print", "rules", "--config", "d"));
    }

    [Fact]
    public void Completion_Bash_EveryCommandsOptionsAreOffered()
    {
        foreach (string command in HelpEntries(CliRun.Of("--help").Out, "Commands:").Where(c => c != "lists"))
        {
            string[] options = [.. HelpOptions(CliRun.Of(command, "--help").Out)];

            string[] offered = Complete("sesame", command, "-");

            Assert.All(options, o => Assert.Contains(o, offered));
        }
    }

    [Fact]
    public void Completion_UnknownShell_IsAUsageError()
    {
        CliRun run = CliRun.Of("completion", "fish");

        Assert.Equal(2, run.Exit);
        Assert.True(run.HasNoStackTrace);
    }

    /// <summary>The first words of the entries of a help section ("Commands:", "Options:").</summary>
    internal static string[] HelpEntries(string help, string section) =>
        [.. help.Split('\n').SkipWhile(l => l.Trim() != section).Skip(1).TakeWhile(l => l.Length > 0)
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')[0])];

    /// <summary>Every option name of a command's help, its help option left out (-?, -h, --help).</summary>
    internal static IEnumerable<string> HelpOptions(string help) =>
        help.Split('\n').SkipWhile(l => l.Trim() != "Options:").Skip(1).TakeWhile(l => l.Length > 0)
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && !l.StartsWith("   ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split("  ")[0])
            .SelectMany(names => names.Split(", ").Select(n => n.Split(' ')[0]))
            .Where(n => n is not ("-?" or "-h" or "--help"));

    private string[] Complete(params string[] words)
    {
        string script = Path.Combine(_dir, "sesame.bash");
        CliRun completion = CliRun.Of("completion", "bash");
        Assert.Equal(0, completion.Exit);
        File.WriteAllText(script, completion.Out);

        string quoted = string.Join(' ', words.Select(w => "'" + w + "'"));
        string bash = $"cd '{_dir}' && source '{script}' && COMP_WORDS=({quoted}) && COMP_CWORD={words.Length - 1} && _sesame && printf '%s\\n' \"${{COMPREPLY[@]}}\"";
        CommandResult run = HostCommand.Run(HostCommand.Require("bash"), ["--norc", "--noprofile", "-c", bash], TimeSpan.FromSeconds(30));
        Assert.True(run.Exit == 0 && run.Err.Length == 0, run.ToString());
        return run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
