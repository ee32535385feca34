using System.Diagnostics;

namespace Sesame.Tests.Kernel;

/// <summary>
/// Debian's real <c>fail2ban-regex</c>, without installing fail2ban (its package starts a server with an sshd jail that
/// changes the host's firewall): <c>apt-get download fail2ban</c> and <c>dpkg-deb -x</c> into a cache directory once, then
/// its script run by <c>/usr/bin/python3</c> with the package's modules on <c>PYTHONPATH</c>. The filter is the repository's
/// <c>deploy/fail2ban/filter.d/sesame.conf</c>, beside the package's <c>common.conf</c>, as on an installed system.
/// </summary>
internal static class Fail2BanRegex
{
    private const string Python = "/usr/bin/python3";

    private static readonly string Cache = Path.Combine("/var/cache/sesame-tests", "fail2ban");

    private static readonly Lazy<string?> Missing = new(Obtain);

    /// <summary>Why the tool cannot be had here (then the tests are skipped with it), or null once it is ready.</summary>
    public static string? MissingReason => Missing.Value;

    private static string Root => Path.Combine(Cache, "root");

    /// <summary>
    /// Runs <c>fail2ban-regex --out OUT LOG sesame[logtype=TYPE]</c> over <paramref name="lines"/>: the matched lines
    /// (<c>msg</c>) or the addresses found in them (<c>ip</c>), one a line.
    /// </summary>
    public static IReadOnlyList<string> Run(IEnumerable<string> lines, string output, string logType = "file")
    {
        string directory = Path.Combine(Path.GetTempPath(), $"sesame-f2b-{Guid.NewGuid():N}");
        string filters = Path.Combine(directory, "filter.d");
        Directory.CreateDirectory(filters);
        try
        {
            File.Copy(Path.Combine(Root, "etc", "fail2ban", "filter.d", "common.conf"), Path.Combine(filters, "common.conf"));
            File.Copy(RepoPaths.Combine("deploy", "fail2ban", "filter.d", "sesame.conf"), Path.Combine(filters, "sesame.conf"));
            string log = Path.Combine(directory, "sesame.log");
            File.WriteAllLines(log, lines);
            (int exit, string stdout, string stderr) = Exec(Python,
                [Path.Combine(Root, "usr", "bin", "fail2ban-regex"), "-c", directory, "--out", output, log, $"sesame[logtype={logType}]"],
                TimeSpan.FromSeconds(60), ("PYTHONPATH", Path.Combine(Root, "usr", "lib", "python3", "dist-packages")));
            Assert.True(exit == 0, $"fail2ban-regex exited {exit}: {stdout}\n{stderr}");
            return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string? Obtain()
    {
        if (File.Exists(Path.Combine(Root, "usr", "bin", "fail2ban-regex")))
        {
            return null;
        }

        foreach (string tool in (string[])[Python, "/usr/bin/apt-get", "/usr/bin/dpkg-deb"])
        {
            if (!File.Exists(tool))
            {
                return $"needs {tool} to run fail2ban-regex (apt-get install python3)";
            }
        }

        string work = Cache + $".tmp-{Guid.NewGuid():N}";
        try
        {
            Directory.CreateDirectory(work);
            (int exit, string stdout, string stderr) = Exec("/usr/bin/apt-get", ["download", "-q", "fail2ban"], TimeSpan.FromSeconds(120), workingDirectory: work);
            string? deb = Directory.GetFiles(work, "fail2ban_*.deb").FirstOrDefault();
            if (exit != 0 || deb is null)
            {
                return $"fail2ban-regex could not be obtained: apt-get download fail2ban exited {exit}: {stderr.Trim()} {stdout.Trim()}";
            }

            (exit, _, stderr) = Exec("/usr/bin/dpkg-deb", ["-x", deb, Path.Combine(work, "root")], TimeSpan.FromSeconds(60));
            if (exit != 0)
            {
                return $"fail2ban-regex could not be obtained: dpkg-deb -x {deb} exited {exit}: {stderr.Trim()}";
            }

            File.Delete(deb);
            Directory.CreateDirectory(Path.GetDirectoryName(Cache)!);
            try
            {
                Directory.Move(work, Cache); // another test run may have been first: theirs is as good
            }
            catch (IOException) when (File.Exists(Path.Combine(Root, "usr", "bin", "fail2ban-regex")))
            {
            }

            return File.Exists(Path.Combine(Root, "usr", "bin", "fail2ban-regex")) ? null : "fail2ban-regex could not be obtained: the package holds no usr/bin/fail2ban-regex";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            return $"fail2ban-regex could not be obtained: {e.Message}";
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static (int Exit, string Out, string Err) Exec(string file, string[] args, TimeSpan timeout, (string Name, string Value)? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file, args)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        if (environment is { } variable)
        {
            start.Environment[variable.Name] = variable.Value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill();
            process.WaitForExit(5000);
            throw new TimeoutException($"{file} {string.Join(' ', args)} ran longer than {timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
