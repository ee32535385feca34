namespace Sesame.Scripting;

/// <summary>
/// Runs RouterOS scripts of one configuration (implemented by the RouterOS front end). One runner is one engine:
/// <c>:global</c> variables persist between its runs. Never throws for what a script does: a runtime error, a runaway
/// loop or a refused command ends that run, is written to the log, and is in the result.
/// </summary>
public interface IScriptRunner
{
    /// <summary>The names of the configuration's scripts, in config order.</summary>
    IReadOnlyList<string> ScriptNames { get; }

    /// <summary>Runs <paramref name="invocation"/> against <paramref name="host"/>, writing its <c>:log</c>/<c>:put</c> lines to <paramref name="log"/>.</summary>
    ScriptRunResult Run(ScriptInvocation invocation, IScriptHost host, IScriptLog log, CancellationToken cancellation = default);
}

/// <summary>What to run: a script by name (<c>/system script run</c>, a trace's <c>run</c> line, <c>sesame run</c>) or a scheduler's on-event.</summary>
/// <param name="Script">The script's name, or null when <paramref name="Code"/> is given.</param>
/// <param name="Code">Code to run (an on-event that names no script), or null.</param>
/// <param name="Scheduler">The scheduler that started the run, or null.</param>
public sealed record ScriptInvocation(string? Script, string? Code = null, string? Scheduler = null)
{
    /// <summary>A run of the named script.</summary>
    public static ScriptInvocation Named(string script) => new(script);

    /// <summary>The name logs use for the run: the script, else the scheduler.</summary>
    public string DisplayName => Script ?? Scheduler ?? "(code)";
}

/// <summary>How a run ended.</summary>
/// <param name="Error">Null when it finished; else the message as logged (script, line, message).</param>
/// <param name="Statements">Statements executed (bounded by the runner).</param>
public sealed record ScriptRunResult(bool Succeeded, string? Error, long Statements);

/// <summary>Where a run's <c>:log</c> and <c>:put</c> lines, and its errors, go.</summary>
public interface IScriptLog
{
    void Write(ScriptLogEntry entry);
}

/// <summary>One line a script logged.</summary>
/// <param name="Topic"><c>info</c>, <c>warning</c>, <c>error</c>, <c>debug</c> for <c>:log</c>; <c>put</c> for <c>:put</c>; <c>script,error</c> for a run that failed.</param>
/// <param name="Script">The script (or scheduler) whose run wrote it.</param>
public sealed record ScriptLogEntry(DateTimeOffset Time, string Topic, string Script, string Message);
