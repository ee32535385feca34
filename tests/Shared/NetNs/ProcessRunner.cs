using System.Diagnostics;

namespace Sesame.Tests.Support;

/// <summary>Runs a command to its end, killing it (by its PID) when it overruns its time.</summary>
internal static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IEnumerable<string> args, TimeSpan timeout)
    {
        using Process process = Start(fileName, args);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(5));
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} ran longer than {timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(string fileName, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(fileName, args)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        return Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
    }
}
