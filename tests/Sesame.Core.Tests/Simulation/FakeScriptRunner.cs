using Sesame.Scripting;

namespace Sesame.Tests.Simulation;

/// <summary>A runner whose scripts are C# delegates, recording each run's name and time.</summary>
internal sealed class FakeScriptRunner(IReadOnlyDictionary<string, Action<IScriptHost, Action<string>>> scripts) : IScriptRunner
{
    public IReadOnlyList<string> ScriptNames { get; } = [.. scripts.Keys];

    public List<(string Name, DateTimeOffset At)> Runs { get; } = [];

    public ScriptRunResult Run(ScriptInvocation invocation, IScriptHost host, IScriptLog log, CancellationToken cancellation = default)
    {
        string name = invocation.Script ?? invocation.Code ?? "";
        Runs.Add((name, host.Now));
        try
        {
            scripts[name](host, message => log.Write(new ScriptLogEntry(host.Now, "info", invocation.DisplayName, message)));
            return new ScriptRunResult(true, null, 1);
        }
        catch (ScriptHostException ex)
        {
            string error = $"script error in {invocation.DisplayName}: {ex.Message}";
            log.Write(new ScriptLogEntry(host.Now, "script,error", invocation.DisplayName, error));
            return new ScriptRunResult(false, error, 1);
        }
    }
}
