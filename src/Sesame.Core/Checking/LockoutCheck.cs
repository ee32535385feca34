using System.Globalization;
using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Checking;

/// <summary>
/// Whether a configuration about to go live would lock out the admin who applies it: the packets of their SSH session,
/// and a new SSH connection from the same source, run through the engine (RouterOS semantics) under the new
/// configuration and, when known, the running one. RouterOS's Safe Mode answers the same fear after the fact; this
/// answers it before (the manual seed's "Locked Out After Configuration").
/// </summary>
/// <remarks>
/// Codes: SES0550 (error) the session's own packets would be dropped; SES0551 (error) a new connection from the source
/// is accepted now and would be dropped; SES0552 (warning) a new connection from the source is dropped under the new
/// configuration (and the running one, or it is not known): the source must knock first; SES0553 (error) the session
/// given is not one (a port of 0, client and server of different families): nothing was checked.
/// Left out: the session's connection is taken as not fasttracked, and with no tracked connections
/// <c>connection-limit</c> counts none and Layer7 has no data (<see cref="Firewall"/>'s probe); rules with matchers
/// Sesame does not evaluate never match, as everywhere in the engine.
/// </remarks>
public static partial class LockoutCheck
{
    public const string CutCode = "SES0550";
    public const string LockedOutCode = "SES0551";
    public const string MustKnockCode = "SES0552";
    public const string InvalidSessionCode = "SES0553";

    /// <summary>Errors: the config would cut the session or take away access the source has now. Warnings: a new connection from the source would be dropped anyway (e.g. it must knock), each naming the exact rule.</summary>
    public static IReadOnlyList<Diagnostic> Check(FirewallConfig next, SshSession session, LockoutContext? context = null) =>
        Check(next, session, context, null);

    /// <summary>
    /// As <see cref="Check(FirewallConfig, SshSession, LockoutContext?)"/>, writing each rule a message names with
    /// <paramref name="ruleText"/> (the command line's RouterOS exporter: <c>add action=drop chain=input …</c>); without
    /// it a rule is named by its chain, action and comment.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(FirewallConfig next, SshSession session, LockoutContext? context, Func<FilterRule, string>? ruleText)
    {
        ArgumentNullException.ThrowIfNull(next);
        var bag = new DiagnosticBag();
        SshSession s = session.Normalised();
        if (!IsValid(s, out string why))
        {
            bag.Error(SourceLocation.None, InvalidSessionCode, $"the SSH session {s} is not valid ({why}); nothing was checked");
            return bag.Items;
        }

        IReadOnlyCollection<(string List, IpRange Address)> entries = context?.Entries ?? [];
        FirewallConfig? running = context?.Running;
        IReadOnlyList<string> interfaces = Interfaces(next, running, string.IsNullOrEmpty(context?.InInterface) ? s.ClientZone : context.InInterface);
        bool guessed = interfaces.Count > 1;
        var probe = new Probe(s, entries);
        FirewallConfig nextWithEntries = probe.WithEntries(next);
        FirewallConfig? runningWithEntries = running is null ? null : probe.WithEntries(running);

        int cutOn = -1;
        int cutCount = 0;
        PacketResult cut = default;
        int lockOn = -1;
        int lockCount = 0;
        PacketResult lockNext = default;
        PacketResult lockRunning = default;
        int knockOn = -1;
        int knockCount = 0;
        PacketResult knock = default;
        for (int i = 0; i < interfaces.Count; i++)
        {
            PacketResult established = probe.Established(nextWithEntries, interfaces[i]);
            if (established.Verdict != Verdict.Accept)
            {
                cutCount++;
                if (cutOn < 0)
                {
                    (cutOn, cut) = (i, established);
                }
            }

            PacketResult fresh = probe.New(nextWithEntries, interfaces[i]);
            if (fresh.Verdict == Verdict.Accept)
            {
                continue;
            }

            PacketResult? now = runningWithEntries is null ? null : probe.New(runningWithEntries, interfaces[i]);
            if (now is { Verdict: Verdict.Accept } accepted)
            {
                lockCount++;
                if (lockOn < 0)
                {
                    (lockOn, lockNext, lockRunning) = (i, fresh, accepted);
                }
            }
            else
            {
                knockCount++;
                if (knockOn < 0)
                {
                    (knockOn, knock) = (i, fresh);
                }
            }
        }

        Func<FilterRule, string> text = ruleText ?? FallbackText;
        string from = $"{s.Client} ({s}{Lists(next, s, entries)})";
        if (cutOn >= 0)
        {
            bag.Error(RuleAt(next, s, cut).Location, CutCode,
                $"would cut the current SSH session from {from}{Where(interfaces, cutOn, guessed, cutCount)}: its packets would be {Verb(cut.Verdict)} by {Name(next, s, cut, text)}; accept connection-state=established above that rule");
        }

        if (lockOn >= 0)
        {
            bag.Error(RuleAt(next, s, lockNext).Location, LockedOutCode,
                $"would lock out {from}{Where(interfaces, lockOn, guessed, lockCount)}: a new SSH connection from it is accepted now ({Accepted(running!, s, lockRunning, text)}) and would be {Verb(lockNext.Verdict)} by {Name(next, s, lockNext, text)}; was the list it is in renamed, or the accept rule removed or moved below that rule?");
        }
        else if (knockOn >= 0)
        {
            bag.Warning(RuleAt(next, s, knock).Location, MustKnockCode,
                $"a new SSH connection from {from}{Where(interfaces, knockOn, guessed, knockCount)} would be {Verb(knock.Verdict)} by {Name(next, s, knock, text)} unless it knocks first; keep this session open until a knock from there works");
        }

        return bag.Items;
    }

