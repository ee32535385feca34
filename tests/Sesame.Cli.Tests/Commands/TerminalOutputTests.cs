using Sesame.Cli.Output;

namespace Sesame.Tests.Commands;

/// <summary>Names holding terminal controls (ESC[2J clears the screen) and newlines are printed escaped.</summary>
public sealed class TerminalOutputTests
{
    private const string Evil = "x\\1B[2J\\nfake";

    private static void AssertTerminalSafe(string text)
    {
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain("\nfake", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NamesWithEscAndNewline_DiagnosticsEscapedOnOneLine()
    {
        using var config = new TempFile("evil.rsc", $"""
            /ip firewall filter
            add chain=input action=jump jump-target="{Evil}"
            add chain=input action=accept src-address-list="{Evil}"
            """);

        CliRun run = CliRun.Of("check", config.Path);

        AssertTerminalSafe(run.Out);
        Assert.Contains(@"jump-target=x\x1B[2J\nfake: no enabled rule", run.Out, StringComparison.Ordinal);
        Assert.Equal(2, run.Out.Split('\n').Count(l => l.Contains(" warning SES050", StringComparison.Ordinal)));
    }

    [Fact]
    public void Simulate_ListNameWithEscAndNewline_PrintedEscaped()
    {
        using var config = new TempFile("evil.rsc", $"""
            /ip firewall filter
            add chain=input protocol=tcp dst-port=888 action=add-src-to-address-list address-list="{Evil}" address-list-timeout=1m comment="{Evil}"
            """);
        using var trace = new TempFile("t.trace", "0 198.51.100.9 tcp 888\n");

        CliRun run = CliRun.Of("simulate", config.Path, trace.Path);

        Assert.Equal(0, run.Exit);
        AssertTerminalSafe(run.Out);
        Assert.Contains(@"+x\x1B[2J\nfake 1m", run.Out, StringComparison.Ordinal);
        Assert.Contains(@"x\x1B[2J\nfake  198.51.100.9", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void TerminalWriter_ControlsEscapedNewlinesKeptPairsWhole()
    {
        var inner = new StringWriter();
        using (var writer = new TerminalWriter(inner))
        {
            writer.Write("a\u001b[2J\tb\n");
            foreach (char c in "\U0001F511\u009b")
            {
                writer.Write(c);
            }

            writer.Write('\ud800');
            writer.WriteLine();
        }

        Assert.Equal("a\\x1B[2J\tb\n\U0001F511\\u009B\\uD800" + Environment.NewLine, inner.ToString());
    }
}
