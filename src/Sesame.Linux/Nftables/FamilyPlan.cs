using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>What one family's part of the table holds: chains, address lists and their static elements, loops to break.</summary>
internal sealed class FamilyPlan(IpFamily family, EquatableArray<FilterRule> rules)
{
    private readonly HashSet<string> _chainSet = new(StringComparer.Ordinal);
    private readonly HashSet<(string, IpRange)> _hostSet = [];

    public IpFamily Family { get; } = family;

    public EquatableArray<FilterRule> Rules { get; } = rules;

    /// <summary>RouterOS chain names, built-in ones first, then in order of appearance.</summary>
    public List<string> Chains { get; } = [];

    public SortedSet<string> Lists { get; } = new(StringComparer.Ordinal);

    /// <summary>Static (and configured dynamic) host entries, first of duplicates kept as RouterOS refuses the rest.</summary>
    public List<(string List, IpRange Address, TimeSpan? Timeout)> Hosts { get; } = [];

    public SortedDictionary<string, List<IpRange>> Nets { get; } = new(StringComparer.Ordinal);

    public SortedSet<int> ConnectionLimitRules { get; } = [];

    /// <summary>Indexes of SPA rules handed to the daemon, each with its per-source rate set.</summary>
    public SortedSet<int> SpaRules { get; } = [];

    /// <summary>Indexes of jump rules that close a loop of chains.</summary>
    public HashSet<int> LoopJumps { get; } = [];

    public void AddChain(string chain)
    {
        if (_chainSet.Add(chain))
        {
            Chains.Add(chain);
        }
    }

    public void AddHost(string list, IpRange address, TimeSpan? timeout)
    {
        if (_hostSet.Add((list, address)))
        {
            Hosts.Add((list, address, timeout));
        }
    }

    public void AddNet(string list, IpRange range)
    {
        if (!Nets.TryGetValue(list, out List<IpRange>? ranges))
        {
            Nets[list] = ranges = [];
        }

        ranges.Add(range);
    }

    /// <summary>
    /// nftables refuses a ruleset whose jumps form a loop, where the engine follows the loop until its depth limit and
    /// then drops (Firewall.MaxJumpDepth). Decision: a jump that closes a loop compiles to drop — a packet that takes
    /// it would have been dropped by the engine too, only later.
    /// </summary>
    public void FindJumpLoops()
    {
        var edges = new Dictionary<string, List<(string Target, int Index)>>(StringComparer.Ordinal);
        for (int i = 0; i < Rules.Count; i++)
        {
            FilterRule r = Rules[i];
            if (r.Action == FilterAction.Jump && r.JumpTarget is not null && !r.Disabled && r.Unsupported.Count == 0)
            {
                if (!edges.TryGetValue(r.Chain, out List<(string, int)>? list))
                {
                    edges[r.Chain] = list = [];
                }

                list.Add((r.JumpTarget, i));
            }
        }

        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        foreach (string chain in Chains)
        {
            Visit(chain);
        }

        void Visit(string chain)
        {
            if (state.ContainsKey(chain))
            {
                return;
            }

            state[chain] = 1;
            if (edges.TryGetValue(chain, out List<(string Target, int Index)>? out_))
            {
                foreach ((string target, int index) in out_)
                {
                    if (state.TryGetValue(target, out int s) && s == 1)
                    {
                        LoopJumps.Add(index);
                    }
                    else
                    {
                        Visit(target);
                    }
                }
            }

            state[chain] = 2;
        }
    }
}
