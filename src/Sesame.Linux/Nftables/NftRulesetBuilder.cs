using System.Text.Json.Nodes;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>Lays out the script of <see cref="NftCompiler"/>: table, chains, sets, counters, static elements, rules.</summary>
internal sealed partial class NftRulesetBuilder
{
    private static readonly string[] BuiltInChains = ["input", "forward", "output"];

    private readonly FirewallConfig _config;
    private readonly NftCompilerOptions _options;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly InterfaceListMembership _membership;
    private readonly SortedSet<string> _interfaceLists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Layer7Protocol> _layer7 = new(StringComparer.Ordinal);

    /// <summary>Set while translating a rule whose Layer7 match the daemon makes (it then logs no add event of its own).</summary>
    private bool _daemonLayer7;

    /// <summary>
    /// What a dynamic entry without timeout becomes in the kernel: RouterOS's longest timeout (35w3d13h13m56s), so that a
    /// rule's refresh can give it that rule's timeout as the engine does (ROUTEROS.md §3.4).
    /// </summary>
    internal static readonly TimeSpan DynamicWithoutTimeout = RouterOsTime.Max;

    public NftRulesetBuilder(FirewallConfig config, NftCompilerOptions options)
    {
        _config = config;
        _options = options;
        _membership = new InterfaceListMembership(config);
        foreach (Layer7Protocol protocol in config.Layer7Protocols)
        {
            _layer7.TryAdd(protocol.Name, protocol);
        }
    }

    public NftCompilation Build()
    {
        FamilyPlan v4 = Plan(IpFamily.V4, _config.Ipv4Filter, _config.Ipv4AddressList);
        FamilyPlan v6 = Plan(IpFamily.V6, _config.Ipv6Filter, _config.Ipv6AddressList);
        List<NftCommand> v4Rules = TranslateRules(v4);
        List<NftCommand> v6Rules = TranslateRules(v6);

        var c = new List<NftCommand> { NftCommand.Of("add", "table", []) };
        foreach (string hook in BuiltInChains)
        {
            // Built-in chains accept at their end (ROUTEROS.md §2.4); priority 0 is nftables' filter priority.
            c.Add(NftCommand.Of("add", "chain", new JsonObject
            {
                ["name"] = hook, ["type"] = "filter", ["hook"] = hook, ["prio"] = 0, ["policy"] = "accept",
            }));
        }

        List<string> chains = [.. BuiltInChains, .. v4.Chains.Select(c => NftNames.Chain(IpFamily.V4, c)), .. v6.Chains.Select(c => NftNames.Chain(IpFamily.V6, c))];
        foreach (string chain in chains.Skip(BuiltInChains.Length))
        {
            c.Add(NftCommand.Of("add", "chain", new JsonObject { ["name"] = chain }));
        }

        foreach (string chain in chains)
        {
            c.Add(NftCommand.Of("flush", "chain", new JsonObject { ["name"] = chain }));
        }

        AddInterfaceSets(c);
        AddFamilyObjects(c, v4);
        AddFamilyObjects(c, v6);
        foreach (string hook in BuiltInChains)
        {
            // RouterOS keeps IPv4 and IPv6 apart (ROUTEROS.md §2.1): each hook dispatches to its family's chain.
            foreach (IpFamily family in (ReadOnlySpan<IpFamily>)[IpFamily.V4, IpFamily.V6])
            {
                c.Add(Rule(hook, [NftExpr.Equal(NftExpr.Meta("nfproto"), family == IpFamily.V4 ? "ipv4" : "ipv6"), NftExpr.Jump(NftNames.Chain(family, hook))]));
            }
        }

        c.AddRange(v4Rules);
        c.AddRange(v6Rules);
        return new NftCompilation(new NftRuleset(c), _diagnostics.Sorted());
    }

    private static NftCommand Rule(string chain, IEnumerable<JsonObject> statements) =>
        NftCommand.Of("add", "rule", new JsonObject { ["chain"] = chain, ["expr"] = new JsonArray([.. statements.Select(s => s.DeepClone())]) });

