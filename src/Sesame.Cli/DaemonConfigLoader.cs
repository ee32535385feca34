using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.Linux.Daemon;
using Sesame.Model;
using Sesame.RouterOS;

namespace Sesame.Cli;

/// <summary>
/// The daemon's <see cref="DaemonOptions.Loader"/>: reads a configuration file as <c>sesame serve</c> does at its start
/// (RouterOS script or door profile, <c>--strict</c>, <c>--ipv6=mirror</c>, what the kernel cannot hold), into a
/// <see cref="DaemonConfig"/> with its hooks and scripts' runner, or the errors, each naming its file:line:column.
/// Writes nothing to the terminal: a reload runs while the daemon serves, and the daemon logs the errors.
/// </summary>
internal static class DaemonConfigLoader
{
    public static Func<string, DaemonConfigLoad> Create(bool strict, bool mirrorIpv6) => path => Load(path, strict, mirrorIpv6);

    public static DaemonConfigLoad Load(string path, bool strict, bool mirrorIpv6)
    {
        var messages = new StringWriter();
        var quiet = new CliContext(TextWriter.Null, messages, TextReader.Null);
        string full = Path.GetFullPath(path);
        if (!InputFile.TryReadAll(full, quiet, out string text))
        {
            return Failed(messages.ToString(), full);
        }

        // Parsed from the text read once: what a safe apply saves for a rollback is exactly what runs.
        ConfigLoader.Loaded loaded = ConfigLoader.Parse(full, text, strict);

        if (mirrorIpv6)
        {
            loaded = ConfigLoader.Mirror(loaded, quiet);
        }

        IReadOnlyList<Diagnostic> limits = ConfigChecker.CheckKernelLimits(loaded.Config);
        List<Diagnostic> all = [.. loaded.Diagnostics, .. limits];
        var bag = new DiagnosticBag();
        bag.AddRange(all);
        IReadOnlyList<Diagnostic> sorted = bag.Sorted();
        if (sorted.Any(d => d.IsError))
        {
            return DaemonConfigLoad.Failed([.. sorted.Where(d => d.IsError).Select(d => d.ToString())]);
        }

        FirewallConfig config = loaded.Config;
        return DaemonConfigLoad.Loaded(new DaemonConfig(config)
        {
            Path = full,
            Text = text,
            Hooks = Commands.ServeCommand.DoorHooks(loaded.Profile),
            Scripts = config.Scripts.Count > 0 || config.Schedulers.Count > 0 ? RouterOsScripts.CreateRunner(config) : null,
            Warnings = [.. sorted, .. ConfigChecker.CheckIpv6Exposure(config), .. ConfigChecker.CheckIpv6NeighbourDiscovery(config)],
        });
    }

    private static DaemonConfigLoad Failed(string messages, string path)
    {
        string[] lines = [.. messages.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.StartsWith("sesame: ", StringComparison.Ordinal) ? l["sesame: ".Length..] : l)];
        return DaemonConfigLoad.Failed(lines.Length > 0 ? lines : [$"{path}: cannot be read"]);
    }
}
