using System.Diagnostics;

namespace Sesame.Benchmarks;

/// <summary>
/// <c>--quick [filter] [rounds]</c>: a Stopwatch loop over the same benchmarks, best of several rounds, for fast
/// comparisons while tuning and for profiling one benchmark. The published figures come from BenchmarkDotNet.
/// </summary>
internal static class QuickRun
{
    public static void Report(string filter, int rounds)
    {
        foreach (string ruleset in (string[])["Seed000", "Section9"])
        {
            string name = $"ProcessPackets({ruleset})";
            if (name.Contains(filter, StringComparison.Ordinal))
            {
                var bench = new FirewallBenchmark { Ruleset = ruleset };
                bench.Setup();
                Print(name, rounds, () => bench.ProcessPackets());
            }
        }

        foreach (bool timed in (bool[])[false, true])
        {
            string name = $"Contains(1M hosts, Timed={timed})";
            if (name.Contains(filter, StringComparison.Ordinal))
            {
                var lists = new AddressListBenchmark { Timed = timed };
                lists.Setup();
                Print(name, rounds, () => lists.Contains());
            }
        }

        if (filter.Length == 0 || filter.StartsWith("Spa", StringComparison.Ordinal))
        {
            var spa = new SpaBenchmark();
            spa.Setup();
            foreach ((string name, Func<int> run, Action? setup) in (ReadOnlySpan<(string, Func<int>, Action?)>)
                [
                    ("Spa(Valid)", spa.Valid, spa.NewValidPackets), ("Spa(Junk)", spa.Junk, null), ("Spa(RandomBase64)", spa.RandomBase64, null),
                    ("Spa(WrongKey)", spa.WrongKey, null), ("Spa(Replayed)", spa.Replayed, null),
                ])
            {
                if (name.Contains(filter, StringComparison.Ordinal))
                {
                    PrintSpa(name, rounds, run, setup, setup is null ? SpaBenchmark.Batch : SpaBenchmark.ValidBatch);
                }
            }
        }
    }

    // The SPA benchmarks run SpaBenchmark.Batch (valid: ValidBatch) verifications per call; the setup (a valid batch's new packets) is not timed.
    private static void PrintSpa(string name, int rounds, Func<int> run, Action? setup, int operations)
    {
        double best = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            setup?.Invoke();
            long start = Stopwatch.GetTimestamp();
            run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / operations);
        }

        Console.WriteLine($"{name}: {best / 1000:F2} µs/verification, {1e9 / best:N0} verifications/s");
    }

    // Every benchmark runs 65,536 operations per call.
    private static void Print(string name, int rounds, Func<int> run)
    {
        double best = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / (1 << 16));
        }

        Console.WriteLine($"{name}: {best:F1} ns/op, {1000 / best:F1} M ops/s");
    }
}
