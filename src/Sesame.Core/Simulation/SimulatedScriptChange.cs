using Sesame.Engine;

namespace Sesame.Simulation;

/// <summary>An address-list change a script made (<see cref="AddressListChange.Script"/> names it), at trace time <paramref name="Time"/>.</summary>
public sealed record SimulatedScriptChange(double Time, AddressListChange Change) : SimulationEvent;
