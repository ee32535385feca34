using Sesame.Diagnostics;
using Sesame.Net;

namespace Sesame.Model;

/// <summary>
/// <c>--ipv6=mirror</c>: applies a config's IPv4 filter to IPv6 as well, for configs written for IPv4 only (RouterOS
/// keeps the families apart, ROUTEROS.md §2.1, and an empty IPv6 chain accepts everything, §2.4). A pure transform of
/// the model; it must fail closed: no IPv6 rule may let in more than the IPv4 rule it copies.
/// </summary>
/// <remarks>
/// <para>Each IPv4 rule is copied in place with the same chain, list names (IPv6 lists are separate lists of the same
/// name: an IPv6 knock fills the IPv6 list and admits the IPv6 source), comment and source line. Family-independent
/// matchers are kept as they are. Translated: <c>protocol=icmp</c> → <c>icmpv6</c>; <c>tarpit</c> (IPv4-only) →
/// <c>drop</c>; <c>reject-with</c> to its ICMPv6 counterpart; <c>connection-limit=N,32</c> (per host) → <c>N,128</c>.
/// <c>fasttrack-connection</c> (IPv4-only) is left out: the IPv6 copy filters every packet. Static IPv4 address-list
/// entries are not copied (an IPv4 address has no IPv6 counterpart): the IPv6 lists start empty.</para>
/// <para><c>src-address</c> is a remote host's identity, and an IPv6 source is none of the IPv4 addresses a rule names:
/// the copy keeps RouterOS's literal meaning, so a rule needing an IPv4 source has no copy and <c>!prefix</c> matches
/// every IPv6 source. That never lets an IPv6 source do more than an IPv4 source outside every prefix and static list
/// entry of the config, and the mirror refuses a config that leaves no such IPv4 source.</para>
/// <para>A matcher with no IPv6 meaning — a <c>dst-address</c> (the router's own IPv4 address on input), a
/// <c>dst-address-list</c> with static IPv4 entries, <c>layer7-protocol</c> (IPv4-only, §4.1), <c>connection-limit</c>
/// with another mask, <c>icmp-options</c>/<c>ttl</c>/<c>ipv4-options</c> — makes the copy either drop more or admit
/// less: a drop/reject/tarpit rule loses the matcher (it drops every packet the rest of the rule matches); an accept rule,
/// or an add-to-list rule whose list only ever admits (every use of it is a plain <c>src-address-list=</c> on an accept
/// or on a rule filling such a list), has no copy (a passphrase knock leaves its door shut over IPv6); so has a log or
/// passthrough rule, which decides nothing. Any other rule with such a matcher is refused, naming the rule, since leaving
/// it out or widening it could let more in.</para>
/// <para>A config that already has <c>/ipv6 firewall filter</c> rules is refused: the admin wrote IPv6 rules, and merging
/// two policies is not a transform anyone can review.</para>
/// </remarks>
public static class Ipv6Mirror
{
    public const string HasIpv6RulesCode = "SES0541";
    public const string RefusedCode = "SES0542";
    public const string NarrowedCode = "SES0543";
    public const string StaticEntriesCode = "SES0544";

    private static readonly string[] Ipv4OnlyProperties = ["icmp-options", "ipv4-options", "ttl"];

