using System.IO.Compression;
using Xunit.Abstractions;

namespace Sesame.Tests.Package;

/// <summary>
/// The Debian package, built by deploy/build-deb.sh: lintian finds no error in it, and on this machine it installs, runs,
/// removes (keeping only its conffiles) and purges (leaving nothing). The service must never start here — it would put a
/// firewall on the test machine — and the test asserts it did not. It refuses to run over a sesame package or files
/// that are already on the machine, and purges what it installed even when an assertion fails.
/// </summary>
public sealed class DebianPackageTests(DebianPackageBuild package, ITestOutputHelper output) : IClassFixture<DebianPackageBuild>
{
    private const string Binary = "/usr/bin/sesame";
    private const string Unit = "/usr/lib/systemd/system/sesame.service";
    private const string Config = "/etc/sesame/sesame.rsc";
    private const string ConfigDir = "/etc/sesame";
    private const string StateDir = "/var/lib/sesame";

    [LintianFact]
    public void Lintian_Package_ReportsNoError()
    {
        CommandResult lintian = HostCommand.Run(HostCommand.Require("lintian"), ["--tag-display-limit", "0", "--display-info", package.DebPath], TimeSpan.FromMinutes(5));
        output.WriteLine($"lintian {Path.GetFileName(package.DebPath)} ({new FileInfo(package.DebPath).Length} bytes):\n{lintian.Out}{lintian.Err}");

        string[] errors = [.. lintian.Out.Split('\n').Where(l => l.StartsWith("E: ", StringComparison.Ordinal))];
        Assert.True(errors.Length == 0, "lintian errors:\n" + string.Join('\n', errors));
        Assert.DoesNotContain("internal error", lintian.Err, StringComparison.OrdinalIgnoreCase);
    }

