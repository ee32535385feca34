using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.RouterOS.Scripting;

internal static class ScriptLinter
{
    public static IReadOnlyList<Diagnostic> Lint(FirewallConfig config) => [];
}