    private static NftCommand Elements(string verb, string set, IEnumerable<JsonNode> elements) =>
        NftCommand.Of(verb, "element", new JsonObject { ["name"] = set, ["elem"] = new JsonArray([.. elements.Select(e => e.DeepClone())]) });

    private static NftCommand SetDeclaration(string name, string type, string[] flags, int? size)
    {
        var set = new JsonObject { ["name"] = name, ["type"] = type };
        if (flags.Length > 0)
        {
            set["flags"] = NftExpr.Flags(flags);
        }

        if (size is { } n)
        {
            set["size"] = n;
        }

        return NftCommand.Of("add", "set", set);
    }

    private FamilyPlan Plan(IpFamily family, EquatableArray<FilterRule> rules, EquatableArray<AddressListEntry> entries)
    {
        var plan = new FamilyPlan(family, rules);
        foreach (string chain in BuiltInChains)
        {
            plan.AddChain(chain);
        }

        foreach (FilterRule rule in rules)
        {
            plan.AddChain(rule.Chain);
            if (rule.JumpTarget is not null)
            {
                plan.AddChain(rule.JumpTarget);
            }

            foreach (string? list in (ReadOnlySpan<string?>)[rule.Action.AddsToAddressList() ? rule.AddressList : null, rule.SrcAddressList?.Value, rule.DstAddressList?.Value])
            {
                if (list is not null)
                {
                    plan.Lists.Add(list);
                }
            }

            foreach (Negatable<string>? ifList in (ReadOnlySpan<Negatable<string>?>)[rule.InInterfaceList, rule.OutInterfaceList])
            {
                if (ifList is { } l && !IsPredefined(l.Value))
                {
                    _interfaceLists.Add(l.Value);
                }
            }
        }

        foreach (AddressListEntry entry in entries)
        {
            plan.Lists.Add(entry.List);
            if (entry.Address is not { } address)
            {
                _diagnostics.Warning(entry.Location, "SES0606",
                    $"address-list entry '{entry.DnsName}' in '{entry.List}' is a DNS name; Sesame does not resolve names, so it matches nothing");
                continue;
            }

            if (entry.Disabled || address.Family != family)
            {
                continue; // a disabled entry matches nothing (ROUTEROS.md §3.1); an address of the other family is not in this list
            }

            if (address.IsHost)
            {
                // A dynamic entry without timeout is given the longest RouterOS timeout: a kernel element without one is
                // static, and `update` never gives it the timeout of a rule that refreshes it, so it would never expire
                // where the engine lets it (found by the simulator-kernel property test; an open door on a grant list).
                plan.AddHost(entry.List, address, entry.IsStatic ? null : entry.Timeout ?? DynamicWithoutTimeout);
            }
            else
            {
                if (entry.Timeout is not null)
                {
                    _diagnostics.Warning(entry.Location, "SES0607",
                        $"address-list entry {address} in '{entry.List}': a prefix or range is kept without its timeout in nftables (an interval set is static)");
                }

                plan.AddNet(entry.List, address);
            }
        }

        plan.FindJumpLoops();
        return plan;
    }

    private void AddInterfaceSets(List<NftCommand> c)
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (InterfaceListMember member in _config.InterfaceListMembers)
        {
            candidates.Add(member.Interface);
        }

        foreach (FilterRule rule in _config.Ipv4Filter.Concat(_config.Ipv6Filter))
        {
            if (rule.InInterface is { } i)
            {
                candidates.Add(i.Value);
            }

            if (rule.OutInterface is { } o)
            {
                candidates.Add(o.Value);
            }
        }

