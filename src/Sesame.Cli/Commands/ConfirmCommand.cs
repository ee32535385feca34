using System.CommandLine;
using Sesame.Linux.Control;

namespace Sesame.Cli.Commands;

/// <summary><c>sesame confirm [--control PATH]</c>: keeps the configuration a <c>sesame apply --confirm</c> put in (no rollback).</summary>
internal static class ConfirmCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> control = ServeCommand.Control();
        var command = new Command("confirm", "Keep the configuration 'sesame apply --confirm' put in; without it the daemon rolls back at the deadline.")
        {
            control,
        };
        command.SetAction(parse => DaemonRequest.Send(parse.GetValue(control)!, ControlProtocol.SimpleRequest(ControlProtocol.Confirm), context));
        return command;
    }
}
