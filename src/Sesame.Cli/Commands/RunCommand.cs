using System.CommandLine;
using Sesame.Linux.Control;
using Sesame.Linux.Nftables;
using Sesame.Linux.Scripting;
using Sesame.RouterOS;
using Sesame.Scripting;
using Sesame.Text;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame run SCRIPT [--config CONFIG] [--control PATH]</c>: runs one <c>/system script</c> once against the live
/// <c>table inet sesame</c> (the seed's grant script "triggered by an external event"). When a daemon answers on its
/// control socket, the daemon runs it (its configuration's script, on its script worker: filter <c>enable|disable</c>
/// applies and the table guard keeps it, the daemon logs the run); else this process runs CONFIG's script itself, where
/// filter rules are read-only. Prints the script's <c>:log</c>/<c>:put</c> lines; exit 0 when it finished, 1 when it
/// failed (the message names the script's line), when the script or the table is not there, or the configuration has
/// errors; 2 for usage.
/// </summary>
internal static class RunCommand
{
    /// <summary>What <c>serve</c> runs under systemd (deploy/sesame.service).</summary>
    public const string DefaultConfig = "/etc/sesame/sesame.rsc";

    public static Command Create(CliContext context)
    {
        var script = new Argument<string>("SCRIPT") { Description = "The name of a /system script of the configuration." };
        var config = new Option<string>("--config", "-c")
        {
            Description = $"The configuration the daemon serves (default {DefaultConfig}).",
            DefaultValueFactory = _ => DefaultConfig,
        };
        Option<bool> strict = CommonOptions.Strict();
        Option<string> control = ServeCommand.Control();
        var command = new Command("run", "Run a script of the configuration once against the live table inet sesame (through the running daemon when it answers on its control socket).")
        {
            script, config, strict, control,
        };
        command.SetAction(parse => Run(parse.GetValue(script)!, parse.GetValue(config)!, parse.GetValue(strict), parse.GetValue(control)!, context));
        return command;
    }

    private static int Run(string name, string configPath, bool strict, string controlPath, CliContext context)
    {
        ControlClient? daemon;
        try
        {
            daemon = ControlClient.TryConnect(controlPath);
        }
        catch (ControlException e)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {e.Message}"));
            return ExitCodes.InputError;
        }

        if (daemon is not null)
        {
            using (daemon)
            {
                return RunInDaemon(daemon, name, context);
            }
        }

        if (ConfigLoader.LoadUsable(configPath, strict, context, "run", forKernel: true) is not { } config)
        {
            return ExitCodes.InputError;
        }

        if (!config.Scripts.Any(s => s.Name == name))
        {
            string known = config.Scripts.Count == 0 ? "it has none" : "it has: " + string.Join(", ", config.Scripts.Select(s => s.Name));
            context.Error.WriteLine(TerminalText.Escape($"sesame: {configPath} has no script '{name}' ({known})"));
            return ExitCodes.InputError;
        }

        if (!LiveTable.TryOpen(context, out NftContext? probe))
        {
            return ExitCodes.InputError;
        }

        probe.Dispose();
        using var stop = new SignalStop();
        var log = new PrintedLog(context);
        ScriptRunResult result;
        try
        {
            IScriptRunner runner = RouterOsScripts.CreateRunner(config);
            result = KernelScripts.RunOnce(config, runner, ScriptInvocation.Named(name), log, cancellation: stop.Token);
        }
        catch (NftException e)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {e.Message}"));
            return ExitCodes.InputError;
        }

        return Finish(name, result, log, context);
    }

    /// <summary>The run in the daemon: its configuration's script; the lines as they come, printed as a direct run prints them.</summary>
    private static int RunInDaemon(ControlClient daemon, string name, CliContext context)
    {
        using var stop = new SignalStop();
        var log = new PrintedLog(context);
        ScriptRunResult result;
        try
        {
            result = daemon.Run(name, log, stop.Token);
        }
        catch (ControlException e)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: {e.Message}"));
            return ExitCodes.InputError;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: script {name} interrupted (the daemon stops it at its next statement)"));
            return ExitCodes.Failed;
        }

        return Finish(name, result, log, context);
    }

    private static int Finish(string name, ScriptRunResult result, PrintedLog log, CliContext context)
    {
        if (result.Succeeded)
        {
            return ExitCodes.Ok;
        }

        if (!log.ErrorPrinted)
        {
            context.Error.WriteLine(TerminalText.Escape($"sesame: script {name} failed: {result.Error}"));
        }

        return ExitCodes.Failed;
    }

    /// <summary>A run's lines: <c>:put</c> as it is, <c>:log</c> with its topic, the error on standard error; all terminal-escaped.</summary>
    private sealed class PrintedLog(CliContext context) : IScriptLog
    {
        public bool ErrorPrinted { get; private set; }

        public void Write(ScriptLogEntry entry)
        {
            if (entry.Topic == "script,error")
            {
                ErrorPrinted = true;
                context.Error.WriteLine(TerminalText.Escape($"sesame: script {entry.Script} failed: {entry.Message}"));
            }
            else if (entry.Topic == "put")
            {
                context.Out.WriteLine(TerminalText.Escape(entry.Message));
            }
            else
            {
                context.Out.WriteLine(TerminalText.Escape($"{entry.Topic}: {entry.Message}"));
            }
        }
    }
}
