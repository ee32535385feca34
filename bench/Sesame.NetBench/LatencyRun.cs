using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Sesame.NetBench;

/// <summary>
/// Mode <c>latency</c>: <c>count</c> knock sequences, each from its own source address (a granted address stays granted
/// for 30 min, so a reused one would prove nothing); per sequence, the time from sending the last knock to the first
/// completed connect to the service (on <c>--service-server</c>, the knocked server by default). Prints one summary line
/// of key=value pairs for the script.
/// </summary>
internal static class LatencyRun
{
    public static int Run(ToolArgs a)
    {
        IPAddress server = a.Address("server", "10.204.0.1");
        ushort[] knocks = a.Ports("knocks", "888,555,222");
        // The service may be on another host than the knocks (fleet mode: knock node A, connect to node C).
        var service = new IPEndPoint(a.Address("service-server", server.ToString()), a.Int("service", 22));
        IPAddress firstSource = a.Address("first-source", "10.206.0.1");
        int count = a.Int("count", 200);
        var timeout = TimeSpan.FromMilliseconds(a.Double("timeout-ms", 1000));
        var gap = TimeSpan.FromMilliseconds(a.Double("gap-ms", 5));
        var probe = new ConnectProbe(service, TimeSpan.FromMilliseconds(a.Double("poll-ms", 0.2)), TimeSpan.FromMilliseconds(20));

        bool warmUp = a.Int("warm-up", 1) != 0;
        var latencies = new List<double>(count);
        using var sender = new RawSender(server);
        // One sequence first, from the source after the measured ones and not counted: it pays for JIT compilation
        // (`--warm-up 0` leaves it out, when the first sequence is what is measured).
        for (int i = warmUp ? -1 : 0; i < count; i++)
        {
            uint source = Ipv4.ToUInt32(firstSource) + (uint)(i < 0 ? count : i);
            foreach (ushort port in knocks)
            {
                sender.Syn(source, port);
            }

            long sent = Stopwatch.GetTimestamp();
            long deadline = sent + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            if (probe.ConnectedAt(Ipv4.ToAddress(source), deadline) is { } connected && i >= 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent, connected).TotalMilliseconds);
            }

            Thread.Sleep(gap);
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"knocks={count} granted={latencies.Count} p50_ms={Percentile(latencies, 0.50):F3} p99_ms={Percentile(latencies, 0.99):F3} max_ms={(latencies.Count > 0 ? latencies[^1] : double.NaN):F3}"));
        return 0;
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
