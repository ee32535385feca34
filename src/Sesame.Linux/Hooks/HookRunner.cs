using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Text;
using Sesame.Text;

namespace Sesame.Linux.Hooks;

/// <summary>
/// Runs a door's hook (knockd's start_command/stop_command) for one source address. Without a shell, the command is
/// split into words as a shell would split them and <c>%IP%</c> is replaced inside the words, so nothing in the address
/// or the command is ever interpreted; with <c>shell</c>, the command goes to <c>/bin/sh -c</c> as knockd does. The
/// address comes from a parsed <see cref="IPAddress"/>, so it is only digits, dots, colons and hex. A hook that outlives
/// its time limit is killed with its children.
/// </summary>
public static class HookRunner
{
    private const string Placeholder = "%IP%";
    private const int MaxOutput = 4096;

    public static bool TryPrepare(string command, bool shell, IPAddress source, out ProcessStartInfo start, out string error)
    {
        string address = source.ToString();
        start = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        error = "";
        if (shell)
        {
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command.Replace(Placeholder, address, StringComparison.Ordinal));
            return true;
        }

        if (!CommandLineSplitter.TrySplit(command, out string[] argv, out error) || argv.Length == 0)
        {
            error = argv.Length == 0 && error.Length == 0 ? "the command is empty" : error;
            return false;
        }

        start.FileName = argv[0].Replace(Placeholder, address, StringComparison.Ordinal);
        foreach (string word in argv.Skip(1))
        {
            start.ArgumentList.Add(word.Replace(Placeholder, address, StringComparison.Ordinal));
        }

        return true;
    }

    public static async Task<HookResult> RunAsync(string command, bool shell, IPAddress source, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (!TryPrepare(command, shell, source, out ProcessStartInfo start, out string error))
        {
            return new HookResult(null, false, "", error);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("the process did not start");
        }
        catch (Win32Exception ex)
        {
            return new HookResult(null, false, "", $"cannot run '{start.FileName}': {ex.Message}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = new StringBuilder();
            Task readOut = Collect(process.StandardOutput, output);
            Task readErr = Collect(process.StandardError, output);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                await Task.WhenAll(readOut, readErr).ConfigureAwait(false);
                return new HookResult(null, true, Text(output), null);
            }

            await Task.WhenAll(readOut, readErr).ConfigureAwait(false);
            return new HookResult(process.ExitCode, false, Text(output), null);
        }
    }

    private static async Task Collect(StreamReader reader, StringBuilder into)
    {
        char[] buffer = new char[1024];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (into)
            {
                if (into.Length < MaxOutput)
                {
                    into.Append(buffer, 0, Math.Min(n, MaxOutput - into.Length));
                }
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString().TrimEnd();
        }
    }
}
