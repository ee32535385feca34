using System.CommandLine;
using Sesame.Cli.Commands;

namespace Sesame.Cli;

/// <summary>The <c>sesame</c> command line: builds the commands and runs one, mapping every failure to a message and an exit status.</summary>
internal static class SesameCli
{
    public static int Run(string[] args, CliContext context)
    {
        var root = new RootCommand("Sesame: port knocking with RouterOS semantics — simulate, check, export and enforce knock doors, and knock on them.")
        {
            SimulateCommand.Create(context),
            CheckCommand.Create(context),
            ExportCommand.Create(context),
            KnockCommand.Create(context),
            KeygenCommand.Create(context),
            ImportCommand.Create(context),
            ServeCommand.Create(context),
            PrintCommand.Create(context),
            ListsCommand.Create(context),
            RunCommand.Create(context),
            StatusCommand.Create(context),
            ReloadCommand.Create(context),
            ApplyCommand.Create(context),
            ConfirmCommand.Create(context),
            FleetCommand.Create(context),
            Demo.DemoCommand.Create(context),
            CompletionCommand.Create(context),
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
        catch (Exception ex)
        {
            // A bug, not bad input: every parser reports bad input as diagnostics (exit 1). Exit 70 keeps the two apart.
            ReportInternalError(ex, context.Error);
            return ExitCodes.Internal;
        }
    }

    /// <summary>One line, and the stack trace only when SESAME_DEBUG=1 asks for it.</summary>
    public static void ReportInternalError(Exception? ex, TextWriter error)
    {
        error.WriteLine(ex is OutOfMemoryException ? "sesame: internal error: out of memory" : $"sesame: internal error: {ex?.Message ?? "unknown"}");
        if (ex is not null && Environment.GetEnvironmentVariable("SESAME_DEBUG") == "1")
        {
            error.WriteLine(ex);
        }
    }
}
