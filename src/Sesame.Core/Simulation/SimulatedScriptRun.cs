using Sesame.Scripting;

namespace Sesame.Simulation;

/// <summary>A script run at trace time <paramref name="Time"/> (seconds).</summary>
/// <param name="Trigger">What started it: <c>scheduler NAME</c>, or the trace's <c>run</c> line as <c>file:line</c>.</param>
/// <param name="Result">How it ended (a failed run also wrote its error to the log).</param>
public sealed record SimulatedScriptRun(double Time, ScriptInvocation Invocation, string Trigger, ScriptRunResult Result) : SimulationEvent;
