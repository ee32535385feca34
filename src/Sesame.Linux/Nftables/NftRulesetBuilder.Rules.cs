using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

internal sealed partial class NftRulesetBuilder
{
    /// <summary>nft's log prefix holds at most 127 bytes.</summary>
    private const int MaxLogPrefix = 127;

    /// <summary>
    /// One RouterOS rule, in list order, becomes zero or more nft rules in its family's chain. Every rule gets its named
    /// counter (<see cref="NftNames.Counter"/>), placed after the matches, so it counts exactly the packets that match
    /// (ROUTEROS.md §2.5), whatever the action. Non-terminal actions (add-to-list, log, passthrough) are rules without a
    /// verdict, so the packet goes on to the next rule; accept, drop and reject end the walk as in the engine; jump and
    /// return are nftables' own. A rule that cannot match (disabled, or what the engine also never matches) becomes a
    /// comment, and its counter stays at zero.
    /// </summary>
    private List<NftCommand> TranslateRules(FamilyPlan plan)
    {
        var c = new List<NftCommand>();
        string familyName = plan.Family == IpFamily.V4 ? "v4" : "v6";
        for (int index = 0; index < plan.Rules.Count; index++)
        {
            FilterRule rule = plan.Rules[index];
            string note = string.Create(CultureInfo.InvariantCulture, $"{familyName} rule {index}, chain={rule.Chain} action={rule.Action.ToRouterOs()}");
            c.Add(NftCommand.Comment(string.IsNullOrEmpty(rule.Comment) ? note : note + ": " + rule.Comment));
            if (rule.Disabled)
            {
                c.Add(NftCommand.Comment("  disabled"));
                continue;
            }

            _daemonLayer7 = false;
            var alternatives = new NftAlternatives();
            JsonObject[] action = TranslateAction(plan, rule, index, alternatives);
            AddMatches(plan, rule, index, alternatives);
            if (alternatives.NeverReason is { } reason)
            {
                c.Add(NftCommand.Comment("  never matches: " + reason));
                continue;
            }

            string chain = NftNames.Chain(plan.Family, rule.Chain);
            if (rule.SpaDoor is not null)
            {
                c.AddRange(SpaRules(plan, rule, index, chain, alternatives, action));
                continue;
            }

            JsonObject? log = rule.Log || rule.Action == FilterAction.Log ? LogStatement(rule) : null;
            bool reports = _options.NflogGroup is not null && rule.Action.AddsToAddressList() && action.Length > 0 && !_daemonLayer7;
            // A set update that fails (the set is full) ends the rule: the next rule sees the address still missing from
            // the set and tells the daemon, at most once a second. Not for connection-limit rules: their `ct count`
            // would count the packet a second time.
            JsonObject[]? fullCheck = reports && rule.ConnectionLimit is null
                ? [NftExpr.Equal(AddressListKey(plan.Family, rule), "@" + NftNames.HostSet(plan.Family, rule.AddressList!), negated: true),
                   .. DaemonLog(NftLogKind.SetFull, plan.Family, index, 1)]
                : null;
            foreach (NftAlternatives.Alternative alternative in alternatives.Items)
            {
                if (!TryClean(alternative.Matches, out List<JsonObject> matches))
                {
                    continue;
                }

                List<JsonObject> statements = [.. matches, NftExpr.Counter(NftNames.Counter(plan.Family, index))];
                if (log is not null)
                {
                    statements.Add(log);
                }

                statements.AddRange(alternative.Action ?? action);

                // After the set update, so that only packets the kernel did put into the set are reported, and behind a
                // per-rule limit, so that a flood on one knock port costs the daemon (and the kernel's NFLOG path) at
                // most ReportRate messages a second; the rule's counter still counts every packet.
                if (reports)
                {
                    statements.AddRange(DaemonLog(NftLogKind.AddressList, plan.Family, index, _options.ReportRate));
                }

                c.Add(Rule(chain, statements));
                if (fullCheck is not null)
                {
                    c.Add(Rule(chain, [.. matches.Select(m => (JsonObject)m.DeepClone()), .. fullCheck.Select(m => (JsonObject)m.DeepClone())]));
                }
            }
        }

        return c;
    }

