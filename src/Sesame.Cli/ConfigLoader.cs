using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.RouterOS;

namespace Sesame.Cli;

/// <summary>Reads a configuration file (a RouterOS script) into the rule model, with every diagnostic.</summary>
internal static class ConfigLoader
{
    public sealed record Loaded(FirewallConfig Config, IReadOnlyList<Diagnostic> Diagnostics)
    {
        public bool HasErrors => Diagnostics.Any(d => d.IsError);
    }

    /// <summary>Returns null after writing a message when the file cannot be read.</summary>
    public static Loaded? Load(string path, bool strict, CliContext context)
    {
        if (!InputFile.TryReadAll(path, context, out string text))
        {
            return null;
        }

        ScriptResult result = RouterOsScript.Parse(text, path, new ScriptOptions { Strict = strict });
        return new Loaded(result.Config, result.Diagnostics);
    }

    /// <summary>Writes the diagnostics in file order.</summary>
    public static void Report(IEnumerable<Diagnostic> diagnostics, TextWriter writer)
    {
        var bag = new DiagnosticBag();
        bag.AddRange(diagnostics);
        foreach (Diagnostic d in bag.Sorted())
        {
            writer.WriteLine(d.ToString());
        }
    }
}
