using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sesame.Engine;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS;
using Sesame.Simulation;
using Sesame.Tracing;

namespace Sesame.Tests.Property;

/// <summary>
/// Runs one generated case through the kernel (real packets, with the case's timing) and through the engine (the
/// trace of what was sent, at the times it was sent), and compares them: the rules each packet matched (kernel: the
/// named counters read after every packet), the bytes each rule counted, and the address lists at the end.
/// </summary>
internal static class KnockRun
{
    /// <summary>
    /// How near an expiry a packet may come before the case is inconclusive: the kernel's set timeouts are rounded up to
    /// jiffies (4 ms here, CONFIG_HZ=250) and start and end on jiffy ticks, so its decision can fall a jiffy or two either
    /// side of the exact time; the rest of the uncertainty (when between send and count the kernel handled the packet)
    /// is measured per packet.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(12);

    private static readonly TimeSpan CountLimit = TimeSpan.FromSeconds(2);

    public static KnockOutcome Run(KnockLab lab, KnockCase c)
    {
        KnockAddresses addresses = c.Config.Ipv6 ? lab.V6 : lab.V4;
        IpFamily family = c.Config.Ipv6 ? IpFamily.V6 : IpFamily.V4;
        string script = KnockScript.Config(c.Config, addresses);
        ScriptResult parsed = RouterOsScript.Parse(script, "case.rsc");
        if (parsed.HasErrors)
        {
            throw new InvalidOperationException($"the generator wrote a config with errors:\n{string.Join("\n", parsed.Diagnostics)}\n{script}");
        }

        FirewallConfig config = parsed.Config;
        EquatableArray<FilterRule> rules = c.Config.Ipv6 ? config.Ipv6Filter : config.Ipv4Filter;
        bool[] terminal = [.. rules.Select(r => r.Action is FilterAction.Accept or FilterAction.Drop or FilterAction.Reject)];

        var clock = Stopwatch.StartNew();
        lab.Apply(config);
        TimeSpan applied = clock.Elapsed;
        clock.Restart();

        var times = new double[c.Steps.Length];
        var handled = new double[c.Steps.Length];
        int[] ports = [.. c.Steps.Select(_ => lab.NextSourcePort())];
        var kernel = new long[c.Steps.Length][];
        long[] before = new long[rules.Count];
        TimeSpan planned = TimeSpan.Zero;
        for (int i = 0; i < c.Steps.Length; i++)
        {
            KnockStep step = c.Steps[i];
            planned += TimeSpan.FromMilliseconds(step.GapMs);
            WaitUntil(clock, planned);
            times[i] = clock.Elapsed.TotalSeconds;
            lab.Send(step, c.Config.Ipv6, ports[i]);
            kernel[i] = AwaitCount(lab, family, rules.Count, terminal, i + 1);
            handled[i] = clock.Elapsed.TotalSeconds;
        }

        double lastTime = c.Steps.Length > 0 ? times[^1] : 0;
        IReadOnlyList<NftAddressListElement> lists = lab.Lists();
        double readTime = clock.Elapsed.TotalSeconds;
        IReadOnlyList<NftRuleCounter> finalCounters = lab.Counters();

        var trace = new StringBuilder();
        for (int i = 0; i < c.Steps.Length; i++)
        {
            trace.Append(KnockScript.TraceLine(c.Steps[i], c.Config.Ipv6, addresses, times[i], ports[i])).Append('\n');
        }

        Sesame.Tracing.Trace read = TraceReader.Read(trace.ToString(), "case.trace", TraceDefaults.FromConfig(config));
        if (read.HasErrors)
        {
            throw new InvalidOperationException($"the trace has errors:\n{string.Join("\n", read.Diagnostics)}\n{trace}");
        }

        SimulationResult engine = Simulator.Run(config, read.Packets);
        if (IsNearExpiry(config, family, engine, applied.TotalSeconds, handled, readTime))
        {
            return KnockOutcome.Inconclusive;
        }

        var differences = new List<string>();
        long[] previous = new long[rules.Count];
        for (int i = 0; i < c.Steps.Length; i++)
        {
            SimulationResult prefix = i == c.Steps.Length - 1 ? engine : Simulator.Run(config, [.. read.Packets.Take(i + 1)]);
            long[] now = Counts(prefix, family, rules.Count);
            int[] engineRules = [.. Enumerable.Range(0, rules.Count).Where(r => now[r] != previous[r])];
            int[] kernelRules = [.. Enumerable.Range(0, rules.Count).Where(r => kernel[i][r] != (i == 0 ? 0 : kernel[i - 1][r]))];
            if (!engineRules.SequenceEqual(kernelRules) || now.Where((n, r) => n - previous[r] > 1).Any())
            {
                differences.Add($"packet {i + 1} ({read.Packets[i].Text.Trim()}): engine matched rules [{string.Join(", ", engineRules)}] ({engine.Packets[i].Result.Verdict} by rule {engine.Packets[i].Result.RuleIndex}), kernel counted rules [{string.Join(", ", kernelRules)}]");
            }

            previous = now;
        }

        foreach (SimulatedRule rule in engine.Rules.Where(r => r.Family == family))
        {
            NftRuleCounter? k = finalCounters.FirstOrDefault(x => x.Family == family && x.Index == rule.Index);
            if (k is null || (long)k.Bytes != rule.Counter.Bytes || (long)k.Packets != rule.Counter.Packets)
            {
                differences.Add($"rule {rule.Index}: engine counted {rule.Counter.Packets} packets, {rule.Counter.Bytes} bytes; kernel {k?.Packets} packets, {k?.Bytes} bytes");
            }
        }

        CompareLists(engine, lists, family, readTime - lastTime, differences);
        if (differences.Count > 0)
        {
            throw new KnockDifferenceException(Report(script, trace.ToString(), differences));
        }

        return KnockOutcome.Agreed;
    }

