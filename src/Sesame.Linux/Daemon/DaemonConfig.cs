using Sesame.Diagnostics;
using Sesame.Linux.Hooks;
using Sesame.Model;
using Sesame.Scripting;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Everything the daemon serves that comes from its configuration file: the rule model, the door profile's hooks, the
/// scripts' runner. A reload or an apply builds a new one (<see cref="DaemonOptions.Loader"/>) and the daemon swaps it in
/// whole; a safe apply keeps the one it replaced in memory for the rollback.
/// </summary>
/// <param name="Config">The rule model, as the kernel gets it (mirrored for IPv6 when asked).</param>
public sealed record DaemonConfig(FirewallConfig Config)
{
    /// <summary>The file it was read from (absolute), for the log and for <c>sesame apply</c> without a path.</summary>
    public string? Path { get; init; }

    /// <summary>The file's text as it was parsed: what a safe apply saves for a rollback after a crash (<see cref="ApplyJournal"/>).</summary>
    public string? Text { get; init; }

    /// <summary>Commands to run when a source enters or leaves a list (a door profile's hooks).</summary>
    public IReadOnlyList<ListHook> Hooks { get; init; } = [];

    /// <summary>The scripts' runner; null when the configuration has neither scripts nor schedulers.</summary>
    public IScriptRunner? Scripts { get; init; }

    /// <summary>The warnings the file gave (errors never get this far).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];
}
