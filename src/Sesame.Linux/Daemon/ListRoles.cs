using Sesame.Model;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Names each address list's role from the rules that read it: a list an enabled accept rule requires
/// (<c>src-address-list=secured action=accept</c>) grants, one a drop/reject/tarpit rule requires blacklists, any other
/// list is a knock stage. A list that both accepts and drops is called a grant (the first knock setups need it to open).
/// </summary>
internal sealed class ListRoles
{
    private readonly Dictionary<string, EventKind> _roles = new(StringComparer.Ordinal);

    public ListRoles(FirewallConfig config)
    {
        foreach (FilterRule rule in config.Ipv4Filter.Concat(config.Ipv6Filter))
        {
            if (rule.Disabled || rule.SrcAddressList is not { Negated: false } list)
            {
                continue;
            }

            EventKind? kind = rule.Action switch
            {
                FilterAction.Accept => EventKind.Grant,
                FilterAction.Drop or FilterAction.Reject or FilterAction.Tarpit => EventKind.Blacklist,
                _ => null,
            };
            if (kind is { } k && (!_roles.TryGetValue(list.Value, out EventKind existing) || existing != EventKind.Grant))
            {
                _roles[list.Value] = k;
            }
        }
    }

    public EventKind Of(string list) => _roles.TryGetValue(list, out EventKind kind) ? kind : EventKind.Stage;
}
