using System.Globalization;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Checking;

/// <summary>Lints of knock setups (SES0505–SES0511): each says what goes wrong for the user and how to fix it.</summary>
public static partial class ConfigChecker
{
    /// <summary>Below this, a full random scan opening the door is not worth a warning (one scan in a million).</summary>
    public const double ScanRiskThreshold = 1e-6;

    /// <summary>RouterOS management services: SSH, telnet, WWW, WWW-SSL, Winbox, API, API-SSL.</summary>
    private static readonly ushort[] ManagementPorts = [22, 23, 80, 443, 8291, 8728, 8729];

    private static void CheckKnocks(DiagnosticBag bag, EquatableArray<FilterRule> rules, IReadOnlyList<KnockSequence> sequences, HashSet<int> shadowed)
    {
        if (sequences.Count > 0)
        {
            CheckEstablishedFirst(bag, rules);
        }

        CheckWayBackIn(bag, rules);
        foreach (KnockSequence sequence in sequences)
        {
            CheckScanRisk(bag, rules, sequence, shadowed);
            CheckSteps(bag, rules, sequence);
        }
    }

    /// <summary>
    /// SES0506: a drop before any accept of established connections cuts sessions when the knock expires. A drop of the
    /// sources on a list (a blacklist) is meant to cut them, so it does not count.
    /// </summary>
    private static void CheckEstablishedFirst(DiagnosticBag bag, EquatableArray<FilterRule> rules)
    {
        var accepted = new HashSet<string>(StringComparer.Ordinal);
        var warned = new HashSet<string>(StringComparer.Ordinal);
        foreach (FilterRule rule in rules)
        {
            if (rule.Disabled)
            {
                continue;
            }

            if (rule.Action == FilterAction.Accept && rule.ConnectionState is { Negated: false } states && states.Value.HasFlag(ConnectionStates.Established))
            {
                accepted.Add(rule.Chain);
            }
            else if (rule.Action is FilterAction.Drop or FilterAction.Reject && rule.ConnectionState is null
                && rule.SrcAddressList is not { Negated: false } && !accepted.Contains(rule.Chain) && warned.Add(rule.Chain))
            {
                bag.Warning(rule.Location, "SES0506",
                    $"this {rule.Action.ToRouterOs()} comes before any accept of established connections in chain '{rule.Chain}': when a knocked source's list entry times out, its open sessions (an SSH login, a VPN) are cut mid-way; add 'action=accept chain={rule.Chain} connection-state=established,related,untracked' at the top of the chain, as the default configuration has");
            }
        }
    }

    /// <summary>SES0507: a drop that also takes management ports from inside interfaces leaves no way in if the knock fails.</summary>
    private static void CheckWayBackIn(DiagnosticBag bag, EquatableArray<FilterRule> rules)
    {
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (FilterRule rule in rules)
        {
            if (rule.Disabled || rule.Chain != "input")
            {
                continue;
            }

            bool takesNew = rule.ConnectionState is null || (!rule.ConnectionState.Value.Negated && rule.ConnectionState.Value.Value.HasFlag(ConnectionStates.New));
            if (rule.Action == FilterAction.Accept && rule.SrcAddressList is null && takesNew)
            {
                open.Add(rule.Chain);
                continue;
            }

            if (rule.Action is not (FilterAction.Drop or FilterAction.Reject) || !takesNew || open.Contains(rule.Chain)
                || rule.InInterface is not null || rule.InInterfaceList is { Negated: false } || rule.SrcAddress is not null || rule.SrcAddressList is not null
                || rule.Protocol is { } p && (p.Negated || p.Value != IpProtocols.Tcp))
            {
                continue;
            }

            ushort[] caught = [.. ManagementPorts.Where(port => rule.DstPort is not { } d || d.Value.Any(r => r.Contains(port)) != d.Negated)];
            if (caught.Length > 0)
            {
                bag.Warning(rule.Location, "SES0507",
                    $"this {rule.Action.ToRouterOs()} takes new connections to the management ports ({string.Join(", ", caught)}) from every interface, inside ones too, and no earlier rule lets any in without a knock: if the knock fails (a client without the sequence, an ISP that filters the ports) you are locked out; limit it to outside input ('in-interface-list=WAN' or '!LAN') or accept management from the LAN above it");
                open.Add(rule.Chain);
            }
        }
    }

