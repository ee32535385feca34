using System.CommandLine;
using Sesame.Cli.Output;
using Sesame.Simulation;
using Sesame.Tracing;

namespace Sesame.Cli.Commands;

/// <summary><c>sesame simulate CONFIG TRACE [--json] [--strict]</c>: runs a packet trace through the engine.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliContext context)
    {
        Argument<string> config = CommonOptions.Config();
        var trace = new Argument<string>("TRACE")
        {
            Description = "The packet trace, one packet a line: <time> <src> <protocol> <dst-port|-> [key=value …]; '-' reads standard input.",
        };
        var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
        Option<bool> strict = CommonOptions.Strict();
        Option<string> ipv6 = CommonOptions.Ipv6();
        var command = new Command("simulate", "Run a packet trace through a configuration with RouterOS semantics; print each verdict and the address lists at the end.")
        {
            config, trace, json, strict, ipv6,
        };
        command.SetAction(parse => Run(parse.GetValue(config)!, parse.GetValue(trace)!, parse.GetValue(json), parse.GetValue(strict), parse.GetValue(ipv6) == CommonOptions.Ipv6Mirror, context));
        return command;
    }

    private static int Run(string configPath, string tracePath, bool json, bool strict, bool mirrorIpv6, CliContext context)
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

        SimulationResult result = Simulator.Run(config, parsed.Packets);
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