    private static void WaitUntil(Stopwatch clock, TimeSpan at)
    {
        TimeSpan left = at - clock.Elapsed;
        if (left > TimeSpan.FromMilliseconds(2))
        {
            Thread.Sleep(left - TimeSpan.FromMilliseconds(1));
        }

        while (clock.Elapsed < at)
        {
            Thread.SpinWait(20);
        }
    }

    /// <summary>
    /// Reads the counters until the terminal rules (accept, drop, reject) have counted <paramref name="packets"/> packets:
    /// every generated config ends with a drop or reject, so each packet ends at exactly one of them, and then the kernel
    /// is done with it.
    /// </summary>
    private static long[] AwaitCount(KnockLab lab, IpFamily family, int count, bool[] terminal, int packets)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var counts = new long[count];
            foreach (NftRuleCounter k in lab.Counters())
            {
                if (k.Family == family && k.Index < count)
                {
                    counts[k.Index] = (long)k.Packets;
                }
            }

            long ended = counts.Where((_, r) => terminal[r]).Sum();
            if (ended >= packets || clock.Elapsed > CountLimit)
            {
                if (ended != packets)
                {
                    throw new KnockDifferenceException($"after packet {packets} the kernel's accept, drop and reject rules counted {ended} packets");
                }

                return counts;
            }

