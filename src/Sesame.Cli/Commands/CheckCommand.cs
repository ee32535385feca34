using System.CommandLine;
using Sesame.Checking;
using Sesame.Diagnostics;

namespace Sesame.Cli.Commands;

/// <summary><c>sesame check CONFIG</c>: every diagnostic; exit 0 when the config is usable (warnings allowed), 1 when it has errors.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> config = CommonOptions.Config();
        Option<bool> strict = CommonOptions.Strict();
        var command = new Command("check", "Parse and validate a configuration; print every diagnostic with file:line:column.") { config, strict };
        command.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(strict), context));
        return command;
    }

    private static int Run(string configPath, bool strict, CliContext context)
    {
        ConfigLoader.Loaded? loaded = ConfigLoader.Load(configPath, strict, context);
        if (loaded is null)
        {
            return ExitCodes.InputError;
        }

        var all = new DiagnosticBag();
        all.AddRange(loaded.Diagnostics);
        if (!loaded.HasErrors)
        {
            all.AddRange(ConfigChecker.Check(loaded.Config));
        }

        ConfigLoader.Report(all.Items, context.Out);
        int errors = all.Items.Count(d => d.IsError);
        int warnings = all.Items.Count - errors;
        context.Out.WriteLine($"{configPath}: {Plural(errors, "error")}, {Plural(warnings, "warning")}{(errors == 0 ? " — usable" : " — not usable")}");
        return errors == 0 ? ExitCodes.Ok : ExitCodes.InputError;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
