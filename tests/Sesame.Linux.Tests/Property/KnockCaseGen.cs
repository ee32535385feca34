using CsCheck;
using Sesame.Model;

namespace Sesame.Tests.Property;

/// <summary>
/// CsCheck generators of knock configs and of the packets a few clients send to them. Time runs on a grid: short
/// timeouts are an odd multiple of <see cref="HalfTick"/> (75–225 ms) and pauses a whole number of ticks, while the
/// packets of a burst follow each other as fast as the run can send them (about a millisecond each). So a packet
/// lands about half a tick away from any expiry, far more than the kernel's jiffy and the run's jitter, and a case
/// takes ~0.15 s of wall time and still has knocks that come too late and grants that run out.
/// </summary>
internal static class KnockCaseGen
{
    public const int ProtectedPort = 22;
    public const int TrapPort = 2323;
    public const int OtherPort = 3000;

    /// <summary>The stages' ports: few, so that stages share ports and wrong knocks hit stage ports.</summary>
    private static readonly int[] StagePorts = [1001, 1002, 1003, 1004];

    /// <summary>Half the time grid, in milliseconds.</summary>
    public const int HalfTick = 25;

    private static readonly Gen<int> Timeout = Gen.Frequency(
        (6, Gen.Int[1, 4].Select(x => (2 * x + 1) * HalfTick)),
        (1, Gen.OneOf(30_000, 1_800_000)));

    /// <summary>A rule's timeout: mostly short, sometimes long, sometimes none (the entry stays until removed).</summary>
    private static readonly Gen<int> RuleTimeout = Gen.Frequency(
        (8, Timeout), (1, Gen.Const(KnockScript.NoneDynamic)), (1, Gen.Const(KnockScript.NoneStatic)));

