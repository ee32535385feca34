using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Checking;

/// <summary>
/// Checks a well-formed rule model for mistakes that RouterOS accepts silently but that break a knock setup: an address
/// list that rules match but nothing ever fills (a typo such as <c>secure</c> for <c>secured</c>), a jump to an empty
/// chain, rules that can never be reached. Diagnostic codes SES05xx; warnings, since the router would run it, except
/// what the Linux kernel cannot hold (SES0520–SES0529, <see cref="CheckKernelLimits(FirewallConfig)"/>), which are errors.
/// </summary>
public static partial class ConfigChecker
{
    public static IReadOnlyList<Diagnostic> Check(FirewallConfig config) => Check(config, null);

    /// <param name="filledElsewhere">Lists something other than rules and entries fills (a script's <c>add</c>), by family; null for none.</param>
    public static IReadOnlyList<Diagnostic> Check(FirewallConfig config, IReadOnlySet<(IpFamily Family, string List)>? filledElsewhere)
    {
        ArgumentNullException.ThrowIfNull(config);
        var bag = new DiagnosticBag();
        CheckKernelLimits(bag, config);
        // An SPA door's port lists are filled by the daemon on a granted packet (sesame serve), not by a rule.
        string[] spaLists = [.. config.SpaDoors.SelectMany(d => d.PortLists).Select(p => p.List)];
        CheckFamily(bag, config.Ipv4Filter, config.Ipv4AddressList, "/ip", Elsewhere(filledElsewhere, IpFamily.V4).Concat(spaLists));
        CheckFamily(bag, config.Ipv6Filter, config.Ipv6AddressList, "/ipv6", Elsewhere(filledElsewhere, IpFamily.V6).Concat(spaLists));
        bag.AddRange(CheckIpv6Exposure(config));
        bag.AddRange(CheckIpv6NeighbourDiscovery(config));
        foreach (Layer7Protocol protocol in config.Layer7Protocols)
        {
            if (!Layer7Pattern.TryCompile(protocol.Regexp, out _, out string error))
            {
                bag.Warning(protocol.Location, "SES0504", $"layer7-protocol '{Shorten(protocol.Name)}': Sesame cannot evaluate regexp \"{Shorten(protocol.Regexp)}\" ({error}); rules that use it never match");
            }
        }

        // A door written for both families (a profile) gives each finding twice, word for word: say it once.
        return [.. bag.Items.Distinct()];
    }

    private static IEnumerable<string> Elsewhere(IReadOnlySet<(IpFamily Family, string List)>? filled, IpFamily family) =>
        filled is null ? [] : filled.Where(f => f.Family == family).Select(f => f.List);

    private static void CheckFamily(DiagnosticBag bag, EquatableArray<FilterRule> rules, EquatableArray<AddressListEntry> entries, string menu, IEnumerable<string> filledElsewhere)
    {
        var filled = new HashSet<string>(filledElsewhere, StringComparer.Ordinal);
        foreach (AddressListEntry entry in entries)
        {
            filled.Add(entry.List);
        }

        foreach (FilterRule rule in rules)
        {
            if (!rule.Disabled && rule.Action.AddsToAddressList() && rule.AddressList is { } list)
            {
                filled.Add(list);
            }
        }

        var chains = new HashSet<string>(rules.Where(r => !r.Disabled).Select(r => r.Chain), StringComparer.Ordinal);
        IReadOnlyList<KnockSequence> sequences = KnockSequence.Find(rules);
        var knockRules = new HashSet<int>(sequences.SelectMany(s => s.Steps).Select(s => s.Index));
        var shadowed = new HashSet<int>();
        var enders = new List<FilterRule>();
        for (int index = 0; index < rules.Count; index++)
        {
            FilterRule rule = rules[index];
            if (rule.Disabled)
            {
                continue;
            }

            CheckListReference(bag, rule, rule.SrcAddressList, "src-address-list", filled, menu);
            CheckListReference(bag, rule, rule.DstAddressList, "dst-address-list", filled, menu);
            if (rule.Action == FilterAction.Jump && rule.JumpTarget is { } target && !chains.Contains(target))
            {
                bag.Warning(rule.Location, "SES0502", $"jump-target={target}: no enabled rule is in chain '{target}', so the jump does nothing");
            }

            FilterRule? shadow = enders.FirstOrDefault(e => e.Chain == rule.Chain && Covers(e, rule));
            if (shadow is not null)
            {
                shadowed.Add(index);
                if (knockRules.Contains(index) && shadow.Action != FilterAction.Accept)
                {
                    bag.Warning(rule.Location, "SES0505",
                        $"this knock is never heard: the {shadow.Action.ToRouterOs()} rule at line {shadow.Location.Line} takes every packet it would match, so the sequence cannot complete; move the knock rules above that rule, before the router's own drop rules, as the seeds place them");
                }
                else
                {
                    bag.Warning(rule.Location, "SES0503",
                        $"this rule is never reached: the {shadow.Action.ToRouterOs()} rule at line {shadow.Location.Line} matches every packet it matches, earlier in chain '{rule.Chain}'");
                }

                continue;
            }

            // A rule the engine never matches (unsupported matchers) cannot hide later rules.
            if (rule.Action.IsTerminal() && rule.Unsupported.Count == 0)
            {
                enders.Add(rule);
            }
        }

        CheckKnocks(bag, rules, sequences, shadowed);
    }

    /// <summary>
    /// True when every matcher set on <paramref name="first"/> is set the same way on <paramref name="later"/>: then
    /// whatever reaches <paramref name="later"/> matched <paramref name="first"/> before it. A sound but simple test
    /// (it does not reason about overlapping port ranges or prefixes), so it never warns about a rule that can be reached.
    /// </summary>
    private static bool Covers(FilterRule first, FilterRule later) =>
        Same(first.Protocol, later.Protocol)
        && Same(first.SrcAddress, later.SrcAddress)
        && Same(first.DstAddress, later.DstAddress)
        && Same(first.SrcAddressList, later.SrcAddressList)
        && Same(first.DstAddressList, later.DstAddressList)
        && Same(first.SrcPort, later.SrcPort)
        && Same(first.DstPort, later.DstPort)
        && Same(first.AnyPort, later.AnyPort)
        && Same(first.InInterface, later.InInterface)
        && Same(first.OutInterface, later.OutInterface)
        && Same(first.InInterfaceList, later.InInterfaceList)
        && Same(first.OutInterfaceList, later.OutInterfaceList)
        && Same(first.ConnectionState, later.ConnectionState)
        && Same(first.TcpFlags, later.TcpFlags)
        && (first.Layer7Protocol is null || first.Layer7Protocol == later.Layer7Protocol)
        && Same(first.PacketSize, later.PacketSize)
        && Same(first.SrcAddressType, later.SrcAddressType)
        && Same(first.DstAddressType, later.DstAddressType)
        && Same(first.ConnectionLimit, later.ConnectionLimit);

    private static bool Same<T>(T? first, T? later)
        where T : struct => first is null || first.Equals(later);

    private static void CheckListReference(DiagnosticBag bag, FilterRule rule, Negatable<string>? reference, string property, HashSet<string> filled, string menu)
    {
        if (reference is not { } r || filled.Contains(r.Value))
        {
            return;
        }

        string hint = Suggestion.DidYouMean(r.Value, filled);
        string effect = r.Negated ? "matches every packet" : "never matches";
        bag.Warning(rule.Location, "SES0501",
            $"{property}={(r.Negated ? "!" : "")}{r.Value}: no rule or {menu} firewall address-list entry ever puts an address into '{r.Value}', so this matcher {effect}{hint}");
    }
}
