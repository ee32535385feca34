using Sesame.Model;

namespace Sesame.Engine.Interfaces;

/// <summary>
/// Interface names → small ids, and each interface list's effective membership as a bitset over those ids, so
/// <c>in-interface-list=WAN</c> is a bit test. Membership depends only on the name and the configuration, so a name
/// seen for the first time gets its bits set once, when it is resolved.
/// </summary>
/// <remarks>
/// Effective members (ROUTEROS.md §7.4): (members of the include lists − members of the exclude lists) ∪ the list's own
/// enabled static members. Decision: an explicit member entry wins over an exclude, because it is the more specific
/// statement. Predefined lists: <c>all</c> holds every interface; <c>none</c> none; <c>dynamic</c> none and
/// <c>static</c> every interface, since Sesame has no dynamic interfaces (PPP, VPN) of its own. An include cycle adds
/// nothing. A list name the configuration never defines is empty.
/// </remarks>
internal sealed class InterfaceTable
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InterfaceList> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _staticMembers = new(StringComparer.Ordinal);
    private ulong[][] _bits = [];

    public InterfaceTable(FirewallConfig config)
    {
        foreach (InterfaceList list in config.InterfaceLists)
        {
            _definitions.TryAdd(list.Name, list);
        }

        foreach (InterfaceListMember member in config.InterfaceListMembers)
        {
            if (!member.Disabled)
            {
                if (!_staticMembers.TryGetValue(member.List, out HashSet<string>? set))
                {
                    set = new HashSet<string>(StringComparer.Ordinal);
                    _staticMembers[member.List] = set;
                }

                set.Add(member.Interface);
            }
        }

        foreach (InterfaceListMember member in config.InterfaceListMembers)
        {
            Resolve(member.Interface);
        }
    }

    /// <summary>The id of a list name for rules; every name gets one, defined or not.</summary>
    public int ListId(string name)
    {
        if (!_lists.TryGetValue(name, out int id))
        {
            id = _lists.Count;
            _lists[name] = id;
            Array.Resize(ref _bits, id + 1);
            _bits[id] = new ulong[Math.Max(1, (_ids.Count + 63) / 64)];
            foreach ((string ifName, int ifId) in _ids)
            {
                if (IsMember(name, ifName, []))
                {
                    Set(_bits[id], ifId);
                }
            }
        }

        return id;
    }

    public int Resolve(string name)
    {
        if (_ids.TryGetValue(name, out int id))
        {
            return id;
        }

        id = _ids.Count;
        _ids[name] = id;
        foreach ((string listName, int listId) in _lists)
        {
            if ((id >> 6) >= _bits[listId].Length)
            {
                Array.Resize(ref _bits[listId], _bits[listId].Length * 2);
            }

            if (IsMember(listName, name, []))
            {
                Set(_bits[listId], id);
            }
        }

        return id;
    }

    public bool Contains(int list, int interfaceId)
    {
        if (interfaceId < 0)
        {
            return false;
        }

        ulong[] bits = _bits[list];
        int word = interfaceId >> 6;
        return word < bits.Length && ((bits[word] >> (interfaceId & 63)) & 1) != 0;
    }

    private static void Set(ulong[] bits, int id) => bits[id >> 6] |= 1UL << (id & 63);

    private bool IsMember(string list, string ifName, HashSet<string> visiting)
    {
        switch (list)
        {
            case "all" or "static":
                return true;
            case "none" or "dynamic":
                return false;
        }

        if (_staticMembers.TryGetValue(list, out HashSet<string>? members) && members.Contains(ifName))
        {
            return true;
        }

        if (!_definitions.TryGetValue(list, out InterfaceList? definition) || !visiting.Add(list))
        {
            return false;
        }

        bool included = false;
        foreach (string include in definition.Include)
        {
            if (IsMember(include, ifName, visiting))
            {
                included = true;
                break;
            }
        }

        if (included)
        {
            foreach (string exclude in definition.Exclude)
            {
                if (IsMember(exclude, ifName, visiting))
                {
                    included = false;
                    break;
                }
            }
        }

        visiting.Remove(list);
        return included;
    }
}
