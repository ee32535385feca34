using Sesame.Engine;

namespace Sesame.Simulation;

/// <summary>Everything <c>simulate</c> reports: each packet, each expiry between packets, the address lists and the rule counters at the end.</summary>
/// <param name="EndTime">The last trace line's time in seconds, or the later <see cref="SimulationOptions.Until"/>; remaining timeouts are measured at it.</param>
public sealed record SimulationResult(
    IReadOnlyList<SimulatedPacket> Packets,
    IReadOnlyList<SimulatedExpiry> Expiries,
    IReadOnlyList<AddressListEntryState> Lists,
    IReadOnlyList<SimulatedRule> Rules,
    double EndTime)
{
    /// <summary>Packets, expiries, script runs with their changes and log lines, in the order they happened.</summary>
    public IReadOnlyList<SimulationEvent> Events { get; init; } = [];

    /// <summary>The script runs, in order.</summary>
    public IReadOnlyList<SimulatedScriptRun> ScriptRuns { get; init; } = [];

    /// <summary>Every <c>:log</c>/<c>:put</c> line and run error, in order.</summary>
    public IReadOnlyList<SimulatedLogEntry> Log { get; init; } = [];

    /// <summary>What the simulation did not do that the config or trace asked for (scripts that did not run), one sentence each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
