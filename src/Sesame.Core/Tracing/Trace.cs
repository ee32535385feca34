using Sesame.Diagnostics;

namespace Sesame.Tracing;

/// <summary>A parsed packet trace (DESIGN.md, "Trace format") and what was wrong with it.</summary>
public sealed record Trace(IReadOnlyList<TracePacket> Packets, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The trace's <c>run</c> lines, in order.</summary>
    public IReadOnlyList<TraceRun> Runs { get; init; } = [];

    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
