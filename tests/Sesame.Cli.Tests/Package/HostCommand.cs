using System.Diagnostics;

namespace Sesame.Tests.Package;

/// <summary>
/// Runs a program of the host to its end, with the test host's MSBuild variables taken out of its environment (the build
/// script's <c>dotnet publish</c> must not inherit them). One that overruns its time is killed with its children.
/// </summary>
internal static class HostCommand
{
    /// <summary>A program on PATH or in the sbin folders root's PATH usually has.</summary>
    public static string? Find(string name)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (string dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"]))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static string Require(string name) => Find(name) ?? throw new InvalidOperationException($"{name} is not installed");

    public static CommandResult Run(string fileName, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, args)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // The lock-out check reads the SSH session the command runs in; the package test has none to protect.
        start.Environment.Remove("SSH_CONNECTION");
        start.Environment.Remove("SSH_CLIENT");
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : Require("dotnet");
        start.Environment["PATH"] = Path.GetDirectoryName(dotnet) + ":" + (start.Environment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin");
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} ran longer than {timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        return new CommandResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>dpkg, retried a few times while another dpkg or apt on the machine holds its lock.</summary>
    public static CommandResult Dpkg(params string[] args)
    {
        for (int attempt = 1; ; attempt++)
        {
            CommandResult result = Run(Require("dpkg"), args, TimeSpan.FromMinutes(3));
            bool locked = result.Exit != 0 && result.Err.Contains("lock", StringComparison.OrdinalIgnoreCase);
            if (!locked || attempt == 5)
            {
                return result;
            }

            Thread.Sleep(TimeSpan.FromSeconds(3));
        }
    }
}