    private static readonly Gen<KnockStage> Stage =
        from protocol in Gen.Frequency((5, Gen.Const(KnockProtocol.Tcp)), (3, Gen.Const(KnockProtocol.Udp)), (1, Gen.Const(KnockProtocol.Icmp)))
        from port in Gen.OneOf(StagePorts)
        from extra in Gen.Frequency((6, Gen.Const((string?)null)), (1, Gen.OneOf(StagePorts).Select(p => (string?)p.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, Gen.Const((string?)$"{OtherPort}-{OtherPort + 2}")))
        from timeout in RuleTimeout
        from flags in Gen.Frequency((6, Gen.Const((string?)null)), (2, Gen.Const((string?)"syn,!ack")), (1, Gen.Const((string?)"syn")), (1, Gen.Const((string?)"!fin,!rst")))
        from icmpData in Gen.Int[-4, 24]
        from notAgain in Gen.Int[0, 3]
        select new KnockStage(protocol, port, extra, timeout, flags, icmpData < 0 ? null : icmpData, notAgain == 0);

    private static readonly Gen<KnockBlacklist?> Blacklist = Gen.Frequency(
        (2, Gen.Const((KnockBlacklist?)null)),
        (1, from dropFirst in Gen.Bool
            from ports in Gen.OneOf($"{TrapPort}", $"{TrapPort},{OtherPort - 5}-{OtherPort + 5}")
            from timeout in RuleTimeout
            from exceptSecured in Gen.Bool
            select (KnockBlacklist?)new KnockBlacklist(dropFirst, ports, timeout, exceptSecured)));

    // A prefix (Source -1) never gets a timeout: the compiler keeps a prefix or range without its timeout, since an
    // interval set cannot expire elements (warning SES0607), while the engine expires it — a documented difference
    // (docs/semantics.md, "Engine and kernel"), not one to find again on every run.
    private static readonly Gen<KnockStaticEntry> Static =
        from list in Gen.OneOf("secured", "k1", "blacklist")
        from source in Gen.Int[-1, 2]
        from timeout in Gen.Frequency((2, Gen.Const((int?)null)), (1, Timeout.Select(t => (int?)t)))
        from dynamic in Gen.Int[0, 3]
        select new KnockStaticEntry(list, source, source < 0 ? null : timeout, source >= 0 && timeout is null && dynamic == 0);

    public static readonly Gen<KnockConfig> Config =
        from ipv6 in Gen.Bool
        from stages in Stage.Array[1, 4]
        from grant in RuleTimeout
        from acceptAny in Gen.Int[0, 3]
        from blacklist in Blacklist
        from statics in Gen.Frequency((3, Gen.Const(Array.Empty<KnockStaticEntry>())), (2, Static.Array[1, 2]))
        from iface in Gen.Int[0, 2]
        from jump in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 3]))
        from final in Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 3]))
        select Fix(new KnockConfig(ipv6, stages, grant, ProtectedPort, acceptAny == 0, blacklist, statics, iface, jump, final));

    /// <summary>
    /// One entry per list and address: RouterOS refuses a second ("already have such entry"). And no <c>dynamic=yes</c>
    /// entry without timeout in a list that a rule with a timeout writes: the engine gives such an entry the rule's
    /// timeout (ROUTEROS.md §3.4). The compiler now holds it with RouterOS's longest timeout so that it expires the same
    /// way (docs/semantics.md, "Engine and kernel"; kernel test DynamicWithoutTimeoutTests), but the final comparison of
    /// the lists would read that long timeout as a difference from the engine's "none", so the shape stays out here.
    /// </summary>
    private static KnockConfig Fix(KnockConfig c)
    {
        int? Writer(string list)
        {
            int stage = Enumerable.Range(0, c.Stages.Length).FirstOrDefault(i => c.StageList(i) == list, -1);
            return stage >= 0 ? (stage == c.Stages.Length - 1 ? c.GrantTimeoutMs : c.Stages[stage].TimeoutMs)
                : list == "blacklist" ? c.Blacklist?.TimeoutMs
                : null;
        }

        KnockStaticEntry[] statics = [.. c.Statics.DistinctBy(e => (e.List, e.Source)).Where(e => !(e.Dynamic && Writer(e.List) > 0))];
        return c with { Statics = statics };
    }

    /// <summary>What a client means to do with a packet; <see cref="Steps"/> turns intents into packets.</summary>
    private enum Intent
    {
        Next,
        Again,
        Skip,
        Restart,
        Protected,
        Trap,
        Wrong,
        OtherProtocol,
    }

    private static readonly Gen<(Intent Intent, int Source, int Gap, int Flags, int Data)> Step =
        from intent in Gen.Frequency(
            (8, Gen.Const(Intent.Next)), (2, Gen.Const(Intent.Again)), (1, Gen.Const(Intent.Skip)), (1, Gen.Const(Intent.Restart)),
            (3, Gen.Const(Intent.Protected)), (1, Gen.Const(Intent.Trap)), (2, Gen.Const(Intent.Wrong)), (1, Gen.Const(Intent.OtherProtocol)))
        from source in Gen.Int[0, 2]
        from gap in Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 4].Select(x => 2 * x * HalfTick)))
        from flags in Gen.Int[0, 11]
        from data in Gen.Int[0, 24]
        select (intent, source, gap, flags, data);

    public static readonly Gen<KnockCase> Case =
        from config in Config
        from sources in Gen.Int[1, 3]
        from intents in Step.Array[1, 10]
        select new KnockCase(config, Steps(config, sources, intents));

    private static KnockStep[] Steps(KnockConfig config, int sources, (Intent Intent, int Source, int Gap, int Flags, int Data)[] intents)
    {
        var next = new int[sources];
        var steps = new KnockStep[intents.Length];
        int stages = config.Stages.Length;
        for (int i = 0; i < intents.Length; i++)
        {
            (Intent intent, int source, int gap, int flagChoice, int data) = intents[i];
            source %= sources;
            TcpFlags flags = flagChoice switch
            {
                9 => TcpFlags.Syn | TcpFlags.Ack,
                10 => TcpFlags.Ack,
                11 => TcpFlags.Rst,
                _ => TcpFlags.Syn,
            };
            if (config.Jump == 2 && (flags & TcpFlags.Ack) != 0)
            {
                // A known difference (docs/semantics.md, "Engine and kernel"): a TCP packet with ACK and no tracked
                // connection is `established` in the engine (ROUTEROS.md §2.6, loose tracking) but `new` in Linux's
                // conntrack, which picks the connection up with that packet. Kept out where a rule asks for the state.
                flags = TcpFlags.Syn;
            }

            int stage = intent switch
            {
                Intent.Next => next[source],
                Intent.Again => Math.Max(0, next[source] - 1),
                Intent.Skip => next[source] + 1,
                Intent.Restart => 0,
                Intent.OtherProtocol => Math.Min(next[source], stages - 1),
                _ => -1,
            };
            if (intent is Intent.Next or Intent.Skip or Intent.Restart)
            {
                next[source] = Math.Min(stage + 1, stages);
            }

            if (stage >= stages)
            {
                intent = Intent.Protected; // the whole sequence is done: try the door
            }

            steps[i] = intent switch
            {
                Intent.Protected => new KnockStep(gap, source, KnockProtocol.Tcp, config.ProtectedPort, flags, 0),
                Intent.Trap => new KnockStep(gap, source, KnockProtocol.Tcp, TrapPort, flags, 0),
                Intent.Wrong => new KnockStep(gap, source, data % 2 == 0 ? KnockProtocol.Tcp : KnockProtocol.Udp,
                    data % 3 == 0 ? OtherPort : StagePorts[data % StagePorts.Length], flags, data),
                Intent.OtherProtocol => new KnockStep(gap, source,
                    config.Stages[stage].Protocol == KnockProtocol.Tcp ? KnockProtocol.Udp : KnockProtocol.Tcp, config.Stages[stage].Port, flags, data),
                _ => Knock(config.Stages[stage], gap, source, flags, flagChoice, data),
            };
        }

        return steps;
    }

    /// <summary>The stage's own knock; an ICMP stage with a size gets an echo of that size most of the time.</summary>
    private static KnockStep Knock(KnockStage stage, int gap, int source, TcpFlags flags, int flagChoice, int data) => stage.Protocol switch
    {
        KnockProtocol.Icmp => new KnockStep(gap, source, KnockProtocol.Icmp, 0, TcpFlags.None, stage.IcmpData is { } d && flagChoice < 8 ? d : data),
        KnockProtocol.Udp => new KnockStep(gap, source, KnockProtocol.Udp, stage.Port, TcpFlags.None, data),
        _ => new KnockStep(gap, source, KnockProtocol.Tcp, stage.Port, flags, 0),
    };
}
