using Sesame.Model;

namespace Sesame.Engine.Rules;

/// <summary>One family's compiled filter: rules by list index, the enabled rules of each chain, and the counters.</summary>
internal sealed class RuleSet
{
    /// <summary>Chain ids of the built-in chains; equal to <see cref="Hook"/> values.</summary>
    public const int Input = 0;
    public const int Forward = 1;
    public const int Output = 2;

    private readonly int[] _chainOf;

    public RuleSet(CompiledRule?[] rules, int[] chainOf, bool[] disabled, string[] chainNames)
    {
        Rules = rules;
        _chainOf = chainOf;
        Disabled = disabled;
        ChainNames = chainNames;
        Packets = new long[rules.Length];
        Bytes = new long[rules.Length];
        Chains = BuildChains();
    }

    /// <summary>Rules by index in the family's filter list; null for a rule that never matches (unsupported, broken).</summary>
    public CompiledRule?[] Rules { get; }

    /// <summary>Per rule, whether it is disabled now (from the config, then changed by scripts).</summary>
    public bool[] Disabled { get; }

    /// <summary>Per chain id, the indexes of the enabled rules that can match, in list order. Rebuilt when a rule is enabled or disabled, so evaluation never tests the flag.</summary>
    public int[][] Chains { get; private set; }

    public string[] ChainNames { get; }

    /// <summary>
    /// Some enabled rule that can match reads connection tracking: connection-state, connection-limit, layer7-protocol,
    /// or the fasttrack-connection action (whose connections then bypass the filter).
    /// </summary>
    public bool ObservesConnections
    {
        get
        {
            for (int i = 0; i < Rules.Length; i++)
            {
                if (!Disabled[i] && Rules[i] is { } r
                    && (r.HasConnectionState || r.HasConnectionLimit || r.Layer7 >= 0 || r.Action == FilterAction.FasttrackConnection))
                {
                    return true;
                }
            }

            return false;
        }
    }

    public long[] Packets { get; }

    public long[] Bytes { get; }

    /// <summary>Enables or disables rules and rebuilds the chains; counters are kept.</summary>
    public void SetDisabled(IReadOnlyList<int> indices, bool disabled)
    {
        foreach (int index in indices)
        {
            Disabled[index] = disabled;
        }

        Chains = BuildChains();
    }

    private int[][] BuildChains()
    {
        var members = new List<int>[ChainNames.Length];
        for (int c = 0; c < members.Length; c++)
        {
            members[c] = [];
        }

        for (int index = 0; index < Rules.Length; index++)
        {
            if (Rules[index] is not null && !Disabled[index])
            {
                members[_chainOf[index]].Add(index);
            }
        }

        return [.. members.Select(m => m.ToArray())];
    }
}
