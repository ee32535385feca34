using System.CommandLine;
using Sesame.Checking;
using Sesame.Diagnostics;
using Sesame.RouterOS;

namespace Sesame.Cli.Commands;

/// <summary><c>sesame check CONFIG</c>: every diagnostic; exit 0 when the config is usable (warnings allowed), 1 when it has errors.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> config = CommonOptions.Config();
        Option<bool> strict = CommonOptions.Strict();
        Option<string> ipv6 = CommonOptions.Ipv6();
        var command = new Command("check", "Parse and validate a configuration; print every diagnostic with file:line:column.") { config, strict, ipv6 };
        command.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(strict), parse.GetValue(ipv6) == CommonOptions.Ipv6Mirror, context));
        return command;
    }

    private static int Run(string configPath, bool strict, bool mirrorIpv6, CliContext context)
    {
        ConfigLoader.Loaded? loaded = ConfigLoader.Load(configPath, strict, context);
        if (loaded is null)
        {
            return ExitCodes.InputError;
        }

        if (mirrorIpv6 && !loaded.HasErrors)
        {
            loaded = ConfigLoader.Mirror(loaded, context);
        }

        var all = new DiagnosticBag();
        all.AddRange(loaded.Diagnostics);
        if (!loaded.HasErrors)
        {
            // Lists a script fills (the seed's grant script fills 'secured') are filled for the rules' check too.
            all.AddRange(ConfigChecker.Check(loaded.Config, RouterOsScripts.FilledLists(loaded.Config)));
            all.AddRange(RouterOsScripts.Lint(loaded.Config));
        }

        ConfigLoader.Report(all.Items, context.Out);
        int errors = all.Items.Count(d => d.IsError);
        int warnings = all.Items.Count - errors;
        context.Out.WriteLine($"{configPath}: {Plural(errors, "error")}, {Plural(warnings, "warning")}{(errors == 0 ? " — usable" : " — not usable")}");
        return errors == 0 ? ExitCodes.Ok : ExitCodes.InputError;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
