using Sesame.Model;

namespace Sesame.Checking;

/// <summary>One step of a knock sequence found in the rules: the rule, its index in the family's list, and the port it hears.</summary>
/// <param name="Port">The single port of the step, or null when the rule matches several ports.</param>
/// <param name="Timeout">How long the step's list entry lasts (null: no timeout).</param>
public sealed record KnockStepRule(int Index, FilterRule Rule, ushort? Port, byte? Protocol, TimeSpan? Timeout);
