using System.CommandLine;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Profiles;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame import knockd FILE</c>, <c>sesame import fwknop ACCESS_CONF [--fwknopd-conf FILE] [--keys-dir DIR]
/// [--open PORTS]</c>: prints an equivalent door profile; warnings name what could not be carried over. The fwknop
/// import writes each stanza's keys into a key file (0600) that the profile names, so no secret is printed.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var format = new Argument<string>("FORMAT") { Description = "The format to import: 'knockd' (a knockd.conf) or 'fwknop' (fwknopd's access.conf)." };
        format.AcceptOnlyFromAmong("knockd", "fwknop");
        var file = new Argument<string>("FILE") { Description = "The file to import; '-' reads standard input." };
        var fwknopdConf = new Option<string>("--fwknopd-conf") { Description = "fwknop: fwknopd.conf, for the SPA port, the interface and the packet age window." };
        var keysDir = new Option<string>("--keys-dir")
        {
            Description = "fwknop: where the key files are written (default: the current directory, where the profile is to be saved); the profile names them relative to the current directory, or absolute when DIR is.",
        };
        var open = new Option<string>("--open") { Description = "fwknop: the ports (e.g. tcp/22,udp/51820) for stanzas without OPEN_PORTS, where fwknopd opens whatever the client asks." };
        var command = new Command("import", "Print a door profile equivalent to another tool's configuration.") { format, file, fwknopdConf, keysDir, open };
        command.Validators.Add(result =>
        {
            // The raw tokens, not GetValue: converting the arguments here would hide AcceptOnlyFromAmong's usage error.
            if (result.GetResult(format)?.Tokens.FirstOrDefault()?.Value == "knockd" && (result.GetResult(fwknopdConf) is not null || result.GetResult(keysDir) is not null || result.GetResult(open) is not null))
            {
                result.AddError("--fwknopd-conf, --keys-dir and --open are options of 'import fwknop'");
            }

            if (result.GetResult(keysDir)?.Tokens.FirstOrDefault()?.Value is { } dir && (dir.Length == 0 || dir.Any(char.IsControl)))
            {
                result.AddError("--keys-dir: not a usable directory name (empty, or with a control character)");
            }

            if (result.GetResult(open)?.Tokens.FirstOrDefault()?.Value is { } ports && !FwknopImporter.TryParsePorts(ports, out _, out string error))
            {
                result.AddError($"--open: {error}");
            }
        });
        command.SetAction(parse => parse.GetValue(format) == "fwknop"
            ? RunFwknop(parse.GetValue(file)!, parse.GetValue(fwknopdConf), parse.GetValue(keysDir), parse.GetValue(open), context)
            : Run(parse.GetValue(file)!, context));
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

    /// <summary>
    /// Nothing is printed and no key file written unless the whole import works; the key files are written before the
    /// profile is printed, and the profile is read back with them first, so what is printed works from the current
    /// directory.
    /// </summary>
    private static int RunFwknop(string path, string? fwknopdPath, string? keysDir, string? open, CliContext context)
    {
        if (!InputFile.TryReadAll(path, context, out string text))
        {
            return ExitCodes.InputError;
        }

        string? daemonText = null;
        if (fwknopdPath is not null && !InputFile.TryReadAll(fwknopdPath, context, out daemonText))
        {
            return ExitCodes.InputError;
        }

        EquatableArray<OpenPort> ports = EquatableArray<OpenPort>.Empty;
        if (open is not null)
        {
            FwknopImporter.TryParsePorts(open, out ports, out _);
        }

        var options = new FwknopImportOptions { KeysDirectory = keysDir ?? "", Open = ports };
        FwknopImport imported = FwknopImporter.Import(text, path, daemonText, fwknopdPath, options);
        ConfigLoader.Report(imported.Diagnostics, context.Error);
        if (imported.HasErrors)
        {
            context.Error.WriteLine($"sesame: {path} has errors; nothing was imported");
            return ExitCodes.InputError;
        }

        string here = Directory.GetCurrentDirectory();
        IReadOnlyList<Diagnostic> written = FwknopKeyFiles.Write(imported.Profile, here);
        ConfigLoader.Report(written, context.Error);
        if (written.Any(d => d.IsError))
        {
            context.Error.WriteLine("sesame: the key files could not be written; nothing was imported");
            return ExitCodes.InputError;
        }

        string source = path == "-" ? "standard input" : Path.GetFileName(path);
        string profile = ProfileWriter.Write(imported.Profile, $"Sesame door profile imported from {source} (fwknop).\nThe keys are in the key files it names (mode 0600), relative to this profile's directory.");
        ProfileResult check = ProfileReader.Read(profile, Path.Combine(here, "imported.yaml"));
        if (check.HasErrors)
        {
            ConfigLoader.Report(check.Diagnostics.Where(d => d.IsError), context.Error);
            context.Error.WriteLine("sesame: the imported profile does not read back; nothing was printed");
            return ExitCodes.InputError;
        }

        context.Out.Write(profile);
        return ExitCodes.Ok;
    }
}
