using System.CommandLine;
using Sesame.Linux.Control;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame reload [--control PATH]</c>: the running daemon reads its configuration file again (as SIGHUP does) and
/// serves it, keeping every address list still in it with its entries; a file with errors changes nothing. Prints what
/// happened (each error with its file:line:column); exit 0 when reloaded, 1 when refused or no daemon answers. What
/// <c>ExecReload=</c> runs.
/// </summary>
internal static class ReloadCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> control = ServeCommand.Control();
        var command = new Command("reload", "Have the running daemon read its configuration file again: the new rules go in in one transaction, granted users stay in, knocks in progress continue; a broken file changes nothing (exit 1).")
        {
            control,
        };
        command.SetAction(parse => DaemonRequest.Send(parse.GetValue(control)!, ControlProtocol.SimpleRequest(ControlProtocol.Reload), context));
        return command;
    }
}
