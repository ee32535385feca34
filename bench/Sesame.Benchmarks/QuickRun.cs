using System.Diagnostics;

namespace Sesame.Benchmarks;

/// <summary>
/// <c>--quick</c>: a Stopwatch loop over the same benchmarks, best of several rounds, for fast comparisons while tuning.
/// The published figures come from BenchmarkDotNet.
/// </summary>
internal static class QuickRun
{
    private const int Rounds = 15;

    public static void Report()
    {
        foreach (string ruleset in (string[])["Seed000", "Section9"])
        {
            var bench = new FirewallBenchmark { Ruleset = ruleset };
            bench.Setup();
            Print($"ProcessPackets({ruleset})", 1 << 16, () => bench.ProcessPackets());
        }

        var lists = new AddressListBenchmark();
        lists.Setup();
        Print("Contains(1M hosts)", 1 << 16, () => lists.Contains());
    }

    private static void Print(string name, int operations, Func<int> run)
    {
        double best = double.MaxValue;
        for (int round = 0; round < Rounds; round++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / operations);
        }

        Console.WriteLine($"{name}: {best:F1} ns/op, {1000 / best:F1} M ops/s");
    }
}
