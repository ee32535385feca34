using Sesame.Scripting;
using Sesame.Tracing;

namespace Sesame.Simulation;

/// <summary>What a simulation runs besides the trace's packets.</summary>
public sealed record SimulationOptions
{
    /// <summary>Default bound on script runs in one simulation (a 1 s scheduler over a long <see cref="Until"/>).</summary>
    public const int DefaultMaxScriptRuns = 100_000;

    /// <summary>Runs the config's scripts; null: no script runs, and <see cref="SimulationResult.Notes"/> says so when the config or trace asks for runs.</summary>
    public IScriptRunner? Runner { get; init; }

    /// <summary>Seconds from the trace's start to run the clock to after its last line (expiries and scheduler runs up to then); null or earlier: stop at the last line.</summary>
    public double? Until { get; init; }

    /// <summary>The trace's <c>run</c> lines.</summary>
    public IReadOnlyList<TraceRun> Runs { get; init; } = [];

    /// <summary>The scheduler jobs to time; null: <see cref="SchedulerPlan.Build"/> of the config.</summary>
    public IReadOnlyList<ScheduledJob>? Schedule { get; init; }

    /// <summary>At most this many script runs; the ones after are not run, and <see cref="SimulationResult.Notes"/> says so.</summary>
    public int MaxScriptRuns { get; init; } = DefaultMaxScriptRuns;
}
