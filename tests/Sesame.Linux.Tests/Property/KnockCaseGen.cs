using CsCheck;
using Sesame.Model;

namespace Sesame.Tests.Property;

/// <summary>
/// CsCheck generators of knock configs and of the packets a few clients send to them. The kernel holds timeouts in
/// whole seconds (nftables' JSON input; SES0532), so the short timeout is 1 s, and time runs on a grid of
/// <see cref="Tick"/> = 80 ms: pauses are whole ticks, so a packet lands 40 ms away from any 1 s expiry (1000 is 12.5
/// ticks), far more than the kernel's jiffy and the run's jitter, while the packets of a burst follow each other as
/// fast as the run can send them (about a millisecond each). Waiting out a second costs wall time, so one case in
/// <see cref="SlowOneIn"/> is a slow one — 1 s timeouts and pauses long enough for knocks to come too late and grants
/// to run out — and the others have long timeouts and short pauses (~0.2 s a case).
/// </summary>
internal static class KnockCaseGen
{
    public const int ProtectedPort = 22;
    public const int TrapPort = 2323;
    public const int OtherPort = 3000;

    /// <summary>The stages' ports: few, so that stages share ports and wrong knocks hit stage ports.</summary>
    private static readonly int[] StagePorts = [1001, 1002, 1003, 1004];

    /// <summary>The time grid, in milliseconds: 1 s is 12.5 ticks, so no pause sum lands on a 1 s expiry.</summary>
    public const int Tick = 80;

    /// <summary>One case in this many waits out 1 s timeouts.</summary>
    public const int SlowOneIn = 6;

    /// <summary>A timeout: in a slow case mostly the short one (1 s, the shortest the kernel holds), else long ones.</summary>
    private static Gen<int> Timeout(bool slow) => slow
        ? Gen.Frequency((6, Gen.Const(1000)), (1, Gen.OneOf(30_000, 1_800_000)))
        : Gen.OneOf(30_000, 1_800_000);

    /// <summary>A rule's timeout: mostly a timeout, sometimes none (the entry stays until removed).</summary>
    private static Gen<int> RuleTimeout(bool slow) => Gen.Frequency(
        (8, Timeout(slow)), (1, Gen.Const(KnockScript.NoneDynamic)), (1, Gen.Const(KnockScript.NoneStatic)));

    private static Gen<KnockStage> Stage(bool slow) =>
        from protocol in Gen.Frequency((5, Gen.Const(KnockProtocol.Tcp)), (3, Gen.Const(KnockProtocol.Udp)), (1, Gen.Const(KnockProtocol.Icmp)))
        from port in Gen.OneOf(StagePorts)
        from extra in Gen.Frequency((6, Gen.Const((string?)null)), (1, Gen.OneOf(StagePorts).Select(p => (string?)p.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, Gen.Const((string?)$"{OtherPort}-{OtherPort + 2}")))
        from timeout in RuleTimeout(slow)
        from flags in Gen.Frequency((6, Gen.Const((string?)null)), (2, Gen.Const((string?)"syn,!ack")), (1, Gen.Const((string?)"syn")), (1, Gen.Const((string?)"!fin,!rst")))
        from icmpData in Gen.Int[-4, 24]
        from notAgain in Gen.Int[0, 3]
        select new KnockStage(protocol, port, extra, timeout, flags, icmpData < 0 ? null : icmpData, notAgain == 0);

    private static Gen<KnockBlacklist?> Blacklist(bool slow) => Gen.Frequency(
        (2, Gen.Const((KnockBlacklist?)null)),
        (1, from dropFirst in Gen.Bool
            from ports in Gen.OneOf($"{TrapPort}", $"{TrapPort},{OtherPort - 5}-{OtherPort + 5}")
            from timeout in RuleTimeout(slow)
            from exceptSecured in Gen.Bool
            select (KnockBlacklist?)new KnockBlacklist(dropFirst, ports, timeout, exceptSecured)));

    // A prefix (Source -1) never gets a timeout: the compiler keeps a prefix or range without its timeout, since an
    // interval set cannot expire elements (warning SES0607), while the engine expires it — a documented difference
    // (docs/semantics.md, "Engine and kernel"), not one to find again on every run.
    private static Gen<KnockStaticEntry> Static(bool slow) =>
        from list in Gen.OneOf("secured", "k1", "blacklist")
        from source in Gen.Int[-1, 2]
        from timeout in Gen.Frequency((2, Gen.Const((int?)null)), (1, Timeout(slow).Select(t => (int?)t)))
        from dynamic in Gen.Int[0, 3]
        select new KnockStaticEntry(list, source, source < 0 ? null : timeout, source >= 0 && timeout is null && dynamic == 0);

    private static Gen<KnockConfig> Config(bool slow) =>
        from ipv6 in Gen.Bool
        from stages in Stage(slow).Array[1, 4]
        from grant in RuleTimeout(slow)
        from acceptAny in Gen.Int[0, 3]
        from blacklist in Blacklist(slow)
        from statics in Gen.Frequency((3, Gen.Const(Array.Empty<KnockStaticEntry>())), (2, Static(slow).Array[1, 2]))
        from iface in Gen.Int[0, 2]
        from jump in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 3]))
        from final in Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 3]))
        select Fix(new KnockConfig(ipv6, stages, grant, ProtectedPort, acceptAny == 0, blacklist, statics, iface, jump, final));

    /// <summary>
    /// One entry per list and address: RouterOS refuses a second ("already have such entry"). A <c>dynamic=yes</c> entry
    /// without timeout in a list a timed rule writes is generated: the compiler holds it with RouterOS's longest timeout,
    /// so the rule's refresh makes it expire as in the engine (docs/semantics.md, "Engine and kernel").
    /// </summary>
    private static KnockConfig Fix(KnockConfig c)
    {
        KnockStaticEntry[] statics = [.. c.Statics.DistinctBy(e => (e.List, e.Source))];
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

    /// <summary>A packet's intent and the pause before it: in a slow case sometimes more than the 1 s timeout.</summary>
    private static Gen<(Intent Intent, int Source, int Gap, int Flags, int Data)> Step(bool slow) =>
        from intent in Gen.Frequency(
            (8, Gen.Const(Intent.Next)), (2, Gen.Const(Intent.Again)), (1, Gen.Const(Intent.Skip)), (1, Gen.Const(Intent.Restart)),
            (3, Gen.Const(Intent.Protected)), (1, Gen.Const(Intent.Trap)), (2, Gen.Const(Intent.Wrong)), (1, Gen.Const(Intent.OtherProtocol)))
        from source in Gen.Int[0, 2]
        from gap in slow
            ? Gen.Frequency((4, Gen.Const(0)), (2, Gen.Int[1, 4].Select(x => x * Tick)), (1, Gen.Int[12, 14].Select(x => x * Tick)))
            : Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 3].Select(x => x * Tick)))
        from flags in Gen.Int[0, 11]
        from data in Gen.Int[0, 24]
        select (intent, source, gap, flags, data);

    public static readonly Gen<KnockCase> Case =
        from slow in Gen.Int[1, SlowOneIn].Select(x => x == 1)
        from config in Config(slow)
        from sources in Gen.Int[1, 3]
        from intents in Step(slow).Array[1, 10]
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
