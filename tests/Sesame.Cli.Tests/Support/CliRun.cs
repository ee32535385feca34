using System.Text.Json;
using Sesame.Cli;

namespace Sesame.Tests.Support;

/// <summary>The outcome of running the <c>sesame</c> program in-process.</summary>
internal sealed record CliRun(int Exit, string Out, string Err)
{
    public static CliRun Of(params string[] args) => WithInput("", args);

    public static CliRun WithInput(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = SesameCli.Run(args, new CliContext(output, error, new StringReader(stdin)));
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    /// <summary>True when nothing that looks like a .NET stack trace was printed.</summary>
    public bool HasNoStackTrace => !Err.Contains("   at ", StringComparison.Ordinal) && !Out.Contains("   at ", StringComparison.Ordinal) && !Err.Contains("Exception", StringComparison.Ordinal);
}
