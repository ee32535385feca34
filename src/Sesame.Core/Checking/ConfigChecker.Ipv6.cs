using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Time;
using Sesame.Tracing;

namespace Sesame.Checking;

public static partial class ConfigChecker
{
    public const string Ipv6UnguardedCode = "SES0540";
    public const string NeighbourDiscoveryCode = "SES0545";

    /// <summary>
    /// The ports worth naming when the door opens all input: the router's management services (RouterOS's
    /// <c>/ip service</c> defaults) and the usual ones of a Linux host.
    /// </summary>
    private static readonly (ushort Port, string Name)[] ManagementServices =
        [(22, "ssh"), (23, "telnet"), (21, "ftp"), (80, "www"), (443, "www-ssl"), (8291, "winbox"), (8728, "api"), (8729, "api-ssl")];

    /// <summary>The most ports one warning names; the rest are counted.</summary>
    private const int NamedPortLimit = 8;

    /// <summary>
    /// SES0540: a port that the IPv4 filter keeps shut to an outsider who has not knocked but that an IPv6 packet
    /// reaches. RouterOS filters the families apart (ROUTEROS.md §2.1) and an empty chain accepts (§2.4), so a config
    /// that guards only <c>/ip firewall filter</c> leaves the door open over IPv6. The candidates are each IPv4 door's
    /// ports (the ports of the accept rules behind a knock sequence), and the management ports when a door opens all
    /// input; each is probed through the engine with a new connection from an outside interface, once per family, from a
    /// source on no list. A port is named only when the IPv4 probe is not accepted and the IPv6 probe is, so a config
    /// whose IPv6 filter guards the same ports, or one that guards nothing in IPv4, gets no warning.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CheckIpv6Exposure(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Ipv4Filter.Any(r => !r.Disabled && IsBlocking(r.Action)))
        {
            return [];
        }

        List<Candidate> candidates = Candidates(config.Ipv4Filter);
        var firewall = new Firewall(config, new ManualTimeProvider(), ConnectionTracking.Auto);
        TraceDefaults defaults = TraceDefaults.FromConfig(config);
        int inInterface = firewall.ResolveInterface(defaults.InInterface);
        var exposed = new List<(Candidate Candidate, int V4Rule)>();
        for (int i = 0; i < candidates.Count; i++)
        {
            Candidate c = candidates[i];
            // Sources from the documentation ranges, a new one per probe, so no probe sees another's state.
            PacketResult v4 = firewall.Process(Probe(c, IpFamily.V4, 0xC6336400u + (uint)i, defaults.HostV4, inInterface));
            PacketResult v6 = firewall.Process(Probe(c, IpFamily.V6, new UInt128(0x20010DB8FFFF0000ul, (ulong)i + 1), defaults.HostV6, inInterface));
            if (v4.Verdict != Verdict.Accept && v6.Verdict == Verdict.Accept)
            {
                exposed.Add((c, v4.RuleIndex));
            }
        }

        if (exposed.Count == 0)
        {
            return [];
        }

        bool unfiltered = !config.Ipv6Filter.Any(r => !r.Disabled && IsBlocking(r.Action));
        var parts = new List<string>();
        foreach ((Candidate c, _) in exposed.Where(e => e.Candidate.Door is null).Take(NamedPortLimit))
        {
            parts.Add($"{IpProtocols.ToName(c.Protocol)}/{c.Port} ({c.Why})");
        }

        List<Candidate> behind = [.. exposed.Select(e => e.Candidate).Where(c => c.Door is not null)];
        if (behind.Count > 0)
        {
            parts.Add($"all input behind the door {behind[0].Door} ({string.Join(", ", behind.Take(4).Select(c => $"{IpProtocols.ToName(c.Protocol)}/{c.Port} {c.Why}"))}{(behind.Count > 4 ? ", …" : "")})");
        }

        string ports = string.Join(", ", parts);
        int more = exposed.Count(e => e.Candidate.Door is null) - NamedPortLimit;
        if (more > 0)
        {
            ports += $" and {more} more";
        }

