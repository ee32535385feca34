using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.RouterOS;

/// <summary>The model a script builds and every diagnostic found on the way, in file order.</summary>
/// <param name="Config">The configuration; when <see cref="HasErrors"/> is true it leaves out what could not be understood.</param>
public sealed record ScriptResult(FirewallConfig Config, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether any diagnostic is an error: the configuration must not be used as is.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
