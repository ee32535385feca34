namespace Sesame.Simulation;

/// <summary>
/// Something that happened in a simulation, in <see cref="SimulationResult.Events"/> in the order it happened: a
/// <see cref="SimulatedPacket"/>, a <see cref="SimulatedExpiry"/>, a <see cref="SimulatedScriptRun"/> and, after it,
/// the <see cref="SimulatedScriptChange"/>s, <see cref="SimulatedRuleChange"/>s and <see cref="SimulatedLogEntry"/>s of that run in the order the script made them.
/// </summary>
public abstract record SimulationEvent;
