using System.Collections.Frozen;
using Sesame.Linux.Nftables;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Which of the running configuration's address lists travel with the fleet: by default every list in the grant or
/// blacklist role (an accept, drop, reject or tarpit rule reads it), never a knock stage; <c>--fleet-share</c> adds a
/// list, <c>--fleet-local</c> keeps one to this node. Immutable: the daemon swaps in a new one on reload, and the fleet's
/// threads read whichever is current.
/// </summary>
internal sealed class FleetScope
{
    public static readonly FleetScope None = new(FrozenSet<(IpFamily, string)>.Empty, FrozenSet<string>.Empty);

    private readonly FrozenSet<(IpFamily Family, string List)> _shared;
    private readonly FrozenSet<string> _used;

    private FleetScope(FrozenSet<(IpFamily Family, string List)> shared, FrozenSet<string> used)
    {
        _shared = shared;
        _used = used;
        Lists = [.. shared.Select(s => s.List).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The shared lists' names, sorted.</summary>
    public IReadOnlyList<string> Lists { get; }

    /// <summary>Whether <paramref name="list"/> is shared and has a host set of <paramref name="family"/> in the table.</summary>
    public bool Shares(IpFamily family, string list) => _shared.Contains((family, list));

    /// <summary>Whether the configuration has <paramref name="list"/> at all (in either family).</summary>
    public bool Uses(string list) => _used.Contains(list);

    /// <summary>The scope of a compiled ruleset: its host sets, the lists' roles, and the node's choices.</summary>
    public static FleetScope Of(NftRuleset ruleset, ListRoles roles, IReadOnlyCollection<string> share, IReadOnlyCollection<string> local)
    {
        var sets = new HashSet<(IpFamily, string)>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (NftCommand command in ruleset.JsonCommands)
        {
            if (command is { Verb: "add", Kind: "set" } && command.Field("name") is { } name
                && NftNames.TryParseAddressListSet(name, out IpFamily family, out string list, out bool isNetSet) && !isNetSet)
            {
                used.Add(list);
                bool shared = share.Contains(list) || (roles.Of(list) != EventKind.Stage && !local.Contains(list));
                if (shared)
                {
                    sets.Add((family, list));
                }
            }
        }

        return new FleetScope(sets.ToFrozenSet(), used.ToFrozenSet(StringComparer.Ordinal));
    }
}
