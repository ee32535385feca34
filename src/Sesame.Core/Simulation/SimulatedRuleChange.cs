using Sesame.Net;

namespace Sesame.Simulation;

/// <summary>A script enabled or disabled filter rules (<c>/ip firewall filter enable|disable</c>) at trace time <paramref name="Time"/>.</summary>
/// <param name="Indices">The rules' indices in the family's filter list.</param>
public sealed record SimulatedRuleChange(double Time, string Script, IpFamily Family, IReadOnlyList<int> Indices, bool Disabled) : SimulationEvent;