    public static Ipv6MirrorResult Apply(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var bag = new DiagnosticBag();
        if (config.Ipv6Filter.Count > 0)
        {
            bag.Error(config.Ipv6Filter[0].Location, HasIpv6RulesCode,
                $"--ipv6=mirror copies the IPv4 filter into an empty IPv6 filter, but this config has {config.Ipv6Filter.Count} /ipv6 firewall filter rule{(config.Ipv6Filter.Count == 1 ? "" : "s")}; run without --ipv6=mirror (check names what IPv6 leaves open), or remove them to mirror");
            return new Ipv6MirrorResult(config, bag.Items);
        }

        if (!LeavesAnIpv4SourceOut(config))
        {
            bag.Error(config.Ipv4Filter.Count > 0 ? config.Ipv4Filter[0].Location : SourceLocation.None, RefusedCode,
                "the IPv4 rules' src-address values and static address-list entries cover every IPv4 address, so no IPv4 source stands for an IPv6 one and the mirror cannot tell what an IPv6 source may do; write the /ipv6 firewall filter rules yourself");
            return new Ipv6MirrorResult(config, bag.Items);
        }

        var staticLists = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (AddressListEntry entry in config.Ipv4AddressList)
        {
            if (entry.IsStatic && !entry.Disabled && entry.Address is not null)
            {
                staticLists.TryAdd(entry.List, entry.Location);
            }
        }

        var copier = new RuleCopier(bag, GrantOnlyLists(config.Ipv4Filter), staticLists);
        var rules = new List<FilterRule>(config.Ipv4Filter.Count);
        foreach (FilterRule rule in config.Ipv4Filter)
        {
            if (copier.Copy(rule) is { } copy)
            {
                rules.Add(copy);
            }
        }

        foreach ((string list, SourceLocation at) in staticLists)
        {
            if (rules.Any(r => r.SrcAddressList?.Value == list))
            {
                bag.Warning(at, StaticEntriesCode,
                    $"list '{list}' has static IPv4 entries, which have no IPv6 counterpart: the IPv6 list '{list}' starts empty; add its IPv6 addresses under /ipv6 firewall address-list");
            }
        }

        return bag.HasErrors
            ? new Ipv6MirrorResult(config, bag.Items)
            : new Ipv6MirrorResult(config with { Ipv6Filter = [.. rules] }, bag.Items);
    }

