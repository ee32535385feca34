using System.CommandLine;
using System.Globalization;
using Sesame.Checking;
using Sesame.Linux.Control;
using Sesame.Model;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame apply [CONFIG] [--confirm DURATION] [--control PATH]</c>: the running daemon serves CONFIG (default: its own
/// configuration file) as a reload would. With <c>--confirm 60s</c> the daemon first refuses a configuration that would
/// cut this SSH session (<c>SSH_CONNECTION</c>), then starts a rollback timer of its own: unless <c>sesame confirm</c>
/// runs in time, the previous configuration comes back by itself — also when this terminal is gone. Exit 0 when
/// applied, 1 when refused, 2 for usage.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Argument<string?>("CONFIG")
        {
            Description = "The configuration to serve: a RouterOS script (.rsc) or a door profile (.yaml); default: the daemon's own file.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var confirm = new Option<string?>("--confirm")
        {
            Description = "Roll back to the running configuration unless 'sesame confirm' runs within this time (RouterOS time: 60s, 2m, 1h30m; 1s to 24h).",
        };
        Option<string> control = ServeCommand.Control();
        var command = new Command("apply", "Have the running daemon serve a configuration; with --confirm, it comes back to the running one unless confirmed in time (safe mode).")
        {
            config, confirm, control,
        };
        command.SetAction(parse =>
        {
            TimeSpan? within = null;
            if (parse.GetValue(confirm) is { } text)
            {
                if (!TryParseWindow(text, out TimeSpan value, out string error))
                {
                    context.Error.WriteLine(Text.TerminalText.Escape($"sesame: --confirm {error}"));
                    return ExitCodes.Usage;
                }

                within = value;
            }

            string? path = parse.GetValue(config) is { Length: > 0 } given ? Path.GetFullPath(given) : null;
            // Not over SSH (unset or empty): nothing for the lock-out check. A value too long for a session is sent cut, so
            // that the daemon refuses it rather than the check being skipped.
            string? ssh = Environment.GetEnvironmentVariable("SSH_CONNECTION");
            ssh = string.IsNullOrWhiteSpace(ssh) ? null : ssh.Length > SshSession.MaxLength ? ssh[..(SshSession.MaxLength + 1)] : ssh;

            return DaemonRequest.Send(parse.GetValue(control)!, ControlProtocol.ApplyRequest(path, within, ssh), context);
        });
        return command;
    }

    /// <summary>A confirmation window in RouterOS time syntax, from 1 s to <see cref="ControlProtocol.MaxConfirmWithin"/>.</summary>
    internal static bool TryParseWindow(string text, out TimeSpan value, out string error)
    {
        if (!RouterOsTime.TryParse(text, out value, out string parseError))
        {
            error = $"'{text}' is not a time: {parseError}";
            return false;
        }

        if (value < TimeSpan.FromSeconds(1) || value > ControlProtocol.MaxConfirmWithin)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"must be from 1s to {RouterOsTime.Format(ControlProtocol.MaxConfirmWithin)}, not {text}");
            return false;
        }

        error = "";
        return true;
    }
}