            Thread.Sleep(1);
        }
    }

    private static long[] Counts(SimulationResult result, IpFamily family, int count)
    {
        var counts = new long[count];
        foreach (SimulatedRule rule in result.Rules.Where(r => r.Family == family))
        {
            counts[rule.Index] = rule.Counter.Packets;
        }

        return counts;
    }

    /// <summary>
    /// Whether the kernel may have handled a packet, or read the lists after the last one, within <see cref="Margin"/>
    /// of the expiry of an entry as it stood then. The kernel handled packet i some time between its send time (the
    /// engine's time for it) and <paramref name="handled"/>[i], when its count was seen; so an entry it added expires in a
    /// window as wide. Entries of the config expire from the engine's time 0, which in the kernel is some time during the
    /// apply, up to <paramref name="applySeconds"/> before the clock's start.
    /// </summary>
    private static bool IsNearExpiry(FirewallConfig config, IpFamily family, SimulationResult engine, double applySeconds, double[] handled, double readTime)
    {
        double margin = Margin.TotalSeconds;
        var expiries = new Dictionary<(string, IpRange), (double From, double To)>();
        foreach (AddressListEntry entry in family == IpFamily.V6 ? config.Ipv6AddressList : config.Ipv4AddressList)
        {
            if (entry.Address is { } address && entry.Timeout is { } timeout && !entry.IsStatic)
            {
                expiries[(entry.List, address)] = (timeout.TotalSeconds - applySeconds, timeout.TotalSeconds);
            }
        }

        static bool Near(double from, double to, (double From, double To) expiry, double margin) =>
            expiry.From < to + margin && expiry.To > from - margin;

        for (int i = 0; i < engine.Packets.Count; i++)
        {
            SimulatedPacket p = engine.Packets[i];
            double sent = p.Packet.Time;
            foreach ((double From, double To) expiry in expiries.Values)
            {
                if (Near(sent, handled[i], expiry, margin))
                {
                    return true;
                }
            }

            foreach (AddressListChange change in p.Changes)
            {
                if (change.Kind == AddressListChangeKind.Expired)
                {
                    continue;
                }

                if (change.Timeout is { } timeout)
                {
                    expiries[(change.List, change.Address)] = (sent + timeout.TotalSeconds, handled[i] + timeout.TotalSeconds);
                }
                else
                {
                    expiries.Remove((change.List, change.Address));
                }
            }
        }

        double lastSent = engine.Packets.Count > 0 ? engine.Packets[^1].Packet.Time : 0;
        foreach ((double From, double To) expiry in expiries.Values)
        {
            if (Near(lastSent, readTime, expiry, margin))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Same entries (list and address) on both sides; same kind (timeout or none); remaining time within what the
    /// kernel can say: whole seconds, read <paramref name="readDelay"/> after the engine's last packet.
    /// </summary>
    private static void CompareLists(SimulationResult engine, IReadOnlyList<NftAddressListElement> kernel, IpFamily family, double readDelay, List<string> differences)
    {
        var expected = engine.Lists.Where(e => e.Family == family && e.Address is not null)
            .ToDictionary(e => $"{e.List} {e.Address}", StringComparer.Ordinal);
        var actual = kernel.Where(k => k.Family == family).ToDictionary(k => $"{k.List} {k.Address}", StringComparer.Ordinal);
        foreach (string key in expected.Keys.Except(actual.Keys).Order(StringComparer.Ordinal))
        {
            differences.Add($"list entry {key}: in the engine (remaining {expected[key].Remaining?.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture) ?? "none"}), not in the kernel");
        }

        foreach (string key in actual.Keys.Except(expected.Keys).Order(StringComparer.Ordinal))
        {
            differences.Add($"list entry {key}: in the kernel (expires {actual[key].Expires?.TotalSeconds.ToString(CultureInfo.InvariantCulture) ?? "never"}), not in the engine");
        }

        foreach (string key in expected.Keys.Intersect(actual.Keys))
        {
            TimeSpan? remaining = expected[key].Remaining;
            TimeSpan? expires = actual[key].Expires;
            if (actual[key].Timeout == RouterOsTime.Max && expires > RouterOsTime.Max - TimeSpan.FromHours(1))
            {
                // The compiler holds a dynamic entry without timeout with RouterOS's longest timeout (a kernel element
                // without one is static, and a timed rule's refresh could not make it expire): that is the engine's "none".
                expires = null;
            }

            if (remaining is null != expires is null)
            {
                differences.Add($"list entry {key}: engine remaining {remaining?.ToString() ?? "none"}, kernel expires {expires?.ToString() ?? "never"}");
                continue;
            }

            // nft prints whole seconds, rounded down.
            if (remaining is { } r && expires is { } k
                && (k.TotalSeconds > r.TotalSeconds + Margin.TotalSeconds || k.TotalSeconds < r.TotalSeconds - readDelay - 1 - Margin.TotalSeconds))
            {
                differences.Add($"list entry {key}: engine remaining {r.TotalSeconds:F3} s at the last packet, kernel expires {k.TotalSeconds} s {readDelay:F3} s later");
            }
        }
    }

    private static string Report(string script, string trace, List<string> differences)
    {
        var s = new StringBuilder();
        s.Append("engine and kernel differ:\n");
        foreach (string d in differences)
        {
            s.Append("  ").Append(d).Append('\n');
        }

        s.Append("replay with `sesame simulate case.rsc case.trace`:\n");
        s.Append("cat > case.rsc <<'EOF'\n").Append(script).Append("EOF\n");
        s.Append("cat > case.trace <<'EOF'\n").Append(trace).Append("EOF\n");
        return s.ToString();
    }
}