    /// <summary>
    /// The lists whose entries only ever let more in: every enabled use is a plain <c>src-address-list=L</c> or
    /// <c>dst-address-list=L</c> on an accept rule or on an add-to-list rule whose own list is one of them (the knock
    /// stages and grant list of a plain door). Fewer entries in such a list can only admit less.
    /// </summary>
    internal static HashSet<string> GrantOnlyLists(EquatableArray<FilterRule> rules)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (FilterRule rule in rules)
        {
            foreach (string? name in (string?[])[rule.AddressList, rule.SrcAddressList?.Value, rule.DstAddressList?.Value])
            {
                if (name is not null)
                {
                    result.Add(name);
                }
            }
        }

        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (FilterRule rule in rules)
            {
                if (rule.Disabled)
                {
                    continue;
                }

                bool admits = rule.Action == FilterAction.Accept
                    || (rule.Action.AddsToAddressList() && rule.AddressList is { } target && result.Contains(target));
                foreach (Negatable<string>? use in (Negatable<string>?[])[rule.SrcAddressList, rule.DstAddressList])
                {
                    if (use is { } u && (u.Negated || !admits) && result.Remove(u.Value))
                    {
                        changed = true;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>True when some IPv4 address is outside every src-address of the rules and every static list entry.</summary>
    private static bool LeavesAnIpv4SourceOut(FirewallConfig config)
    {
        var ranges = new List<IpRange>();
        foreach (FilterRule rule in config.Ipv4Filter)
        {
            if (rule.SrcAddress is { } src && src.Value.PrefixLength != 0)
            {
                ranges.Add(src.Value);
            }
        }

        foreach (AddressListEntry entry in config.Ipv4AddressList)
        {
            if (entry.IsStatic && !entry.Disabled && entry.Address is { } address)
            {
                ranges.Add(address);
            }
        }

        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        UInt128 next = 0;
        foreach (IpRange range in ranges)
        {
            if (range.First > next)
            {
                return true;
            }

            next = UInt128.Max(next, range.Last + 1);
        }

        return next <= uint.MaxValue;
    }

    private static string RejectWithV6(string ipv4) => ipv4 switch
    {
        "icmp-network-unreachable" => "icmp-no-route",
        "icmp-host-unreachable" => "icmp-address-unreachable",
        "icmp-port-unreachable" => "icmp-port-unreachable",
        "tcp-reset" => "tcp-reset",
        _ => "icmp-admin-prohibited",
    };

    /// <summary>Copies one rule at a time, collecting what it had to change.</summary>
    private sealed class RuleCopier(DiagnosticBag bag, HashSet<string> grantOnly, Dictionary<string, SourceLocation> staticLists)
    {
        public FilterRule? Copy(FilterRule rule)
        {
            if (rule.Action == FilterAction.FasttrackConnection)
            {
                return null;
            }

            FilterRule? copy = rule;
            if (rule.Action == FilterAction.Tarpit)
            {
                copy = copy with { Action = FilterAction.Drop };
            }

            if (rule.Action == FilterAction.Reject && rule.RejectWith is { } kind)
            {
                copy = copy with { RejectWith = RejectWithV6(kind) };
            }

            if (rule.Protocol is { Value: IpProtocols.Icmp } icmp)
            {
                copy = copy with { Protocol = new Negatable<byte>(icmp.Negated, IpProtocols.IcmpV6) };
            }

            if (rule.SrcAddress is { } src)
            {
                if (src.Value.PrefixLength == 0 ? src.Negated : !src.Negated)
                {
                    Note(rule, $"src-address={src}: no IPv6 packet comes from this IPv4 source, so the rule has no IPv6 copy (it would never match)");
                    return null;
                }

                copy = copy with { SrcAddress = null };
            }

            if (rule.DstAddress is { } dst)
            {
                if (dst.Value.PrefixLength == 0)
                {
                    if (dst.Negated)
                    {
                        return null;
                    }

                    copy = copy with { DstAddress = null };
                }
                else
                {
                    copy = Untranslatable(rule, copy, $"dst-address={dst}", dst.Negated, c => c with { DstAddress = null });
                }
            }

            if (copy is not null && rule.DstAddressList is { } dstList && staticLists.ContainsKey(dstList.Value))
            {
                copy = Untranslatable(rule, copy, $"dst-address-list={dstList} (a list with static IPv4 entries)", dstList.Negated, c => c with { DstAddressList = null });
            }

            if (copy is not null && rule.Layer7Protocol is { } layer7)
            {
                copy = Untranslatable(rule, copy, $"layer7-protocol={layer7} (IPv4-only in RouterOS)", false, c => c with { Layer7Protocol = null });
            }

            if (copy is not null && rule.ConnectionLimit is { } limit)
            {
                copy = limit.Value.Mask switch
                {
                    32 => copy with { ConnectionLimit = limit with { Value = limit.Value with { Mask = 128 } } },
                    0 => copy,
                    _ => Untranslatable(rule, copy, $"connection-limit={limit}", limit.Negated, c => c with { ConnectionLimit = null }),
                };
            }

            foreach (RawProperty raw in rule.Unsupported)
            {
                if (copy is not null && Ipv4OnlyProperties.Contains(raw.Name, StringComparer.Ordinal))
                {
                    copy = Untranslatable(rule, copy, $"{raw.Name}={raw.Value}", false, c => c with { Unsupported = [.. c.Unsupported.Where(p => p != raw)] });
                }
            }

            return copy;
        }

        /// <summary>The fail-closed choice for a matcher with no IPv6 meaning (see <see cref="Ipv6Mirror"/>).</summary>
        private FilterRule? Untranslatable(FilterRule rule, FilterRule copy, string matcher, bool negated, Func<FilterRule, FilterRule> without)
        {
            if (rule.Action is FilterAction.Drop or FilterAction.Reject or FilterAction.Tarpit)
            {
                Note(rule, $"{matcher} has no IPv6 counterpart: the IPv6 copy of this {rule.Action.ToRouterOs()} rule leaves it out and so drops every packet the rest of the rule matches");
                return without(copy);
            }

            if (rule.Action is FilterAction.Log or FilterAction.Passthrough)
            {
                Note(rule, $"{matcher} has no IPv6 counterpart: this {rule.Action.ToRouterOs()} rule (it decides nothing) has no IPv6 copy");
                return null;
            }

            bool admitsOnly = rule.Action == FilterAction.Accept
                || (rule.Action.AddsToAddressList() && rule.AddressList is { } list && grantOnly.Contains(list));
            if (admitsOnly && !negated)
            {
                Note(rule, rule.Action == FilterAction.Accept
                    ? $"{matcher} has no IPv6 counterpart: this accept rule has no IPv6 copy, so over IPv6 it admits nothing"
                    : $"{matcher} has no IPv6 counterpart: this rule has no IPv6 copy, so list '{rule.AddressList}' stays empty over IPv6 and what it opens stays shut");
                return null;
            }

            if (!rule.Disabled)
            {
                bag.Error(rule.Location, RefusedCode,
                    $"{matcher} has no IPv6 counterpart, and this {rule.Action.ToRouterOs()} rule can neither be left out nor widened without letting more in over IPv6; write its IPv6 rule under /ipv6 firewall filter, or run without --ipv6=mirror");
            }

            return null;
        }

        private void Note(FilterRule rule, string message)
        {
            if (!rule.Disabled)
            {
                bag.Warning(rule.Location, NarrowedCode, message);
            }
        }
    }
}
