using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Simulation;

/// <summary>A rule with its counters at the end of a simulation; <see cref="Index"/> is its place in the family's filter list.</summary>
public sealed record SimulatedRule(IpFamily Family, int Index, FilterRule Rule, RuleCounter Counter);
