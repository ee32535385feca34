using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sesame.NetBench;

/// <summary>
/// Mode <c>spa-latency</c>: <c>count</c> SPA packets, each from its own source address (a granted address stays
/// granted, so a reused one would prove nothing), each a fresh packet (a repeated one is a replay); per packet, the time
/// from sending it to the first completed connect to the service from that source. The packet is built before the clock
/// starts (client-side work). Prints one summary line of key=value pairs for the script.
/// </summary>
internal static class SpaLatencyRun
{
    public static int Run(ToolArgs a)
    {
        IPAddress server = a.Address("server", "10.204.0.1");
        var spaPort = new IPEndPoint(server, a.Int("port", 62201));
        var service = new IPEndPoint(server, a.Int("service", 22));
        IPAddress firstSource = a.Address("first-source", "10.206.0.1");
        int count = a.Int("count", 200);
        var timeout = TimeSpan.FromMilliseconds(a.Double("timeout-ms", 1000));
        var gap = TimeSpan.FromMilliseconds(a.Double("gap-ms", 5));
        var probe = new ConnectProbe(service, TimeSpan.FromMilliseconds(a.Double("poll-ms", 0.2)), TimeSpan.FromMilliseconds(20));
        SpaPackets packets = SpaPackets.FromArgs(a);

        bool warmUp = a.Int("warm-up", 1) != 0;
        var latencies = new List<double>(count);
        for (int i = warmUp ? -1 : 0; i < count; i++)
        {
            IPAddress source = Ipv4.Offset(firstSource, i < 0 ? count : i);
            byte[] packet = packets.Next();
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(source, 0));
            long sent = Stopwatch.GetTimestamp();
            socket.SendTo(packet, spaPort);
            long deadline = sent + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            if (probe.ConnectedAt(source, deadline) is { } connected && i >= 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent, connected).TotalMilliseconds);
            }

            Thread.Sleep(gap);
        }

        if (a.Text("samples", "") is { Length: > 0 } samplesPath)
        {
            // Each trial's latency in the order sent, to tell a periodic stall from a random one.
            File.WriteAllLines(samplesPath, latencies.Select(l => l.ToString("F3", CultureInfo.InvariantCulture)));
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"knocks={count} granted={latencies.Count} p50_ms={Percentile(latencies, 0.50):F3} p99_ms={Percentile(latencies, 0.99):F3} max_ms={(latencies.Count > 0 ? latencies[^1] : double.NaN):F3}"));
        return 0;
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
