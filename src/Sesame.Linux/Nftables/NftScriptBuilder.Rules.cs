using System.Globalization;
using System.Text;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

internal sealed partial class NftScriptBuilder
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
    private string TranslateRules(FamilyPlan plan)
    {
        var s = new StringBuilder();
        string familyName = plan.Family == IpFamily.V4 ? "v4" : "v6";
        for (int index = 0; index < plan.Rules.Count; index++)
        {
            FilterRule rule = plan.Rules[index];
            s.Append(CultureInfo.InvariantCulture, $"# {familyName} rule {index}, chain={rule.Chain} action={rule.Action.ToRouterOs()}");
            if (!string.IsNullOrEmpty(rule.Comment))
            {
                s.Append(": ").Append(rule.Comment.ReplaceLineEndings(" "));
            }

            s.Append('\n');
            if (rule.Disabled)
            {
                s.Append("#   disabled\n");
                continue;
            }

            _daemonLayer7 = false;
            var alternatives = new NftAlternatives();
            string action = TranslateAction(plan, rule, index, alternatives);
            AddMatches(plan, rule, index, alternatives);
            if (alternatives.NeverReason is { } reason)
            {
                s.Append("#   never matches: ").Append(reason).Append('\n');
                continue;
            }

            string chain = NftNames.Chain(plan.Family, rule.Chain);
            string counter = $"counter name \"{NftNames.Counter(plan.Family, index)}\"";
            string? log = rule.Log || rule.Action == FilterAction.Log ? LogStatement(rule) : null;
            bool reports = _options.NflogGroup is not null && rule.Action.AddsToAddressList() && action.Length > 0 && !_daemonLayer7;
            string? daemonLog = reports ? DaemonLog(NftLogKind.AddressList, plan.Family, index, _options.ReportRate) : null;
            // A set update that fails (the set is full) ends the rule: the next rule sees the address still missing from
            // the set and tells the daemon, at most once a second. Not for connection-limit rules: their `ct count`
            // would count the packet a second time.
            string? fullCheck = reports && rule.ConnectionLimit is null
                ? $"{AddressListKey(plan.Family, rule)} != @{NftNames.HostSet(plan.Family, rule.AddressList!)} {DaemonLog(NftLogKind.SetFull, plan.Family, index, 1)}"
                : null;
            foreach (NftAlternatives.Alternative alternative in alternatives.Items)
            {
                if (!TryClean(alternative.Matches, out List<string> parts))
                {
                    continue;
                }

                string matches = string.Join(' ', parts);
                parts.Add(counter);
                if (log is not null)
                {
                    parts.Add(log);
                }

                string verdict = alternative.Action ?? action;
                if (verdict.Length > 0)
                {
                    parts.Add(verdict);
                }

                // After the set update, so that only packets the kernel did put into the set are reported, and behind a
                // per-rule limit, so that a flood on one knock port costs the daemon (and the kernel's NFLOG path) at
                // most ReportRate messages a second; the rule's counter still counts every packet.
                if (daemonLog is not null)
                {
                    parts.Add(daemonLog);
                }

                s.Append(CultureInfo.InvariantCulture, $"add rule {NftNames.QualifiedTable} {chain} {string.Join(' ', parts)}\n");
                if (fullCheck is not null)
                {
                    s.Append(CultureInfo.InvariantCulture, $"add rule {NftNames.QualifiedTable} {chain} {(matches.Length > 0 ? matches + " " : "")}{fullCheck}\n");
                }
            }
        }

        return s.ToString();
    }

    /// <summary>
    /// Drops repeated matches (the rule's protocol=tcp and a tcp-reset alternative both say <c>meta l4proto tcp</c>)
    /// and refuses an alternative that contradicts itself (<c>x</c> and <c>x != …</c> of the same value).
    /// </summary>
    private static bool TryClean(List<string> matches, out List<string> cleaned)
    {
        cleaned = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string match in matches)
        {
            if (seen.Add(match))
            {
                cleaned.Add(match);
            }
        }

        foreach (string match in cleaned)
        {
            int not = match.IndexOf(" != ", StringComparison.Ordinal);
            if (not >= 0 && seen.Contains(string.Concat(match.AsSpan(0, not), " ", match.AsSpan(not + 4))))
            {
                return false;
            }
        }

        return true;
    }

    private string TranslateAction(FamilyPlan plan, FilterRule rule, int index, NftAlternatives alternatives)
    {
        string ip = plan.Family == IpFamily.V4 ? "ip" : "ip6";
        switch (rule.Action)
        {
            case FilterAction.Accept:
                return "accept";
            case FilterAction.Drop:
                return "drop";
            case FilterAction.Reject:
                return Reject(plan.Family, rule, alternatives);
            case FilterAction.Tarpit:
                _diagnostics.Warning(rule.Location, "SES0603", "action=tarpit: nftables has no tarpit; the rule drops instead");
                return "drop";
            case FilterAction.AddSrcToAddressList or FilterAction.AddDstToAddressList:
                if (rule.AddressList is null)
                {
                    alternatives.Never("an address-list action without address-list (the engine skips it too)");
                    return "";
                }

                string address = AddressListKey(plan.Family, rule);
                string set = "@" + NftNames.HostSet(plan.Family, rule.AddressList);
                AddressListTimeout timeout = rule.AddressListTimeout ?? AddressListTimeout.NoneDynamic;
                // ROUTEROS.md §3.4: a hit on an address already in the list resets its timeout. `update` does that (PLATFORM-NOTES:
                // `add` would not), and leaves an element without timeout (a static entry) without one. For none-dynamic and
                // none-static the entry ends without timeout whatever it had (the engine's §10 item 2 decision): delete, then
                // add. The kernel does not tell a dynamic entry without timeout from a static one.
                return timeout.Kind == AddressListTimeoutKind.Timed
                    ? $"update {set} {{ {address} timeout {FormatTime(timeout.Duration)} }}"
                    : $"delete {set} {{ {address} }} add {set} {{ {address} }}";
            case FilterAction.Jump:
                if (rule.JumpTarget is null)
                {
                    alternatives.Never("a jump without jump-target (the engine skips it too)");
                    return "";
                }

                if (plan.LoopJumps.Contains(index))
                {
                    _diagnostics.Warning(rule.Location, "SES0605",
                        $"jump-target={rule.JumpTarget} closes a loop of chains, which nftables refuses; the jump drops instead (the engine drops such packets at its depth limit)");
                    return "drop";
                }

                return "jump " + NftNames.Chain(plan.Family, rule.JumpTarget);
            case FilterAction.Return:
                return "return";
            case FilterAction.FasttrackConnection:
                _diagnostics.Warning(rule.Location, "SES0604",
                    "action=fasttrack-connection: Sesame sets up no flowtable, so in nftables the rule only counts (as passthrough) and later packets still go through the filter");
                return "";
            default:
                return ""; // log and passthrough: count and go on (ROUTEROS.md §2.3); the log statement comes from LogStatement
        }
    }

    /// <summary>
    /// reject-with: RouterOS's default is icmp-network-unreachable. tcp-reset answers TCP only; other packets of such a rule
    /// get the default ICMP error (decision: RouterOS does not say).
    /// </summary>
    private string Reject(IpFamily family, FilterRule rule, NftAlternatives alternatives)
    {
        string icmp = family == IpFamily.V4 ? "icmp" : "icmpv6";
        string defaultType = family == IpFamily.V4 ? "net-unreachable" : "no-route";
        string? with = rule.RejectWith;
        if (with == "tcp-reset")
        {
            alternatives.Either(
                (["meta l4proto tcp"], "reject with tcp reset"),
                (["meta l4proto != tcp"], $"reject with {icmp} type {defaultType}"));
            return "";
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

        return $"reject with {icmp} type {type}";
    }

    private static string AddressListKey(IpFamily family, FilterRule rule) =>
        (family == IpFamily.V4 ? "ip" : "ip6") + (rule.Action == FilterAction.AddSrcToAddressList ? " saddr" : " daddr");

    private string DaemonLog(NftLogKind kind, IpFamily family, int index, int perSecond) =>
        $"limit rate {perSecond.ToString(CultureInfo.InvariantCulture)}/second burst {perSecond.ToString(CultureInfo.InvariantCulture)} packets log prefix \"{NftLogPrefix.Format(kind, family, index)}\" group {_options.NflogGroup!.Value.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>RouterOS logs "[prefix ]chain: …" (ROUTEROS.md §2.8); the kernel appends the packet fields.</summary>
    private static string LogStatement(FilterRule rule)
    {
        string prefix = string.IsNullOrEmpty(rule.LogPrefix) ? $"{rule.Chain}: " : $"{rule.LogPrefix} {rule.Chain}: ";
        while (Encoding.UTF8.GetByteCount(prefix) > MaxLogPrefix)
        {
            prefix = prefix[..^1];
        }

        return "log prefix " + Quote(prefix);
    }
}
