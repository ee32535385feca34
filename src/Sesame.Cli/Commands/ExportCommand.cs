using System.CommandLine;
using Sesame.RouterOS;

namespace Sesame.Cli.Commands;

/// <summary><c>sesame export CONFIG --to routeros</c>: prints the configuration as a script RouterOS imports.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> config = CommonOptions.Config();
        var to = new Option<string>("--to")
        {
            Description = "The target: 'routeros' (a script to paste or /import on a router).",
            Required = true,
        };
        to.AcceptOnlyFromAmong("routeros", "nft");
        var noWrap = new Option<bool>("--no-wrap") { Description = "One command per line instead of RouterOS's 80-column wrapping." };
        Option<bool> strict = CommonOptions.Strict();
        var command = new Command("export", "Print a configuration for a target system.") { config, to, noWrap, strict };
        command.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(to)!, parse.GetValue(noWrap), parse.GetValue(strict), context));
        return command;
    }

    private static int Run(string configPath, string target, bool noWrap, bool strict, CliContext context)
    {
        if (target == "nft")
        {
            // The nftables back end comes with `sesame serve`; until it exists, say so rather than print something partial.
            context.Error.WriteLine("sesame: export --to nft is not available yet (it comes with the nftables back end of 'sesame serve')");
            return ExitCodes.Usage;
        }

        if (ConfigLoader.LoadUsable(configPath, strict, context, "exported") is not { } config)
        {
            return ExitCodes.InputError;
        }

        context.Out.Write(RouterOsExporter.Export(config, new ExportOptions { Wrap = !noWrap }));
        return ExitCodes.Ok;
    }
}
