using Sesame.Engine;

namespace Sesame.Simulation;

/// <summary>An address-list entry that timed out, at the trace time (seconds) it did.</summary>
public sealed record SimulatedExpiry(double Time, AddressListChange Change) : SimulationEvent;
