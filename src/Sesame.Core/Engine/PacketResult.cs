using Sesame.Model;

namespace Sesame.Engine;

/// <summary>The outcome for one packet.</summary>
/// <param name="RuleIndex">Index in the family's filter list of the rule that decided, or -1 when the built-in chain's default policy (accept) decided.</param>
/// <param name="State">The connection-tracking state the packet had.</param>
public readonly record struct PacketResult(Verdict Verdict, int RuleIndex, ConnectionStates State);
