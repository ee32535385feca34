using Sesame.Diagnostics;

namespace Sesame.RouterOS.Syntax;

/// <summary>
/// The diagnostics of one script, shared by the lexer, the interpreter and the builder. Seed variants (input that
/// RouterOS itself would reject but that published documents contain) are warnings, or errors in strict mode.
/// </summary>
internal sealed class ScriptDiagnostics(bool strict)
{
    private readonly DiagnosticBag _bag = new();

    public bool Strict { get; } = strict;

    public DiagnosticBag Bag => _bag;

    public void Error(SourceLocation location, string code, string message) => _bag.Error(location, code, message);

    public void Warning(SourceLocation location, string code, string message) => _bag.Warning(location, code, message);

    /// <summary>Accepted with a warning by default, refused in strict mode.</summary>
    public void Variant(SourceLocation location, string code, string message)
    {
        if (Strict)
        {
            _bag.Error(location, code, message);
        }
        else
        {
            _bag.Warning(location, code, message);
        }
    }
}
