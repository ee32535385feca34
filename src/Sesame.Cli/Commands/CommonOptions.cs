using System.CommandLine;

namespace Sesame.Cli.Commands;

/// <summary>Arguments and options several commands share.</summary>
internal static class CommonOptions
{
    public static Argument<string> Config() => new("CONFIG")
    {
        Description = "The configuration: a RouterOS script (.rsc) or a door profile (.yaml).",
    };

    public static Option<bool> Strict() => new("--strict")
    {
        Description = "Refuse the variants RouterOS itself would refuse (a space before '=', a bare '$' in a string, …) instead of warning.",
    };
}
