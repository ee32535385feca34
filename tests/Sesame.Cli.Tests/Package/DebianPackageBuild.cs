using System.Xml.Linq;

namespace Sesame.Tests.Package;

/// <summary>
/// The package, built once per test run by deploy/build-deb.sh (the native publish takes minutes) into a temporary
/// folder deleted afterwards. Built on first use, so a run where every package test is skipped builds nothing.
/// </summary>
public sealed class DebianPackageBuild : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "sesame-deb-test-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<string> _deb;

    public DebianPackageBuild() => _deb = new Lazy<string>(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The version the tree sets (Directory.Build.props), which the program prints.</summary>
    public static string Version { get; } =
        XDocument.Load(RepoPaths.Combine("Directory.Build.props")).Descendants("Version").Single().Value;

    /// <summary>The package's version: the program's, with the Debian revision.</summary>
    public static string DebianVersion => Version + "-1";

    public string DebPath => _deb.Value;

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private string Build()
    {
        Directory.CreateDirectory(_out);
        CommandResult build = HostCommand.Run(
            HostCommand.Require("bash"), [RepoPaths.Combine("deploy", "build-deb.sh"), "--out", _out], TimeSpan.FromMinutes(15));
        string[] lines = build.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (build.Exit != 0 || lines.Length == 0 || !File.Exists(lines[^1]))
        {
            throw new InvalidOperationException($"deploy/build-deb.sh failed: {build}");
        }

        return lines[^1];
    }
}
