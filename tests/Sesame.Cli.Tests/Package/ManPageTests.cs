using System.Text.RegularExpressions;
using Sesame.Tests.Commands;

namespace Sesame.Tests.Package;

/// <summary>deploy/man/sesame.1 against the program's command tree: every command has its section, every option its mention.</summary>
public sealed class ManPageTests
{
    private static readonly string Page = File.ReadAllText(RepoPaths.Combine("deploy", "man", "sesame.1"));

    [Fact]
    public void ManPage_EveryCommand_HasItsSectionWithEveryOption()
    {
        var missing = new List<string>();
        foreach (string command in CompletionCommandTests.HelpEntries(CliRun.Of("--help").Out, "Commands:"))
        {
            string help = CliRun.Of(command, "--help").Out;
            string[] paths = [command, .. CompletionCommandTests.HelpEntries(help, "Commands:").Select(sub => $"{command} {sub}")];
            foreach (string path in paths)
            {
                string? section = Section(path);
                if (section is null)
                {
                    missing.Add($".SS sesame {path}");
                    continue;
                }

                foreach (string option in CompletionCommandTests.HelpOptions(CliRun.Of([.. path.Split(' '), "--help"]).Out))
                {
                    // As written in the page: bold, with roff's minus signs, followed by the end of bold, a blank or a comma.
                    string roff = option.Replace("-", "\\-", StringComparison.Ordinal);
                    if (!Regex.IsMatch(section, Regex.Escape("\\fB" + roff) + @"(\\fR| |,)"))
                    {
                        missing.Add($"sesame {path} {option}");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, "deploy/man/sesame.1 does not describe:\n" + string.Join('\n', missing));
    }

    [Theory]
    [InlineData("EXIT STATUS")]
    [InlineData("SIGNALS")]
    [InlineData("FILES")]
    [InlineData("EXAMPLES")]
    [InlineData("REMOVING THE FIREWALL")]
    [InlineData("INSTALLATION")]
    public void ManPage_Sections_ArePresent(string heading) =>
        Assert.Contains($"\n.SH {heading}\n", Page, StringComparison.Ordinal);

    [Fact]
    public void ManPage_ExitStatuses_AreTheProgramsOwn()
    {
        string section = Page[Page.IndexOf("\n.SH EXIT STATUS\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n.SH ", 1, StringComparison.Ordinal)];
        int[] documented = [.. Regex.Matches(section, @"\n\.B (\d+)\n").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

        Assert.Equal(
            new[] { Sesame.Cli.ExitCodes.Ok, Sesame.Cli.ExitCodes.InputError, Sesame.Cli.ExitCodes.Usage, Sesame.Cli.ExitCodes.WaitClosed, Sesame.Cli.ExitCodes.RolledBack, Sesame.Cli.ExitCodes.Internal }.Distinct(),
            documented);
    }

    [Fact]
    public void ManPage_Roff_HasNoWarnings()
    {
        // groff comes with man-db (a dependency of lintian, which CI installs).
        CommandResult run = HostCommand.Run(HostCommand.Require("groff"), ["-man", "-Tutf8", "-ww", "-z", RepoPaths.Combine("deploy", "man", "sesame.1")], TimeSpan.FromSeconds(30));

        Assert.True(run.Exit == 0 && run.Err.Length == 0, run.ToString());
    }

    /// <summary>The text of <c>.SS sesame PATH</c> up to the next heading, or null.</summary>
    private static string? Section(string path)
    {
        string heading = $"\n.SS sesame {path}\n";
        int start = Page.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        string rest = Page[(start + heading.Length)..];
        Match next = Regex.Match(rest, @"\n\.S[SH] ");
        return next.Success ? rest[..next.Index] : rest;
    }
}
