using System.Diagnostics;

namespace Sesame.Tests.Kernel;

/// <summary>
/// <c>sesame serve</c> with standard output on a file and <c>JOURNAL_STREAM</c> naming that file, as systemd sets it when
/// the journal is the output: each line starts with its syslog priority (<c>&lt;6&gt;</c> information, <c>&lt;4&gt;</c>
/// warning), which journald takes off. With the variable naming another file (a child whose output was redirected), or
/// without it, the lines are bare.
/// </summary>
public sealed class ServeJournalTests
{
    private const int Sigterm = 15;

    [RootFact]
    public void Serve_StdoutIsTheJournalStream_EachLineStartsWithItsPriority()
    {
        string[] lines = ServeOnce(journalStream: "$(stat -L -c %d:%i /proc/$$/fd/1)");

        Assert.Contains(lines, l => l.StartsWith("<6>sesame event=start group=5741 ", StringComparison.Ordinal));
        // The seed filters IPv4 only: SES0540 is a warning line.
        Assert.Contains(lines, l => l.StartsWith("<4>sesame event=warning code=SES0540 ", StringComparison.Ordinal));
        Assert.Contains("<6>sesame event=stop table=kept", lines);
        Assert.All(lines, l => Assert.Matches("^<[2-7]>sesame event=", l));
    }

    [RootFact]
    public void Serve_JournalStreamNamesAnotherFile_LinesAreBare()
    {
        string[] lines = ServeOnce(journalStream: "$(stat -L -c %d:%i /proc/$$/fd/2)");

        Assert.Contains(lines, l => l.StartsWith("sesame event=start group=5741 ", StringComparison.Ordinal));
        Assert.Contains("sesame event=stop table=kept", lines);
        Assert.All(lines, l => Assert.StartsWith("sesame event=", l, StringComparison.Ordinal));
    }

    /// <summary>Runs serve with its output on a file of its own (standard error on another) until its start line, then stops it.</summary>
    private static string[] ServeOnce(string journalStream)
    {
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed("000-manual-old-en.rsc");
        string directory = Path.Combine(Path.GetTempPath(), $"sesame-journal-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        string output = Path.Combine(directory, "out");
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string arg in (string[])["netns", "exec", ns.Server, "sh", "-c",
            $"exec >\"$0\" 2>\"$0.err\"; export JOURNAL_STREAM={journalStream}; exec \"$1\" serve \"$2\" --control \"$3\"",
            output, SesameProcess.Executable, config.Path, Path.Combine(directory, "control.sock")])
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        try
        {
            Assert.True(Kernel.WaitFor(() => File.Exists(output) && File.ReadAllText(output).Contains("event=start", StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
                File.Exists(output + ".err") ? File.ReadAllText(output + ".err") : "no output");
            Libc.Kill(process.Id, Sigterm);
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "serve did not stop on SIGTERM");
            return File.ReadAllLines(output);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
