using System.Diagnostics;
using System.Runtime.CompilerServices;
using Sesame.Spa;
using Sesame.Time;

namespace Sesame.Benchmarks;

/// <summary>
/// <c>--spa-memory</c>: retained heap per entry of a 1,000,000-digest replay cache (GC.GetTotalMemory(true) around
/// filling it); <c>--spa-journal [DIR]</c>: the cost of one accepted digest with the journal, written only and fsynced.
/// </summary>
internal static class SpaReplayCacheMemory
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Report()
    {
        var time = new ManualTimeProvider();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        SpaReplayCache cache = SpaBenchmark.FillReplayCache(time, SpaBenchmark.ReplayEntries);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"replay cache: {cache.Count:N0} entries, {(after - before) / (double)cache.Count:F1} bytes/entry");
        GC.KeepAlive(cache);
    }

    public static void Journal(string directory, int adds)
    {
        foreach (bool sync in (bool[])[false, true])
        {
            string path = Path.Combine(directory, $"sesame-bench-{Environment.ProcessId}.replay");
            try
            {
                var time = new ManualTimeProvider();
                using var cache = new SpaReplayCache(path, time) { SyncEachAdd = sync };
                byte[] digest = new byte[32];
                var random = new Random(1);
                int count = sync ? Math.Min(adds, 2000) : adds;
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < count; i++)
                {
                    random.NextBytes(digest);
                    cache.TryAdd(digest, time.GetUtcNow().AddMinutes(2));
                }

                double micro = Stopwatch.GetElapsedTime(start).TotalMicroseconds / count;
                Console.WriteLine($"journaled TryAdd ({(sync ? "fsync each" : "write only")}) in {directory}: {micro:F2} µs/add over {count:N0} adds");
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
