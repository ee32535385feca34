namespace Sesame.Simulation;

/// <summary>A <c>:log</c> or <c>:put</c> line, or a run's error, at trace time <paramref name="Time"/> (seconds; later than its run's start after a <c>:delay</c>).</summary>
/// <param name="Topic"><c>info</c>, <c>warning</c>, <c>error</c>, <c>debug</c>, <c>put</c>, or <c>script,error</c>.</param>
public sealed record SimulatedLogEntry(double Time, string Topic, string Script, string Message) : SimulationEvent;
