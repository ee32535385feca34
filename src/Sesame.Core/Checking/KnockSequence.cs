using Sesame.Model;

namespace Sesame.Checking;

/// <summary>
/// A knock sequence recovered from the rules: a chain of <c>add-src-to-address-list</c> rules, each needing the list
/// the previous one fills, ending in the list that an accept rule admits (the seeds' 888 → 555 → 222 → secured).
/// </summary>
public sealed record KnockSequence(string GrantedList, IReadOnlyList<KnockStepRule> Steps)
{
    /// <summary>Every step hears exactly one TCP or UDP port and the ports differ: the scan-risk model applies.</summary>
    public bool HasSinglePorts => Steps.All(s => s.Port is not null) && Steps.Select(s => s.Port).Distinct().Count() == Steps.Count;

    /// <summary>"888 → 555 → 222".</summary>
    public string Describe() => string.Join(" → ", Steps.Select(s =>
        s.Port is { } p ? (s.Protocol is IpProtocols.Udp ? $"{p}/udp" : $"{p}") : "(several ports)"));

    /// <summary>
    /// Finds the sequences behind every enabled accept rule with a <c>src-address-list</c>, walking back through the
    /// enabled rules that fill each list. Stops at a cycle or at a list nothing fills.
    /// </summary>
    public static IReadOnlyList<KnockSequence> Find(EquatableArray<FilterRule> rules)
    {
        var result = new List<KnockSequence>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (FilterRule accept in rules)
        {
            if (accept.Disabled || accept.Action != FilterAction.Accept || accept.SrcAddressList is not { Negated: false } granted || !seen.Add(granted.Value))
            {
                continue;
            }

            var steps = new List<KnockStepRule>();
            var visited = new HashSet<string>(StringComparer.Ordinal);
            string? list = granted.Value;
            while (list is not null && visited.Add(list) && FindFiller(rules, list) is { } index)
            {
                FilterRule rule = rules[index];
                steps.Add(new KnockStepRule(index, rule, SinglePort(rule), rule.Protocol is { Negated: false } p ? p.Value : null, Timeout(rule)));
                list = rule.SrcAddressList is { Negated: false } previous ? previous.Value : null;
            }

            if (steps.Count > 0 && list is null)
            {
                steps.Reverse();
                result.Add(new KnockSequence(granted.Value, steps));
            }
        }

        return result;
    }

    private static int? FindFiller(EquatableArray<FilterRule> rules, string list)
    {
        for (int i = 0; i < rules.Count; i++)
        {
            FilterRule r = rules[i];
            if (!r.Disabled && r.Action == FilterAction.AddSrcToAddressList && r.AddressList == list)
            {
                return i;
            }
        }

        return null;
    }

    private static ushort? SinglePort(FilterRule rule) =>
        rule.DstPort is { Negated: false, Value: { Count: 1 } ports } && ports[0].First == ports[0].Last
        && rule.Protocol is { Negated: false, Value: IpProtocols.Tcp or IpProtocols.Udp }
            ? ports[0].First
            : null;

    private static TimeSpan? Timeout(FilterRule rule) =>
        rule.AddressListTimeout is { Kind: AddressListTimeoutKind.Timed } t ? t.Duration : null;
}
