using System.CommandLine;
using Sesame.Cli.Commands;

namespace Sesame.Cli;

/// <summary>The <c>sesame</c> command line: builds the commands and runs one, mapping every failure to a message and an exit status.</summary>
internal static class SesameCli
{
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("Sesame: port knocking with RouterOS semantics — simulate, check and export knock configurations.")
        {
            SimulateCommand.Create(context),
            CheckCommand.Create(context),
            ExportCommand.Create(context),
            KnockCommand.Create(context),
            ServeCommand.Create(context),
            PrintCommand.Create(context),
            ListsCommand.Create(context),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
            {
                context.Error.WriteLine($"sesame: {error.Message}");
            }

            context.Error.WriteLine("Run 'sesame --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context.Error.WriteLine($"sesame: internal error: {ex.Message}");
            if (Environment.GetEnvironmentVariable("SESAME_DEBUG") == "1")
            {
                context.Error.WriteLine(ex);
            }

            return ExitCodes.Internal;
        }
    }
}