    /// <summary>SES0508: the chance that a full random port scan completes the sequence.</summary>
    private static void CheckScanRisk(DiagnosticBag bag, EquatableArray<FilterRule> rules, KnockSequence sequence, HashSet<int> shadowed)
    {
        // A TCP SYN scan never sends a UDP knock nor a passphrase, and only knocks that accept a bare SYN count; knocks
        // that are never heard get SES0505 instead.
        if (sequence.Steps.Any(s => shadowed.Contains(s.Index)) || !sequence.HasSinglePorts || sequence.Steps.Any(s => s.Protocol != IpProtocols.Tcp || s.Rule.Layer7Protocol is not null
            || s.Rule.TcpFlags is { } f && !f.Matches(TcpFlags.Syn)))
        {
            return;
        }

        TimeSpan?[] timeouts = [.. sequence.Steps.Take(sequence.Steps.Count - 1).Select(s => s.Timeout)];
        var knockPorts = new HashSet<ushort>(sequence.Steps.Select(s => s.Port!.Value));
        int firstStep = sequence.Steps.Min(s => s.Index);
        int active = BlacklistedPorts(rules, firstStep, knockPorts, shadowed, includeDisabled: false);
        double risk = ScanRisk.Probability(sequence.Steps.Count, timeouts, active);
        if (risk <= ScanRiskThreshold)
        {
            return;
        }

        int possible = BlacklistedPorts(rules, firstStep, knockPorts, shadowed, includeDisabled: true);
        string withDisabled = possible > active
            ? $"; the disabled blacklist rules, once enabled, bring it to {ScanRisk.Format(ScanRisk.Probability(sequence.Steps.Count, timeouts, possible))}"
            : "";
        bag.Warning(sequence.Steps[^1].Rule.Location, "SES0508",
            $"a full TCP SYN scan of all 65,535 ports in random order at {ScanRisk.DefaultRate.ToString("N0", CultureInfo.InvariantCulture)} probes/s completes the sequence {sequence.Describe()} into '{sequence.GrantedList}' with a chance of {ScanRisk.Format(risk)}{withDisabled}; bots scan every public address, so add knocks, shorten the step time, or add a blacklist (a drop of listed sources above the knocks, trap and scan ports) as the seeds advise");
    }

    /// <summary>
    /// Ports other than the knocks that blacklist a source, when a drop of that list sits above the first knock: the
    /// filling rules must be reachable, match TCP, and not need the source to be on some list already.
    /// </summary>
    private static int BlacklistedPorts(EquatableArray<FilterRule> rules, int firstStep, HashSet<ushort> knockPorts, HashSet<int> shadowed, bool includeDisabled)
    {
        var dropped = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < firstStep; i++)
        {
            FilterRule r = rules[i];
            if ((includeDisabled || !r.Disabled) && r.Action is FilterAction.Drop or FilterAction.Reject or FilterAction.Tarpit
                && r.SrcAddressList is { Negated: false } list && r.DstPort is null && r.Protocol is null)
            {
                dropped.Add(list.Value);
            }
        }

        var ports = new HashSet<ushort>();
        for (int i = 0; i < rules.Count; i++)
        {
            FilterRule r = rules[i];
            if ((!includeDisabled && r.Disabled) || shadowed.Contains(i) || r.Action != FilterAction.AddSrcToAddressList || r.AddressList is not { } target
                || !dropped.Contains(target) || r.SrcAddressList is { Negated: false } || r.DstPort is not { Negated: false } dst
                || r.Protocol is { } p && (p.Negated || p.Value != IpProtocols.Tcp))
            {
                continue;
            }

            foreach (PortRange range in dst.Value)
            {
                for (int port = range.First; port <= range.Last; port++)
                {
                    if (!knockPorts.Contains((ushort)port))
                    {
                        ports.Add((ushort)port);
                    }
                }
            }
        }

        return ports.Count;
    }

    /// <summary>SES0509 ascending ports, SES0510 short steps, SES0511 knock ports that are also served.</summary>
    private static void CheckSteps(DiagnosticBag bag, EquatableArray<FilterRule> rules, KnockSequence sequence)
    {
        IReadOnlyList<KnockStepRule> steps = sequence.Steps;
        if (steps.Count > 1 && sequence.HasSinglePorts && steps.All(s => s.Rule.Layer7Protocol is null) && steps.Zip(steps.Skip(1)).All(pair => pair.First.Port < pair.Second.Port))
        {
            bag.Warning(steps[0].Rule.Location, "SES0509",
                $"the knock ports {sequence.Describe()} ascend: a scan that walks ports in order (nmap -r, many sweep tools) knocks them in exactly this order; put them out of order, e.g. {string.Join(" → ", Shuffled(steps))}");
        }

        for (int i = 0; i < steps.Count - 1; i++)
        {
            if (steps[i].Timeout is { } t && t < TimeSpan.FromSeconds(5))
            {
                bag.Warning(steps[i].Rule.Location, "SES0510",
                    $"step {i + 1} gives only {RouterOsTime.Format(t)} for the next knock: over a slow or lossy link, and with a client that retransmits, real users miss it; allow 5 s or more (the seeds use 30s)");
            }
        }

        foreach (KnockStepRule step in steps)
        {
            if (step.Port is not { } port)
            {
                continue;
            }

            foreach (FilterRule accept in rules)
            {
                if (!accept.Disabled && accept.Action == FilterAction.Accept && accept.DstPort is { Negated: false } dst && dst.Value.Any(r => r.Contains(port))
                    && (accept.Protocol is null || accept.Protocol.Value.Value == step.Protocol))
                {
                    bag.Warning(step.Rule.Location, "SES0511",
                        $"knock port {port} is also served (accepted by the rule at line {accept.Location.Line}): every ordinary connection to it counts as a knock, and a scan that finds it open learns a knock port; knock on ports that nothing serves");
                    break;
                }
            }
        }
    }

    private static IEnumerable<ushort> Shuffled(IReadOnlyList<KnockStepRule> steps)
    {
        // The same ports with the first one moved to the end: no longer ascending, still easy to remember.
        var ports = steps.Select(s => s.Port!.Value).ToList();
        ports.Add(ports[0]);
        ports.RemoveAt(0);
        return ports;
    }
}