    /// <summary>
    /// Drops repeated matches (the rule's protocol=tcp and a tcp-reset alternative both say <c>meta l4proto tcp</c>)
    /// and refuses an alternative that contradicts itself (<c>x</c> and <c>x != …</c> of the same value).
    /// </summary>
    private static bool TryClean(List<JsonObject> matches, out List<JsonObject> cleaned)
    {
        cleaned = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonObject match in matches)
        {
            if (seen.Add(match.ToJsonString()))
            {
                cleaned.Add((JsonObject)match.DeepClone());
            }
        }

        foreach (JsonObject match in cleaned)
        {
            if (match["match"] is JsonObject m && (string?)m["op"] == "!=")
            {
                JsonObject positive = (JsonObject)match.DeepClone();
                positive["match"]!["op"] = "==";
                if (seen.Contains(positive.ToJsonString()))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private JsonObject[] TranslateAction(FamilyPlan plan, FilterRule rule, int index, NftAlternatives alternatives)
    {
        string ip = plan.Family == IpFamily.V4 ? "ip" : "ip6";
        switch (rule.Action)
        {
            case FilterAction.Accept:
                return [NftExpr.Verdict("accept")];
            case FilterAction.Drop:
                return [NftExpr.Verdict("drop")];
            case FilterAction.Reject:
                return Reject(plan.Family, rule, alternatives);
            case FilterAction.Tarpit:
                _diagnostics.Warning(rule.Location, "SES0603", "action=tarpit: nftables has no tarpit; the rule drops instead");
                return [NftExpr.Verdict("drop")];
            case FilterAction.AddSrcToAddressList or FilterAction.AddDstToAddressList:
                if (rule.AddressList is null)
                {
                    alternatives.Never("an address-list action without address-list (the engine skips it too)");
                    return [];
                }

                JsonObject address = AddressListKey(plan.Family, rule);
                string set = NftNames.HostSet(plan.Family, rule.AddressList);
                AddressListTimeout timeout = rule.AddressListTimeout ?? AddressListTimeout.NoneDynamic;
                // ROUTEROS.md §3.4: a hit on an address already in the list resets its timeout. `update` does that (PLATFORM-NOTES:
                // `add` would not), and leaves an element without timeout (a static entry) without one. For none-dynamic and
                // none-static the entry ends without timeout whatever it had (the engine's §10 item 2 decision): delete, then
                // add. A kernel element without timeout is static — `update` never gives it a rule's timeout — so a
                // none-dynamic entry is added with the longest RouterOS timeout instead: a later timed rule then refreshes it
                // to its own timeout and it expires, as in the engine, instead of staying for good.
                return timeout.Kind switch
                {
                    AddressListTimeoutKind.Timed => [NftExpr.SetStatement("update", set, address, NftExpr.Seconds(timeout.Duration))],
                    AddressListTimeoutKind.NoneDynamic => [NftExpr.SetStatement("delete", set, address), NftExpr.SetStatement("add", set, address, NftExpr.Seconds(DynamicWithoutTimeout))],
                    _ => [NftExpr.SetStatement("delete", set, address), NftExpr.SetStatement("add", set, address)],
                };
            case FilterAction.Jump:
                if (rule.JumpTarget is null)
                {
                    alternatives.Never("a jump without jump-target (the engine skips it too)");
                    return [];
                }

                if (plan.LoopJumps.Contains(index))
                {
                    _diagnostics.Warning(rule.Location, "SES0605",
                        $"jump-target={rule.JumpTarget} closes a loop of chains, which nftables refuses; the jump drops instead (the engine drops such packets at its depth limit)");
                    return [NftExpr.Verdict("drop")];
                }

                return [NftExpr.Jump(NftNames.Chain(plan.Family, rule.JumpTarget))];
            case FilterAction.Return:
                return [NftExpr.Verdict("return")];
            case FilterAction.FasttrackConnection:
                _diagnostics.Warning(rule.Location, "SES0604",
                    "action=fasttrack-connection: Sesame sets up no flowtable, so in nftables the rule only counts (as passthrough) and later packets still go through the filter");
                return [];
            default:
                return []; // log and passthrough: count and go on (ROUTEROS.md §2.3); the log statement comes from LogStatement
        }
    }

    /// <summary>
    /// reject-with: RouterOS's default is icmp-network-unreachable. tcp-reset answers TCP only; other packets of such a rule
    /// get the default ICMP error (decision: RouterOS does not say).
    /// </summary>
    private JsonObject[] Reject(IpFamily family, FilterRule rule, NftAlternatives alternatives)
    {
        string icmp = family == IpFamily.V4 ? "icmp" : "icmpv6";
        string defaultType = family == IpFamily.V4 ? "net-unreachable" : "no-route";
        string? with = rule.RejectWith;
        if (with == "tcp-reset")
        {
            alternatives.Either(
                ([NftExpr.Equal(NftExpr.Meta("l4proto"), "tcp")], [NftExpr.Reject("tcp reset")]),
                ([NftExpr.Equal(NftExpr.Meta("l4proto"), "tcp", negated: true)], [NftExpr.Reject(icmp, defaultType)]));
            return [];
        }

        string? type = (with, family) switch
        {
            (null, _) => defaultType,
            ("icmp-network-unreachable", IpFamily.V4) => "net-unreachable",
            ("icmp-host-unreachable", IpFamily.V4) => "host-unreachable",
            ("icmp-port-unreachable", _) => "port-unreachable",
            ("icmp-protocol-unreachable", IpFamily.V4) => "prot-unreachable",
            ("icmp-net-prohibited", IpFamily.V4) => "net-prohibited",
            ("icmp-host-prohibited", IpFamily.V4) => "host-prohibited",
            ("icmp-admin-prohibited", _) => "admin-prohibited",
            ("icmp-no-route" or "icmp-network-unreachable", IpFamily.V6) => "no-route",
            ("icmp-address-unreachable" or "icmp-host-unreachable", IpFamily.V6) => "addr-unreachable",
            ("icmp-net-prohibited" or "icmp-host-prohibited", IpFamily.V6) => "admin-prohibited",
            _ => null,
        };
        if (type is null)
        {
            _diagnostics.Warning(rule.Location, "SES0610", $"reject-with={with} has no nftables equivalent here; the rule rejects with {icmp} {defaultType}");
            type = defaultType;
        }

        return [NftExpr.Reject(icmp, type)];
    }

    private static JsonObject AddressListKey(IpFamily family, FilterRule rule) =>
        NftExpr.Payload(family == IpFamily.V4 ? "ip" : "ip6", rule.Action == FilterAction.AddSrcToAddressList ? "saddr" : "daddr");

    private JsonObject[] DaemonLog(NftLogKind kind, IpFamily family, int index, int perSecond) =>
        [NftExpr.Limit(perSecond), NftExpr.Log(NftLogPrefix.Format(kind, family, index), _options.NflogGroup!.Value)];

    /// <summary>RouterOS logs "[prefix ]chain: …" (ROUTEROS.md §2.8); the kernel appends the packet fields.</summary>
    private static JsonObject LogStatement(FilterRule rule)
    {
        string prefix = string.IsNullOrEmpty(rule.LogPrefix) ? $"{rule.Chain}: " : $"{rule.LogPrefix} {rule.Chain}: ";
        while (Encoding.UTF8.GetByteCount(prefix) > MaxLogPrefix)
        {
            prefix = prefix[..^1];
        }

        return NftExpr.Log(prefix);
    }
}
