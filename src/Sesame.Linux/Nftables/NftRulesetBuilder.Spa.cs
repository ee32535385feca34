using System.Text.Json.Nodes;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

internal sealed partial class NftRulesetBuilder
{
    /// <summary>An IPv6 source is limited by its /64: one host holds a /64 and can send from any address in it.</summary>
    private const string Ipv6SourcePrefix = "ffff:ffff:ffff:ffff::";

    /// <summary>
    /// A rule that carries <see cref="FilterRule.SpaDoor"/> (a Sesame extension). Under <c>serve</c> (an NFLOG group) its
    /// packets go, whole, to the daemon's verifier and then take the rule's action (drop: the SPA port never answers, not
    /// even with an ICMP port unreachable) — behind three kernel checks, each a rule of its own ending in drop, cheapest
    /// first: the UDP data within fwknopd's bounds (140–1500 bytes; fwknop's own packets measured 204–290), at most
    /// <see cref="NftCompilerOptions.SpaSourceRate"/> packets a second per source (a dynamic set keyed on the source with a
    /// <c>limit</c> per element, bounded in size and forgetting a quiet source), and, for sources that set cannot hold
    /// because it is full, <see cref="NftCompilerOptions.SpaOverflowRate"/> for all of them together (the kernel's
    /// <c>update</c> on a full set does not match, so the packet would otherwise go on unlimited). The rule's counter, in
    /// the first of them, counts every packet. Without a group (<c>export --to nft</c>) nobody verifies: the rule is the
    /// action alone and the door never opens (SES0650).
    /// </summary>
    private List<NftCommand> SpaRules(FamilyPlan plan, FilterRule rule, int index, string chain, NftAlternatives alternatives, JsonObject[] action)
    {
        var c = new List<NftCommand>();
        string door = rule.SpaDoor!;
        bool known = _config.SpaDoors.Any(d => d.Name == door);
        if (!known)
        {
            _diagnostics.Warning(rule.Location, "SES0651", $"SPA door '{door}' is not defined; its packets are not verified and the door never opens");
        }
        else if (_options.NflogGroup is null)
        {
            _diagnostics.Warning(rule.Location, "SES0650",
                $"SPA door '{door}': only the daemon (sesame serve) verifies SPA packets; in this ruleset the door's rule only does its action and the door never opens");
        }

        ushort? group = known ? _options.NflogGroup : null;
        string ip = plan.Family == IpFamily.V4 ? "ip" : "ip6";
        JsonObject source = plan.Family == IpFamily.V4
            ? NftExpr.Payload(ip, "saddr")
            : NftExpr.And(NftExpr.Payload(ip, "saddr"), Ipv6SourcePrefix);
        string rateSet = NftNames.SpaRateSet(plan.Family, index);
        JsonObject counter = NftExpr.Counter(NftNames.Counter(plan.Family, index));
        foreach (NftAlternatives.Alternative alternative in alternatives.Items)
        {
            if (!TryClean(alternative.Matches, out List<JsonObject> matches))
            {
                continue;
            }

            JsonObject[] verdict = alternative.Action ?? action;
            if (group is not { } g)
            {
                c.Add(Rule(chain, [.. matches, counter, .. verdict]));
                continue;
            }

            plan.SpaRules.Add(index);
            c.Add(Rule(chain,
            [
                .. Copy(matches), counter,
                NftExpr.Equal(NftExpr.Meta("l4proto"), "udp"),
                NftExpr.Equal(NftExpr.Payload("udp", "length"),
                    NftExpr.Range(8 + NftCompilerOptions.SpaMinPayload, 8 + NftCompilerOptions.SpaMaxPayload), negated: true),
                NftExpr.Verdict("drop"),
            ]));
            c.Add(Rule(chain,
            [
                .. Copy(matches),
                NftExpr.SetStatement("update", rateSet, source, statement: NftExpr.LimitOver(_options.SpaSourceRate, _options.SpaSourceBurst)),
                NftExpr.Verdict("drop"),
            ]));
            c.Add(Rule(chain,
            [
                .. Copy(matches),
                NftExpr.Equal(source, "@" + rateSet, negated: true),
                NftExpr.LimitOver(_options.SpaOverflowRate, _options.SpaOverflowRate),
                NftExpr.Verdict("drop"),
            ]));
            c.Add(Rule(chain,
            [
                .. Copy(matches),
                NftExpr.Log(NftLogPrefix.Format(NftLogKind.Spa, plan.Family, index), g, _options.SpaSnaplen),
                .. verdict,
            ]));
        }

        return c;
    }

    private NftCommand SpaRateSetDeclaration(IpFamily family, int index)
    {
        var set = new JsonObject
        {
            ["name"] = NftNames.SpaRateSet(family, index),
            ["type"] = family == IpFamily.V4 ? "ipv4_addr" : "ipv6_addr",
            ["flags"] = NftExpr.Flags(["dynamic", "timeout"]),
            ["size"] = _options.SpaSourceSetSize,
            ["timeout"] = NftExpr.Seconds(_options.SpaSourceMemory),
        };
        return NftCommand.Of("add", "set", set);
    }

    private static IEnumerable<JsonObject> Copy(List<JsonObject> matches) => matches.Select(m => (JsonObject)m.DeepClone());
}
