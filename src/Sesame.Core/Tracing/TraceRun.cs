using Sesame.Diagnostics;

namespace Sesame.Tracing;

/// <summary>A trace line <c>&lt;time&gt; run &lt;script-name&gt;</c>: run a <c>/system script</c> at that time, between packets.</summary>
/// <param name="Time">Seconds from the start of the trace.</param>
/// <param name="PacketsBefore">How many of the trace's packets come before the line: the run happens before packet number <paramref name="PacketsBefore"/> (0-based).</param>
public sealed record TraceRun(double Time, string Script, int PacketsBefore, SourceLocation Location);