        foreach (string list in _interfaceLists)
        {
            // Interface lists become sets of names, so interfaces may come, go and change addresses. The effective members
            // (ROUTEROS.md §7.4) are computed over the interfaces the configuration names; a list that includes `all`
            // therefore holds only those, not interfaces the configuration never mentions.
            string set = NftNames.InterfaceSet(list);
            c.Add(SetDeclaration(set, "ifname", [], null));
            c.Add(NftCommand.Of("flush", "set", new JsonObject { ["name"] = set }));
            JsonNode[] members = [.. candidates.Where(m => _membership.Contains(list, m)).Select(m => (JsonNode)InterfaceName(m))];
            if (members.Length > 0)
            {
                c.Add(Elements("add", set, members));
            }
        }
    }

    private void AddFamilyObjects(List<NftCommand> c, FamilyPlan plan)
    {
        string type = plan.Family == IpFamily.V4 ? "ipv4_addr" : "ipv6_addr";
        foreach (string list in plan.Lists)
        {
            // `flags dynamic, timeout` as the kernel reports a set that rules update, so that `add set` on a set that
            // exists is a no-op instead of a conflict (NftContext.Apply leaves `dynamic` out of the JSON, which
            // libnftables 1.0.6 does not read, and declares no set that is already there).
            c.Add(SetDeclaration(NftNames.HostSet(plan.Family, list), type, ["dynamic", "timeout"], _options.AddressListSize));
            if (plan.Nets.TryGetValue(list, out List<IpRange>? nets))
            {
                // Prefixes and ranges need an interval set, which the packet path cannot update; they are static, so this
                // set is refilled on every apply. Overlaps are merged (RouterOS accepts them, an interval set does not).
                string netSet = NftNames.NetSet(plan.Family, list);
                c.Add(SetDeclaration(netSet, type, ["interval"], null));
                c.Add(NftCommand.Of("flush", "set", new JsonObject { ["name"] = netSet }));
                c.Add(Elements("add", netSet, Merge(nets).Select(NftExpr.Address)));
            }
        }

        foreach (int index in plan.ConnectionLimitRules)
        {
            c.Add(SetDeclaration(NftNames.ConnectionLimitSet(plan.Family, index), type, ["dynamic"], _options.ConnectionLimitSize));
        }

        foreach (int index in plan.SpaRules)
        {
            c.Add(SpaRateSetDeclaration(plan.Family, index));
        }

        for (int index = 0; index < plan.Rules.Count; index++)
        {
            c.Add(NftCommand.Of("add", "counter", new JsonObject { ["name"] = NftNames.Counter(plan.Family, index) }));
        }

        foreach ((string list, IpRange address, TimeSpan? timeout) in plan.Hosts)
        {
            string set = NftNames.HostSet(plan.Family, list);
            if (timeout is { } ttl)
            {
                c.Add(Elements("add", set, [NftExpr.TimedElement(NftExpr.Address(address), NftExpr.Seconds(ttl))]));
                continue;
            }

            // add, delete, add: the address ends up without a timeout even when the kernel already had it with one (a
            // plain `add` of an existing element changes nothing).
            c.Add(Elements("add", set, [NftExpr.Address(address)]));
            c.Add(Elements("delete", set, [NftExpr.Address(address)]));
            c.Add(Elements("add", set, [NftExpr.Address(address)]));
        }
    }

    private static IEnumerable<IpRange> Merge(List<IpRange> ranges)
    {
        IpRange? current = null;
        foreach (IpRange r in ranges.OrderBy(r => r.First))
        {
            if (current is { } c && (c.Last == UInt128.MaxValue || r.First <= c.Last + 1))
            {
                current = c with { Last = UInt128.Max(c.Last, r.Last) };
                continue;
            }

            if (current is { } done)
            {
                yield return done;
            }

            current = r;
        }

        if (current is { } last)
        {
            yield return last;
        }
    }

    private static bool IsPredefined(string interfaceList) => InterfaceList.Predefined.Contains(interfaceList);

    /// <summary>
    /// An interface name as nftables reads it: a trailing <c>*</c> would make it a wildcard (every name with that
    /// prefix), which RouterOS names never are, so it is escaped as nftables asks (<c>\*</c>).
    /// </summary>
    /// <remarks>A name starting with <c>@</c> is refused: libnftables' JSON reads such a string as a set reference.</remarks>
    /// <exception cref="NftException">The name starts with <c>@</c>.</exception>
    private static string InterfaceName(string name) =>
        name.StartsWith('@')
            ? throw new NftException($"interface name '{NftTextWriter.Text(name, NftTextKind.Comment, "an interface name")}': a name starting with @ cannot be matched in nftables (it would name a set)")
            : name.EndsWith('*') ? name[..^1] + "\\*" : name;
}
