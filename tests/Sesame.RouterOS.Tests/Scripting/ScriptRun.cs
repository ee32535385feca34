using Sesame.Model;
using Sesame.RouterOS;
using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

/// <summary>Runs code or named scripts of a small configuration against a <see cref="FakeScriptHost"/>.</summary>
internal sealed class ScriptRun
{
    public ScriptRun(params (string Name, string Source)[] scripts)
    {
        Config = FirewallConfig.Empty with
        {
            Scripts = [.. scripts.Select(s => new SystemScript(s.Name, s.Source, EquatableArray<RawProperty>.Empty))],
        };
        Runner = RouterOsScripts.CreateRunner(Config);
    }

    public FirewallConfig Config { get; }

    public IScriptRunner Runner { get; }

    public FakeScriptHost Host { get; } = new();

    public ListScriptLog Log { get; } = new();

    public ScriptRunResult Code(string code) => Runner.Run(new ScriptInvocation(null, code, "test"), Host, Log);

    public ScriptRunResult Script(string name) => Runner.Run(ScriptInvocation.Named(name), Host, Log);

    /// <summary>Runs <paramref name="code"/> and returns its :put lines, failing the test on a runtime error.</summary>
    public static string Put(string code)
    {
        var run = new ScriptRun();
        ScriptRunResult result = run.Code(code);
        Assert.True(result.Succeeded, result.Error);
        return string.Join("\n", run.Log.Puts);
    }
}
