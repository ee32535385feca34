using System.CommandLine;
using System.Runtime.InteropServices;
using Sesame.Linux.Nftables;
using Sesame.Linux.Scripting;
using Sesame.RouterOS;
using Sesame.Scripting;
using Sesame.Text;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame run SCRIPT [--config CONFIG]</c>: runs one <c>/system script</c> of the configuration once against the live
/// <c>table inet sesame</c> (the seed's grant script "triggered by an external event"). Prints the script's
/// <c>:log</c>/<c>:put</c> lines; exit 0 when it finished, 1 when it failed (the message names the script's line), when the
/// script or the table is not there, or the configuration has errors; 2 for usage.
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
        var command = new Command("run", "Run a script of the configuration once against the live table inet sesame (its address lists are the kernel's sets).")
        {
            script, config, strict,
        };
        command.SetAction(parse => Run(parse.GetValue(script)!, parse.GetValue(config)!, parse.GetValue(strict), context));
        return command;
    }

    private static int Run(string name, string configPath, bool strict, CliContext context)
    {
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
        using var stop = new CancellationTokenSource();
        void OnSignal(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }

        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
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