        bool one = parts.Count == 1 && (behind.Count > 0 || exposed.Count == 1);
        string verb = one ? "is" : "are";
        string cause = unfiltered
            ? "IPv6 is not filtered"
            : "the IPv6 filter does not guard what the IPv4 filter guards";
        int rule = exposed[0].V4Rule;
        SourceLocation location = rule >= 0 ? config.Ipv4Filter[rule].Location : SourceLocation.None;
        var bag = new DiagnosticBag();
        bag.Warning(location, Ipv6UnguardedCode,
            $"{cause}: {ports} {verb} reachable over IPv6 without knocking, while IPv4 drops {(one ? "it" : "them")}; add /ipv6 firewall filter rules or run serve --ipv6=mirror");
        return bag.Items;
    }

    /// <summary>
    /// SES0545: the IPv6 input chain drops ICMPv6 from an outside interface, and with it neighbour discovery — what ARP
    /// does for IPv4, below the IPv4 filter. The host then stops answering neighbour solicitations there, so IPv6 on that
    /// interface, knocks included, works only with static neighbours. Probed through the engine like SES0540; a config
    /// with any enabled IPv6 accept of ICMPv6 (say, of the discovery types only, through <c>icmp-options</c>, which the
    /// engine does not evaluate) is taken to have handled it.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CheckIpv6NeighbourDiscovery(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.Ipv6Filter.Any(r => !r.Disabled && IsBlocking(r.Action))
            || config.Ipv6Filter.Any(r => !r.Disabled && r.Action == FilterAction.Accept && r.Protocol is { Negated: false, Value: IpProtocols.IcmpV6 }))
        {
            return [];
        }

        var firewall = new Firewall(config, new ManualTimeProvider(), ConnectionTracking.Auto);
        TraceDefaults defaults = TraceDefaults.FromConfig(config);
        PacketResult result = firewall.Process(new Packet
        {
            Hook = Hook.Input,
            Family = IpFamily.V6,
            Src = new UInt128(0xFE80000000000000ul, 1),
            Dst = defaults.HostV6,
            Protocol = IpProtocols.IcmpV6,
            Length = 72,
            InInterface = firewall.ResolveInterface(defaults.InInterface),
            OutInterface = -1,
        });
        if (result.Verdict == Verdict.Accept || result.RuleIndex < 0)
        {
            return [];
        }

        var bag = new DiagnosticBag();
        bag.Warning(config.Ipv6Filter[result.RuleIndex].Location, NeighbourDiscoveryCode,
            $"IPv6 input drops ICMPv6 from {defaults.InInterface}, neighbour discovery included (it does for IPv6 what ARP does for IPv4, which the IPv4 filter never sees): IPv6 on {defaults.InInterface}, knocks included, then works only with static neighbours; accept protocol=icmpv6 above this rule (with --ipv6=mirror: accept protocol=icmp in the IPv4 filter, whose copy accepts ICMPv6)");
        return bag.Items;
    }

    private static bool IsBlocking(FilterAction action) => action is FilterAction.Drop or FilterAction.Reject or FilterAction.Tarpit;

    /// <param name="Door">The knock sequence when the candidate stands for a door that opens all input.</param>
    private sealed record Candidate(byte Protocol, ushort Port, string Why, string? Door = null);

    private static List<Candidate> Candidates(EquatableArray<FilterRule> rules)
    {
        var result = new List<Candidate>();
        var seen = new HashSet<(byte, ushort)>();
        void Add(byte protocol, ushort port, string why, string? door = null)
        {
            if (seen.Add((protocol, port)))
            {
                result.Add(new Candidate(protocol, port, why, door));
            }
        }

        string? opensAll = null;
        foreach (KnockSequence sequence in KnockSequence.Find(rules))
        {
            foreach (FilterRule accept in rules)
            {
                if (accept.Disabled || accept.Action != FilterAction.Accept || accept.SrcAddressList is not { Negated: false } list || list.Value != sequence.GrantedList)
                {
                    continue;
                }

                if (accept.DstPort is { Negated: false } ports && accept.Protocol is { Negated: false, Value: IpProtocols.Tcp or IpProtocols.Udp } protocol)
                {
                    foreach (PortRange range in ports.Value)
                    {
                        Add(protocol.Value, range.First, "the door's protected port");
                    }
                }
                else
                {
                    opensAll ??= sequence.Describe();
                }
            }
        }

        if (opensAll is not null || result.Count == 0)
        {
            foreach ((ushort port, string name) in ManagementServices)
            {
                Add(IpProtocols.Tcp, port, name, opensAll);
            }
        }

        return result;
    }

    private static Packet Probe(Candidate c, IpFamily family, UInt128 src, UInt128 dst, int inInterface) => new()
    {
        Hook = Hook.Input,
        Family = family,
        Src = src,
        Dst = dst,
        Protocol = c.Protocol,
        SrcPort = 40000,
        DstPort = c.Port,
        TcpFlags = c.Protocol == IpProtocols.Tcp ? TcpFlags.Syn : default,
        Length = (family == IpFamily.V4 ? 20 : 40) + (c.Protocol == IpProtocols.Tcp ? 40 : 8),
        InInterface = inInterface,
        OutInterface = -1,
    };
}
