using System.CommandLine;
using System.Globalization;
using Sesame.Cli.Output;
using Sesame.Model;
using Sesame.RouterOS;
using Sesame.Simulation;
using Sesame.Text;
using Sesame.Tracing;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame simulate CONFIG TRACE [--until T] [--json] [--strict]</c>: runs a packet trace through the engine, with the
/// config's schedulers and the trace's <c>run</c> lines running its scripts on the trace's clock.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> config = CommonOptions.Config();
        var trace = new Argument<string>("TRACE")
        {
            Description = "The packet trace, one packet a line: <time> <src> <protocol> <dst-port|-> [key=value …], or <time> run <script-name>; '-' reads standard input.",
        };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        var until = new Option<string>("--until")
        {
            Description = "Run the clock on to this time after the trace's last line (seconds, or a RouterOS time such as 15m), so expiries and scheduled scripts up to then happen.",
        };
        Option<bool> strict = CommonOptions.Strict();
        Option<string> ipv6 = CommonOptions.Ipv6();
        var command = new Command("simulate", "Run a packet trace through a configuration with RouterOS semantics; print each verdict, each script run and log line, and the address lists at the end.")
        {
            config, trace, json, strict, ipv6, until,
        };
        command.SetAction(parse =>
        {
            double? untilSeconds = null;
            if (parse.GetValue(until) is { } text)
            {
                if (!TryParseUntil(text, out double seconds))
                {
                    context.Error.WriteLine(TerminalText.Escape($"sesame: --until '{text}' is not a time (seconds, or a RouterOS time such as 90, 15m, 1h30m; at most {TraceReader.MaxTime.ToString(CultureInfo.InvariantCulture)} s)"));
                    return ExitCodes.Usage;
                }

                untilSeconds = seconds;
            }

            return Run(parse.GetValue(config)!, parse.GetValue(trace)!, parse.GetValue(json), parse.GetValue(strict), parse.GetValue(ipv6) == CommonOptions.Ipv6Mirror, untilSeconds, context);
        });
        return command;
    }

    private static bool TryParseUntil(string text, out double seconds)
    {
        seconds = 0;
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double plain))
        {
            seconds = plain;
        }
        else if (RouterOsTime.TryParse(text, out TimeSpan time))
        {
            seconds = time.TotalSeconds;
        }
        else
        {
            return false;
        }

        return double.IsFinite(seconds) && seconds >= 0 && seconds <= TraceReader.MaxTime;
    }

    private static int Run(string configPath, string tracePath, bool json, bool strict, bool mirrorIpv6, double? until, CliContext context)
    {
        if (ConfigLoader.LoadUsable(configPath, strict, context, "simulated", mirrorIpv6) is not { } config)
        {
            return ExitCodes.InputError;
        }

        if (!InputFile.TryReadAll(tracePath, context, out string traceText))
        {
            return ExitCodes.InputError;
        }

        string traceName = tracePath == "-" ? "<stdin>" : tracePath;
        Trace parsed = TraceReader.Read(traceText, traceName, TraceDefaults.FromConfig(config));
        ConfigLoader.Report(parsed.Diagnostics, context.Error);
        if (parsed.HasErrors)
        {
            context.Error.WriteLine($"sesame: {traceName} has errors; nothing was simulated");
            return ExitCodes.InputError;
        }

        double last = Math.Max(parsed.Packets.Count > 0 ? parsed.Packets[^1].Time : 0, parsed.Runs.Count > 0 ? parsed.Runs[^1].Time : 0);
        if (until is double u && u < last)
        {
            context.Error.WriteLine($"sesame: --until {SimulationTextWriter.Seconds(u)} s is before the trace's last line at {SimulationTextWriter.Seconds(last)} s");
            return ExitCodes.Usage;
        }

        // Scripts run where the config or the trace asks for them; a config without any never needs the interpreter.
        bool scripts = config.Scripts.Count > 0 || config.Schedulers.Count > 0 || parsed.Runs.Count > 0;
        var options = new SimulationOptions
        {
            Runner = scripts ? RouterOsScripts.CreateRunner(config) : null,
            Until = until,
            Runs = parsed.Runs,
        };
        SimulationResult result = Simulator.Run(config, parsed.Packets, options);
        foreach (string note in result.Notes)
        {
            context.Error.WriteLine($"sesame: warning: {note}");
        }

        if (json)
        {
            SimulationJsonWriter.Write(result, context.Out);
        }
        else
        {
            SimulationTextWriter.Write(result, context.Out);
        }

        return ExitCodes.Ok;
    }
}
