using Sesame.Model;

namespace Sesame.Tracing;

/// <summary>
/// What a trace line leaves out: the in-interface (an outside interface of the config), the host's own addresses,
/// and the interfaces the config knows, so that a mistyped <c>in=</c> is reported instead of silently matching nothing.
/// </summary>
public sealed record TraceDefaults(string InInterface, IReadOnlySet<string> KnownInterfaces, UInt128 HostV4, UInt128 HostV6)
{
    /// <summary>The interface used when a config names no interface lists (DESIGN.md, trace format).</summary>
    public const string FallbackInterface = "ether1";

    /// <summary>192.0.2.1 (TEST-NET-1), the host's own IPv4 address unless a trace line says <c>dst=</c>.</summary>
    public static UInt128 DefaultHostV4 { get; } = 0xC0000201u;

    /// <summary>2001:db8::1, the host's own IPv6 address unless a trace line says <c>dst=</c>.</summary>
    public static UInt128 DefaultHostV6 { get; } = new(0x20010DB800000000ul, 1ul);

    public static TraceDefaults Plain { get; } = new(FallbackInterface, new HashSet<string>(StringComparer.Ordinal) { FallbackInterface }, DefaultHostV4, DefaultHostV6);

    /// <summary>
    /// Picks the default in-interface as DESIGN.md says: an interface that is a member of every interface list the
    /// config's rules require (<c>in-interface-list=WAN</c>) and of none they exclude (<c>in-interface-list=!LAN</c>);
    /// <c>ether1</c> when the config has no interface lists. When no member qualifies (a required list with no
    /// members), the default is an interface name chosen to be in no list, and <see cref="Problem"/> says so.
    /// </summary>
    public static TraceDefaults FromConfig(FirewallConfig config)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        var orderedInterfaces = new List<string>();
        void Know(string name)
        {
            if (known.Add(name))
            {
                orderedInterfaces.Add(name);
            }
        }

        foreach (InterfaceListMember member in config.InterfaceListMembers)
        {
            Know(member.Interface);
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (FilterRule rule in config.Ipv4Filter.Concat(config.Ipv6Filter))
        {
            if (rule.InInterface is { } inIf)
            {
                Know(inIf.Value);
            }

            if (rule.OutInterface is { } outIf)
            {
                Know(outIf.Value);
            }

            if (rule.Disabled || rule.InInterfaceList is not { } list)
            {
                continue;
            }

            (list.Negated ? excluded : required).Add(list.Value);
        }

        var membership = new InterfaceListMembership(config);
        string? chosen = null;
        if (config.InterfaceLists.Count == 0 && config.InterfaceListMembers.Count == 0)
        {
            chosen = FallbackInterface;
        }
        else
        {
            foreach (string name in orderedInterfaces)
            {
                if (required.All(l => membership.Contains(l, name)) && !excluded.Any(l => membership.Contains(l, name)))
                {
                    chosen = name;
                    break;
                }
            }
        }

        Know(FallbackInterface);
        return new TraceDefaults(chosen ?? FallbackInterface, known, DefaultHostV4, DefaultHostV6)
        {
            ScriptNames = [.. config.Scripts.Select(s => s.Name)],
            Problem = chosen is null
                ? $"no interface of the config is in {string.Join(" and ", required)}{(excluded.Count > 0 ? " and outside " + string.Join(", ", excluded) : "")}; packets without in= come from '{FallbackInterface}'"
                : null,
        };
    }

    /// <summary>The config's <c>/system script</c> names, which a trace's <c>run</c> line may name.</summary>
    public IReadOnlyList<string> ScriptNames { get; init; } = [];

    /// <summary>Set when no interface fits the rules' interface lists; the trace reader reports it on the first line that needs a default.</summary>
    public string? Problem { get; init; }
}