    [DebianPackageFact]
    public void Package_BuiltByTheScript_HoldsEveryFileAsRootWithTheTreesVersion()
    {
        CommandResult fields = HostCommand.Run(HostCommand.Require("dpkg-deb"), ["--field", package.DebPath, "Package", "Version", "Architecture"], TimeSpan.FromMinutes(1));
        Assert.Equal(0, fields.Exit);
        Assert.Contains($"Version: {DebianPackageBuild.DebianVersion}\n", fields.Out, StringComparison.Ordinal);
        Assert.EndsWith($"sesame_{DebianPackageBuild.DebianVersion}_{ArchitectureOf(fields.Out)}.deb", package.DebPath, StringComparison.Ordinal);

        CommandResult contents = HostCommand.Run(HostCommand.Require("dpkg-deb"), ["--contents", package.DebPath], TimeSpan.FromMinutes(1));
        Assert.Equal(0, contents.Exit);
        string[] entries = [.. contents.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
        Assert.All(entries, e => Assert.Contains(" root/root ", e, StringComparison.Ordinal));
        foreach (string path in new[]
        {
            "./usr/bin/sesame", "./usr/lib/systemd/system/sesame.service", "./etc/sesame/sesame.rsc",
            "./usr/share/bash-completion/completions/sesame", "./usr/share/man/man1/sesame.1.gz",
            "./usr/share/doc/sesame/copyright", "./usr/share/doc/sesame/changelog.Debian.gz",
            "./etc/fail2ban/filter.d/sesame.conf", "./usr/share/doc/sesame/examples/fail2ban/jail.d/sesame.conf",
        })
        {
            Assert.Contains(entries, e => e.EndsWith(" " + path, StringComparison.Ordinal));
        }

        Assert.Contains(entries, e => e.StartsWith("-rwxr-xr-x", StringComparison.Ordinal) && e.EndsWith(" ./usr/bin/sesame", StringComparison.Ordinal));

        CommandResult conffiles = HostCommand.Run(HostCommand.Require("dpkg-deb"), ["--info", package.DebPath, "conffiles"], TimeSpan.FromMinutes(1));
        Assert.Equal(["/etc/sesame/sesame.rsc", "/etc/fail2ban/filter.d/sesame.conf"], conffiles.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [DebianPackageFact]
    public void Package_InstallRunRemovePurge_LeavesNothingBehindAndNeverStartsTheService()
    {
        string before = HostCommand.Run(HostCommand.Require("dpkg-query"), ["-W", "-f=${Status}", "sesame"], TimeSpan.FromMinutes(1)).Out;
        Assert.True(before.Length == 0 || before.EndsWith("not-installed", StringComparison.Ordinal),
            $"a package named sesame is already on this machine (status '{before}'): this test installs and purges its own and will not touch " +
            "that one. Remove it first (dpkg -P sesame, which deletes /etc/sesame) or run the test on another machine.");
        foreach (string path in new[] { Binary, Unit, ConfigDir, StateDir })
        {
            Assert.False(Path.Exists(path), $"{path} exists but belongs to no sesame package: installing and purging the package would replace or delete it; move it away first");
        }

        Assert.Empty(SesameProcesses());

        bool installed = false;
        try
        {
            installed = true; // from here on a half-done install is purged too
            CommandResult install = HostCommand.Dpkg("-i", package.DebPath);
            output.WriteLine($"dpkg -i: {install}");
            Assert.True(install.Exit == 0, $"dpkg -i failed: {install}");
            Assert.Equal($"install ok installed {DebianPackageBuild.DebianVersion}", Query("${Status} ${Version}"));

            AssertServiceNotRunning();

            CommandResult version = HostCommand.Run(Binary, ["--version"], TimeSpan.FromSeconds(30));
            Assert.Equal(0, version.Exit);
            Assert.Equal(DebianPackageBuild.Version, version.Out.Trim());

            CommandResult check = HostCommand.Run(Binary, ["check", Config], TimeSpan.FromSeconds(30));
            Assert.True(check.Exit == 0, $"sesame check {Config}: {check}");
            Assert.Contains("0 errors", check.Out, StringComparison.Ordinal);

            AssertUnitVerifies();
            AssertCompletionCompletes();
            AssertManPageInstalled();

            CommandResult listed = HostCommand.Run(HostCommand.Require("dpkg-query"), ["-L", "sesame"], TimeSpan.FromMinutes(1));
            string[] files = [.. listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(File.Exists)];
            string[] conffiles = [.. Query("${Conffiles}").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(' ')[0])];
            Assert.Contains(Binary, files);
            Assert.Equal(["/etc/sesame/sesame.rsc", "/etc/fail2ban/filter.d/sesame.conf"], conffiles);

            // What a running door leaves that the package did not install: the SPA journal, a key the admin added.
            Directory.CreateDirectory(StateDir);
            File.WriteAllText(Path.Combine(StateDir, "spa-replay"), "state");
            File.WriteAllText(Path.Combine(ConfigDir, "admin.keys"), "KEY_BASE64: x");

            CommandResult remove = HostCommand.Dpkg("-r", "sesame");
            output.WriteLine($"dpkg -r: {remove}");
            Assert.True(remove.Exit == 0, $"dpkg -r failed: {remove}");
            Assert.Equal("deinstall ok config-files", Query("${Status}"));
            string[] left = [.. files.Where(f => Path.Exists(f) && !conffiles.Contains(f))];
            Assert.True(left.Length == 0, "dpkg -r left: " + string.Join(", ", left));
            Assert.All(conffiles, f => Assert.True(File.Exists(f), $"dpkg -r removed the conffile {f}"));
            Assert.False(Directory.Exists("/usr/share/doc/sesame"));

            CommandResult purge = HostCommand.Dpkg("-P", "sesame");
            output.WriteLine($"dpkg -P: {purge}");
            installed = purge.Exit != 0;
            Assert.True(purge.Exit == 0, $"dpkg -P failed: {purge}");
            string[] purgedLeft = [.. files.Concat(conffiles).Where(Path.Exists)];
            Assert.True(purgedLeft.Length == 0, "dpkg -P left: " + string.Join(", ", purgedLeft));
            Assert.False(Directory.Exists(ConfigDir), $"{ConfigDir} is left after dpkg -P");
            Assert.False(Directory.Exists(StateDir), $"{StateDir} is left after dpkg -P");
            string after = HostCommand.Run(HostCommand.Require("dpkg-query"), ["-W", "-f=${Status}", "sesame"], TimeSpan.FromMinutes(1)).Out;
            Assert.True(after.Length == 0 || after.EndsWith("not-installed", StringComparison.Ordinal), $"dpkg still knows sesame: '{after}'");
        }
        finally
        {
            if (installed)
            {
                output.WriteLine($"cleanup: dpkg -P sesame: {HostCommand.Dpkg("-P", "sesame")}");
            }
        }
    }

    private static string Query(string format) =>
        HostCommand.Run(HostCommand.Require("dpkg-query"), ["-W", "-f=" + format, "sesame"], TimeSpan.FromMinutes(1)).Out.Trim();

    private static string ArchitectureOf(string fields) =>
        fields.Split('\n').Single(l => l.StartsWith("Architecture: ", StringComparison.Ordinal))["Architecture: ".Length..];

    /// <summary>The installed program running as anything: the package must not have started it.</summary>
    private static string[] SesameProcesses()
    {
        var found = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            string pid = Path.GetFileName(dir);
            if (!pid.All(char.IsAsciiDigit))
            {
                continue;
            }

            try
            {
                string? exe = new FileInfo(Path.Combine(dir, "exe")).LinkTarget;
                if (exe is not null && exe.StartsWith(Binary, StringComparison.Ordinal))
                {
                    found.Add($"pid {pid}: {exe}");
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // gone, or a kernel thread
            }
        }

        return [.. found];
    }

    private void AssertServiceNotRunning()
    {
        Assert.Empty(SesameProcesses());
        if (HostCommand.Find("systemctl") is { } systemctl)
        {
            // Offline (no systemd as PID 1) is-enabled still reads the unit's links; is-active needs a running systemd.
            CommandResult enabled = HostCommand.Run(systemctl, ["is-enabled", "sesame.service"], TimeSpan.FromSeconds(30));
            output.WriteLine($"systemctl is-enabled: {enabled}");
            Assert.NotEqual("enabled", enabled.Out.Trim());
            if (Directory.Exists("/run/systemd/system"))
            {
                CommandResult active = HostCommand.Run(systemctl, ["is-active", "sesame.service"], TimeSpan.FromSeconds(30));
                Assert.True(active.Out.Trim() is "inactive" or "unknown", $"the sesame service is {active.Out.Trim()} after install: it must never start by itself");
            }
        }
    }

    private void AssertUnitVerifies()
    {
        if (HostCommand.Find("systemd-analyze") is not { } analyze)
        {
            output.WriteLine("systemd-analyze not installed: the unit was not verified");
            return;
        }

        // The man page check needs man(1); without it the Documentation= line is not checked.
        string[] args = HostCommand.Find("man") is null ? ["verify", "--man=no", Unit] : ["verify", Unit];
        CommandResult verify = HostCommand.Run(analyze, args, TimeSpan.FromMinutes(1));
        output.WriteLine($"systemd-analyze {string.Join(' ', args)}: {verify}");
        Assert.True(verify.Exit == 0, $"systemd-analyze verify: {verify}");
        Assert.DoesNotContain("sesame.service:", verify.Err, StringComparison.Ordinal);
    }

    private static void AssertCompletionCompletes()
    {
        const string script = """
            source /usr/share/bash-completion/completions/sesame
            COMP_WORDS=(sesame li); COMP_CWORD=1; _sesame; echo "${COMPREPLY[*]}"
            COMP_WORDS=(sesame lists add --t); COMP_CWORD=3; _sesame; echo "${COMPREPLY[*]}"
            """;
        CommandResult run = HostCommand.Run(HostCommand.Require("bash"), ["--norc", "-c", script], TimeSpan.FromSeconds(30));
        Assert.True(run.Exit == 0, $"bash completion: {run}");
        Assert.Equal(["lists", "--timeout"], run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static void AssertManPageInstalled()
    {
        using var gzip = new GZipStream(File.OpenRead("/usr/share/man/man1/sesame.1.gz"), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        string page = reader.ReadToEnd();
        Assert.StartsWith(".TH SESAME 1 ", page.Split('\n').First(l => l.StartsWith(".TH", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains($"\"sesame {DebianPackageBuild.Version}\"", page, StringComparison.Ordinal);
    }
}
