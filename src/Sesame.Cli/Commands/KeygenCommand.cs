using System.CommandLine;
using Sesame.Spa;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame keygen [--out FILE] [--force]</c>: a new SPA key pair (32 random Rijndael key bytes, 64 HMAC key bytes) in
/// the text <c>fwknop --key-gen</c> prints, usable as a door's key file, by <c>knock --spa --keys</c> and by the stock
/// fwknop client. With <c>--out</c> the file is created with mode 0600 (never looser, not even for a moment) and an
/// existing file is left alone unless <c>--force</c>; without it the pair goes to standard output, as fwknop does.
/// </summary>
internal static class KeygenCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out", "-o") { Description = "Write the key pair to this file (mode 0600) instead of standard output." };
        var force = new Option<bool>("--force") { Description = "Replace an existing --out file." };
        var command = new Command("keygen", "Generate an SPA key pair (KEY_BASE64, HMAC_KEY_BASE64) as 'fwknop --key-gen' does.") { output, force };
        command.SetAction(parse =>
        {
            string text = SpaKeyFile.Format(SpaKeys.Generate());
            if (parse.GetValue(output) is not { } path)
            {
                context.Out.Write(text);
                return ExitCodes.Ok;
            }

            if (parse.GetValue(force) is false && (File.Exists(path) || Directory.Exists(path)))
            {
                context.Error.WriteLine($"sesame keygen: {path} exists already; nothing was written (--force replaces it)");
                return ExitCodes.Failed;
            }

            try
            {
                PrivateFile.Write(path, text, parse.GetValue(force));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"sesame keygen: cannot write {path}: {(ex is UnauthorizedAccessException ? "permission denied" : ex.Message)}");
                return ExitCodes.Failed;
            }

            context.Error.WriteLine($"sesame keygen: wrote a key pair to {path} (mode 0600)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
