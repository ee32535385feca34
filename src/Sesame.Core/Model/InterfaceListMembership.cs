namespace Sesame.Model;

/// <summary>
/// Effective interface-list membership (ROUTEROS.md §7.4): a list's own enabled members, plus the members of the lists
/// it includes, minus the members of the lists it excludes. Predefined lists: <c>all</c> holds every interface,
/// <c>none</c> none; Sesame treats every interface as static, so <c>static</c> = <c>all</c> and <c>dynamic</c> = <c>none</c>.
/// </summary>
public sealed class InterfaceListMembership
{
    private readonly Dictionary<string, InterfaceList> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _members = new(StringComparer.Ordinal);

    public InterfaceListMembership(FirewallConfig config)
    {
        foreach (InterfaceList list in config.InterfaceLists)
        {
            _lists[list.Name] = list;
        }

        foreach (InterfaceListMember member in config.InterfaceListMembers)
        {
            if (member.Disabled)
            {
                continue;
            }

            if (!_members.TryGetValue(member.List, out HashSet<string>? set))
            {
                _members[member.List] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(member.Interface);
        }
    }

    public bool Contains(string list, string interfaceName) => Contains(list, interfaceName, depth: 0);

    private bool Contains(string list, string interfaceName, int depth)
    {
        switch (list)
        {
            case "all" or "static":
                return true;
            case "none" or "dynamic":
                return false;
        }

        // Lists that include each other in a cycle would recurse forever; RouterOS refuses such cycles, so stop early.
        if (depth > 16)
        {
            return false;
        }

        bool member = _members.TryGetValue(list, out HashSet<string>? own) && own.Contains(interfaceName);
        if (_lists.TryGetValue(list, out InterfaceList? definition))
        {
            foreach (string included in definition.Include)
            {
                member |= Contains(included, interfaceName, depth + 1);
            }

            foreach (string excludedList in definition.Exclude)
            {
                if (Contains(excludedList, interfaceName, depth + 1))
                {
                    return false;
                }
            }
        }

        return member;
    }
}
