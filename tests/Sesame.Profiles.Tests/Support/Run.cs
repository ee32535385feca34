using Sesame.Engine;
using Sesame.Model;
using Sesame.Simulation;
using Sesame.Tracing;

namespace Sesame.Tests.Support;

/// <summary>Runs a trace through a config as <c>sesame simulate</c> does, and reduces the result to what a user sees.</summary>
internal static class Run
{
    public static SimulationResult Trace(FirewallConfig config, string trace)
    {
        Trace t = TraceReader.Read(trace, "trace", TraceDefaults.FromConfig(config));
        Assert.False(t.HasErrors, string.Join("\n", t.Diagnostics));
        return Simulator.Run(config, t.Packets);
    }

    public static Verdict[] Verdicts(SimulationResult result) => [.. result.Packets.Select(p => p.Result.Verdict)];

    /// <summary>Who ended up on which list, with the remaining time, in a stable order.</summary>
    public static string[] Lists(SimulationResult result) =>
        [.. result.Lists.Select(e => $"{e.List} {e.Address} {e.Remaining}").Order(StringComparer.Ordinal)];

    public static bool Admitted(SimulationResult result, string list, string address) =>
        result.Lists.Any(e => e.List == list && e.Address?.ToString() == address);
}
