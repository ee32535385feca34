using Sesame.Model;

namespace Sesame.Engine.Rules;

/// <summary>One family's compiled filter: rules by list index, the enabled rules of each chain, and the counters.</summary>
internal sealed class RuleSet(CompiledRule?[] rules, int[][] chains, string[] chainNames)
{
    /// <summary>Chain ids of the built-in chains; equal to <see cref="Hook"/> values.</summary>
    public const int Input = 0;
    public const int Forward = 1;
    public const int Output = 2;

    /// <summary>Rules by index in the family's filter list; null for a rule that never matches (disabled, unsupported, broken).</summary>
    public CompiledRule?[] Rules { get; } = rules;

    /// <summary>Per chain id, the indexes of the rules that can match, in list order.</summary>
    public int[][] Chains { get; } = chains;

    public string[] ChainNames { get; } = chainNames;

    /// <summary>
    /// Some rule that can match reads connection tracking: connection-state, connection-limit, layer7-protocol, or the
    /// fasttrack-connection action (whose connections then bypass the filter).
    /// </summary>
    public bool ObservesConnections { get; } = rules.Any(r => r is not null
        && (r.HasConnectionState || r.HasConnectionLimit || r.Layer7 >= 0 || r.Action == FilterAction.FasttrackConnection));

    public long[] Packets { get; } = new long[rules.Length];

    public long[] Bytes { get; } = new long[rules.Length];
}
