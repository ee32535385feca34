using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Sesame.NetBench;

/// <summary>
/// Mode <c>fleet-rate</c>: sustained shared changes per second. For each rate in <c>--rates</c>, for <c>--seconds</c>,
/// every <c>--tick-ms</c> one batch of new addresses goes into a shared list's set on the adding node
/// (<c>nft -f -</c> in its namespace: <c>add element inet sesame SET { A timeout 10m, … }</c>, an element another
/// process added, which the node's daemon publishes), while <c>nft monitor new elements</c> in the watching node's
/// namespace tells when each address arrives there. A batch's lag is from the end of its <c>nft</c> command (the
/// elements are in the adding node's kernel) to the last of its addresses seen on the watching node. A rate is sustained
/// when the batches went out on time (≥ 95% of the rate) and every one arrived within <c>--max-lag-ms</c>. Prints one
/// line per rate and a last line with the highest rate sustained; stops one rate after the first that fails.
/// </summary>
internal static class FleetRateRun
{
    public static int Run(ToolArgs a)
    {
        string addNs = a.Text("add-ns", "");
        string watchNs = a.Text("watch-ns", "");
        string set = a.Text("set", "v4_secured");
        int[] rates = [.. a.Text("rates", "1000,2000,5000,10000,20000").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))];
        double seconds = a.Double("seconds", 10);
        int tickMs = a.Int("tick-ms", 100);
        double maxLagMs = a.Double("max-lag-ms", 1000);
        double drainSeconds = a.Double("drain-seconds", 5);
        uint next = Ipv4.ToUInt32(a.Address("first", "100.64.0.1"));
        if (addNs.Length == 0 || watchNs.Length == 0)
        {
            Console.Error.WriteLine("fleet-rate needs --add-ns NAMESPACE --watch-ns NAMESPACE");
            return 2;
        }

        using var monitor = new ElementMonitor(watchNs);
        Thread.Sleep(500); // the monitor subscribes before the first batch
        int best = 0;
        bool failedOnce = false;
        foreach (int rate in rates)
        {
            int perBatch = Math.Max(1, rate * tickMs / 1000);
            int batches = (int)Math.Round(seconds * 1000 / tickMs);
            var sent = new List<(uint First, int Count, long Done)>(batches);
            var clock = Stopwatch.StartNew();
            long start = Stopwatch.GetTimestamp();
            for (int b = 0; b < batches; b++)
            {
                long due = start + (long)(b * tickMs / 1000.0 * Stopwatch.Frequency);
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }

                AddBatch(addNs, set, next, perBatch);
                sent.Add((next, perBatch, Stopwatch.GetTimestamp()));
                next += (uint)perBatch;
            }

            // The window is the batches' ticks (the last batch's tick ends one tick after it started), or longer when nft fell behind.
            double took = Math.Max(clock.Elapsed.TotalSeconds, batches * tickMs / 1000.0);
            long drainUntil = Stopwatch.GetTimestamp() + (long)(drainSeconds * Stopwatch.Frequency);
            var lags = new List<double>(sent.Count);
            int missing = 0;
            foreach ((uint first, int count, long done) in sent)
            {
                long last = 0;
                for (uint i = 0; i < count; i++)
                {
                    long seen = monitor.WaitFor(first + i, drainUntil);
                    if (seen == 0)
                    {
                        missing++;
                    }
                    else
                    {
                        last = Math.Max(last, seen);
                    }
                }

                lags.Add(last == 0 ? double.PositiveInfinity : Math.Max(0, Stopwatch.GetElapsedTime(done, last).TotalMilliseconds));
            }

            lags.Sort();
            double achieved = sent.Sum(s => s.Count) / took;
            bool ok = missing == 0 && achieved >= 0.95 * rate && lags[^1] <= maxLagMs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rate={rate} batches={sent.Count}x{perBatch} achieved_per_s={achieved:F0} seconds={took:F1} missing={missing} lag_p50_ms={Percentile(lags, 0.50):F1} lag_p99_ms={Percentile(lags, 0.99):F1} lag_max_ms={lags[^1]:F1} sustained={(ok ? 1 : 0)}"));
            if (ok)
            {
                best = Math.Max(best, rate);
            }
            else if (failedOnce)
            {
                break;
            }
            else
            {
                failedOnce = true;
            }

            Thread.Sleep(2000);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sustained_per_s={best} max_lag_ms={maxLagMs:F0} window_s={seconds:F0}"));
        return 0;
    }

    private static void AddBatch(string ns, string set, uint first, int count)
    {
        var text = new StringBuilder(count * 32);
        text.Append("add element inet sesame ").Append(set).Append(" { ");
        for (int i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(Ipv4.ToAddress(first + (uint)i)).Append(" timeout 10m");
        }

        text.Append(" }\n");
        var start = new ProcessStartInfo("nsenter") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[$"--net=/run/netns/{ns}", "--", "nft", "-f", "-"])
        {
            start.ArgumentList.Add(arg);
        }

        using Process nft = Process.Start(start)!;
        nft.StandardInput.Write(text);
        nft.StandardInput.Close();
        string error = nft.StandardError.ReadToEnd();
        if (!nft.WaitForExit(30_000) || nft.ExitCode != 0)
        {
            throw new InvalidOperationException($"nft add element failed: {error}");
        }
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