    private static bool IsValid(SshSession s, out string why)
    {
        why = s.Client.Family != s.Server.Family ? "the client and the server are of different families"
            : !s.Client.IsHost || !s.Server.IsHost ? "an address is a range, not one address"
            : s.ClientPort is < 1 or > 65535 || s.ServerPort is < 1 or > 65535 ? "a port is outside 1-65535"
            : "";
        return why.Length == 0;
    }

    private static FilterRule RuleAt(FirewallConfig config, SshSession s, PacketResult result) =>
        (s.Client.Family == IpFamily.V6 ? config.Ipv6Filter : config.Ipv4Filter)[result.RuleIndex];

    /// <summary><c>/ip firewall filter rule 4 (add action=drop chain=input in-interface-list=WAN)</c>: the number is the one <c>print</c> shows.</summary>
    private static string Name(FirewallConfig config, SshSession s, PacketResult result, Func<FilterRule, string> text)
    {
        string menu = s.Client.Family == IpFamily.V6 ? "/ipv6 firewall filter" : "/ip firewall filter";
        return $"{menu} rule {result.RuleIndex.ToString(CultureInfo.InvariantCulture)} ({text(RuleAt(config, s, result)).TrimEnd('\n')})";
    }

    private static string Accepted(FirewallConfig running, SshSession s, PacketResult result, Func<FilterRule, string> text) =>
        result.RuleIndex < 0
            ? "by the end of the running configuration's input chain"
            : $"by the running configuration's {Name(running, s, result, text)}";

    private static string Verb(Verdict verdict) => verdict switch
    {
        Verdict.Reject => "rejected",
        Verdict.Tarpit => "tarpitted",
        _ => "dropped",
    };

    /// <summary>Which interface the finding holds for: said when the session's interface is not known and the finding does not hold on all of them.</summary>
    private static string Where(IReadOnlyList<string> interfaces, int on, bool guessed, int count) =>
        !guessed ? $" arriving on {interfaces[on]}"
        : count == interfaces.Count ? " on any interface"
        : $" if it arrives on {interfaces[on]} (the session's interface is not known)";

    /// <summary>The lists that hold the client now (the kernel's entries and the config's own), as <c>, in list secured</c>; at most a few named.</summary>
    private static string Lists(FirewallConfig next, SshSession s, IReadOnlyCollection<(string List, IpRange Address)> entries)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (AddressListEntry entry in s.Client.Family == IpFamily.V6 ? next.Ipv6AddressList : next.Ipv4AddressList)
        {
            if (!entry.Disabled && entry.Address is { } address && address.Contains(s.Client.Family, s.Client.First))
            {
                names.Add(entry.List);
            }
        }

        foreach ((string list, IpRange address) in entries)
        {
            if (list is not null && address.Contains(s.Client.Family, s.Client.First))
            {
                names.Add(list);
            }
        }

        const int Named = 6;
        return names.Count switch
        {
            0 => ", in no address list",
            1 => $", in list {names.Min}",
            <= Named => $", in lists {string.Join(", ", names)}",
            _ => $", in lists {string.Join(", ", names.Take(Named))} and {(names.Count - Named).ToString(CultureInfo.InvariantCulture)} more",
        };
    }

    private static string FallbackText(FilterRule rule) =>
        $"chain={rule.Chain} action={rule.Action.ToRouterOs()}{(rule.Comment is { } c ? $" comment=\"{c}\"" : "")}";
}
