using System.CommandLine;
using System.Globalization;
using System.Text;
using Sesame.Linux.Control;
using Sesame.Linux.Daemon;
using Sesame.Model;
using Sesame.Text;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame status [--control PATH] [--json]</c>: one screen about the running door, asked of the daemon on its control
/// socket (the <c>status</c> verb): up-time, the last reload, who is in and for how long, list sizes, the counters — the
/// numbers <c>serve --metrics</c> exports. Exit 0; 1 when no daemon answers or it refuses.
/// </summary>
internal static class StatusCommand
{
    /// <summary>The width the counters are wrapped to.</summary>
    private const int Width = 96;

    public static Command Create(CliContext context)
    {
        Option<string> control = ServeCommand.Control();
        var json = new Option<bool>("--json") { Description = "Print the daemon's status object as JSON (docs/metrics.md)." };
        var command = new Command("status", "Show the running daemon's state: who is in and for how long, list sizes, counters, the last reload.")
        {
            control, json,
        };
        command.SetAction(parse => Run(parse.GetValue(control)!, parse.GetValue(json), context));
        return command;
    }

    private static int Run(string controlPath, bool json, CliContext context)
    {
        ControlStatus status;
        try
        {
            using ControlClient? daemon = ControlClient.TryConnect(controlPath);
            if (daemon is null)
            {
                context.Error.WriteLine(TerminalText.Escape($"sesame: no daemon answers on {controlPath} (is sesame serve running in this network namespace?)"));
                return ExitCodes.InputError;
            }

            using var stop = new SignalStop();
            status = daemon.Status(stop.Token);
        }
        catch (ControlException e)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {e.Message}"));
            return ExitCodes.InputError;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Failed;
        }

        if (json)
        {
            context.Out.WriteLine(status.ToJson());
        }
        else
        {
            Print(status, context.Out);
        }

        return ExitCodes.Ok;
    }

    internal static void Print(ControlStatus status, TextWriter output)
    {
        string up = status.StartedAt is { } started
            ? $"up {RouterOsTime.Format(TimeSpan.FromSeconds(Math.Floor(status.UptimeSeconds)))} (since {started.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z)"
            : "starting";
        output.WriteLine($"sesame serve: {up}");
        output.WriteLine(status.LastReload switch
        {
            null => "last reload: none since start",
            { Ok: true } r => TerminalText.Escape($"last reload: {r.Action} ok at {r.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z"),
            { } r => TerminalText.Escape($"last reload: {r.Action} FAILED at {r.At.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z: {r.Message}"),
        });
        if (status.KernelError is { } error)
        {
            output.WriteLine(TerminalText.Escape($"kernel: not read: {error}"));
        }

        long granted = status.Granted.Count + status.GrantedNotShown;
        output.WriteLine();
        // A grant list counted only up to SesameDaemon.MaxEntriesCounted holds more than the total says.
        string more = status.Lists.Any(l => l.Role == "grant" && l.Truncated) ? " or more" : "";
        output.WriteLine(granted == 0 ? "granted: nobody" : $"granted: {granted}{more}");
        foreach (ControlStatusGrant g in status.Granted)
        {
            string left = g.SecondsLeft is { } s ? RouterOsTime.Format(TimeSpan.FromSeconds(Math.Floor(s))) + " left" : "no timeout";
            output.WriteLine(TerminalText.Escape($"  {g.Address,-40} {left,-16} list={g.List}"));
        }

        if (status.GrantedNotShown > 0)
        {
            output.WriteLine($"  and {status.GrantedNotShown} more");
        }

        output.WriteLine();
        output.WriteLine($"  {"LIST",-24} {"FAMILY",-6} {"ROLE",-9} {"ENTRIES",9}");
        foreach (DaemonListSize list in status.Lists)
        {
            string entries = list.Entries.ToString(CultureInfo.InvariantCulture) + (list.Truncated ? "+" : "");
            output.WriteLine(TerminalText.Escape($"  {list.List,-24} {list.Family,-6} {list.Role,-9} {entries,9}"));
        }

        if (status.ListsNotShown > 0)
        {
            output.WriteLine($"  and {status.ListsNotShown} more lists");
        }

        output.WriteLine();
        var line = new StringBuilder("counters:");
        foreach ((string name, long value) in status.Counters)
        {
            string item = string.Create(CultureInfo.InvariantCulture, $" {name}={value}");
            if (line.Length + item.Length > Width)
            {
                output.WriteLine(TerminalText.Escape(line.ToString()));
                line.Clear().Append("         ");
            }

            line.Append(item);
        }

        output.WriteLine(TerminalText.Escape(line.ToString()));
    }
}
