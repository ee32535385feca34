namespace Sesame.Linux.Scripting;

/// <summary>The topics of <see cref="Sesame.Scripting.ScriptLogEntry"/> the daemon tells apart.</summary>
internal static class ScriptLogTopics
{
    /// <summary>The line a runner writes for a run that failed (IScriptLog's contract).</summary>
    public const string Error = "script,error";
}
