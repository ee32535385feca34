using Sesame.Linux.Control;
using Sesame.Text;

namespace Sesame.Cli.Commands;

/// <summary>
/// The client side of <c>reload</c>, <c>apply</c> and <c>confirm</c>: one request to the running daemon's control socket,
/// its lines printed (errors and warnings on standard error, the rest on standard output, terminal-escaped), exit 0 when
/// it was done, 1 when it was refused or no daemon answers — so <c>systemctl reload</c> fails visibly on a broken config.
/// </summary>
internal static class DaemonRequest
{
    public static int Send(string controlPath, byte[] request, CliContext context)
    {
        ControlClient? daemon;
        try
        {
            daemon = ControlClient.TryConnect(controlPath);
        }
        catch (ControlException e)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {e.Message}"));
            return ExitCodes.Failed;
        }

        if (daemon is null)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: no daemon answers on {controlPath} (is 'sesame serve' running? --control names its socket)"));
            return ExitCodes.Failed;
        }

        ControlOutcome outcome;
        using (daemon)
        {
            using var stop = new SignalStop();
            try
            {
                outcome = daemon.ChangeConfig(request, stop.Token);
            }
            catch (ControlException e)
            {
                context.Error.WriteLine(TerminalText.Escape($"sesame: {e.Message}"));
                return ExitCodes.Failed;
            }
            catch (OperationCanceledException)
            {
                context.Error.WriteLine("sesame: interrupted; the daemon finishes the request on its own (its log says how it ended)");
                return ExitCodes.Failed;
            }
        }

        foreach (ControlNote note in outcome.Notes)
        {
            switch (note.Topic)
            {
                case ControlNote.ErrorTopic:
                    context.Error.WriteLine(TerminalText.Escape(note.Message));
                    break;
                case ControlNote.WarningTopic:
                    context.Error.WriteLine(TerminalText.Escape(note.Message));
                    break;
                default:
                    context.Out.WriteLine(TerminalText.Escape(note.Message));
                    break;
            }
        }

        if (!outcome.Succeeded)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {outcome.Error}"));
            return ExitCodes.Failed;
        }

        return ExitCodes.Ok;
    }
}
