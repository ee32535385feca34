using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

/// <summary>A runner whose scripts are C# delegates: what the worker and the daemon do around a run, without the interpreter.</summary>
internal sealed class FakeRunner(Dictionary<string, Func<IScriptHost, IScriptLog, CancellationToken, ScriptRunResult>> scripts) : IScriptRunner
{
    public IReadOnlyList<string> ScriptNames => [.. scripts.Keys];

    public ScriptRunResult Run(ScriptInvocation invocation, IScriptHost host, IScriptLog log, CancellationToken cancellation = default) =>
        scripts[invocation.Script ?? ""](host, log, cancellation);

    public static ScriptRunResult Ok => new(true, null, 1);
}
