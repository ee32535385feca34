using System.CommandLine;
using Sesame.Linux.Nftables;
using Sesame.RouterOS;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame export CONFIG --to routeros|nft</c>: prints the configuration as a script RouterOS imports, or as the
/// nftables ruleset (<c>table inet sesame</c>) that <c>nft -f</c> applies.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> config = CommonOptions.Config();
        var to = new Option<string>("--to")
        {
            Description = "The target: 'routeros' (a script to paste or /import on a router) or 'nft' (a ruleset for nft -f).",
            Required = true,
        };
        to.AcceptOnlyFromAmong("routeros", "nft");
        var noWrap = new Option<bool>("--no-wrap") { Description = "One command per line instead of RouterOS's 80-column wrapping." };
        Option<bool> strict = CommonOptions.Strict();
        Option<string> ipv6 = CommonOptions.Ipv6();
        var command = new Command("export", "Print a configuration for a target system.") { config, to, noWrap, strict, ipv6 };
        command.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(to)!, parse.GetValue(noWrap), parse.GetValue(strict), parse.GetValue(ipv6) == CommonOptions.Ipv6Mirror, context));
        return command;
    }

    private static int Run(string configPath, string target, bool noWrap, bool strict, bool mirrorIpv6, CliContext context)
    {
        if (ConfigLoader.LoadUsable(configPath, strict, context, "exported", mirrorIpv6, forKernel: target == "nft") is not { } config)
        {
            return ExitCodes.InputError;
        }

        if (target == "nft")
        {
            // The script is built whole before anything is written: a string nft's syntax cannot hold is refused with its
            // place named, and no part of a script that would parse differently reaches the output.
            string script;
            NftCompilation compilation;
            try
            {
                compilation = NftCompiler.Compile(config);
                script = compilation.Script;
            }
            catch (NftException e)
            {
                context.Error.WriteLine($"sesame: cannot export to nft: {e.Message}");
                return ExitCodes.InputError;
            }

            ConfigLoader.Report(compilation.Diagnostics, context.Error);
            context.Out.Write(script);
            return ExitCodes.Ok;
        }

        context.Out.Write(RouterOsExporter.Export(config, new ExportOptions { Wrap = !noWrap }));
        return ExitCodes.Ok;
    }
}
