using System.CommandLine;
using Sesame.Profiles;

namespace Sesame.Cli.Commands;

/// <summary><c>sesame import knockd FILE</c>: prints an equivalent door profile; warnings name what could not be carried over.</summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var format = new Argument<string>("FORMAT") { Description = "The format to import: 'knockd' (a knockd.conf)." };
        format.AcceptOnlyFromAmong("knockd");
        var file = new Argument<string>("FILE") { Description = "The file to import; '-' reads standard input." };
        var command = new Command("import", "Print a door profile equivalent to another tool's configuration.") { format, file };
        command.SetAction(parse => Run(parse.GetValue(file)!, context));
        return command;
    }

    private static int Run(string path, CliContext context)
    {
        if (!InputFile.TryReadAll(path, context, out string text))
        {
            return ExitCodes.InputError;
        }

        KnockdImport imported = KnockdImporter.Import(text, path);
        ConfigLoader.Report(imported.Diagnostics, context.Error);
        if (imported.HasErrors)
        {
            context.Error.WriteLine($"sesame: {path} has errors; nothing was imported");
            return ExitCodes.InputError;
        }

        context.Out.Write(ProfileWriter.Write(imported.Profile, $"Sesame door profile imported from {(path == "-" ? "standard input" : Path.GetFileName(path))} (knockd)."));
        return ExitCodes.Ok;
    }
}
