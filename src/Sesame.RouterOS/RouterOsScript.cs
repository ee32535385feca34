using Sesame.RouterOS.Building;
using Sesame.RouterOS.Console;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS;

/// <summary>Reads a RouterOS script (<c>.rsc</c> export or pasted console commands) into the rule model.</summary>
public static class RouterOsScript
{
    /// <summary>
    /// Parses <paramref name="text"/>, runs its commands as the RouterOS console would import them and builds the
    /// model. Never throws on bad input: every problem of the whole file is a diagnostic with its line and column.
    /// </summary>
    /// <param name="fileName">Used in the diagnostics' locations.</param>
    public static ScriptResult Parse(string text, string fileName, ScriptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        var diagnostics = new ScriptDiagnostics((options ?? new ScriptOptions()).Strict);
        var source = new SourceText(text, fileName);
        var console = new ConsoleInterpreter(diagnostics);
        console.Run(ScriptParser.Parse(source, diagnostics));
        var config = ConfigBuilder.Build(console, diagnostics);
        return new ScriptResult(config, diagnostics.Bag.Sorted());
    }
}
