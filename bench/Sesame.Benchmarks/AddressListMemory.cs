using System.Runtime.CompilerServices;
using Sesame.Engine.AddressLists;

namespace Sesame.Benchmarks;

/// <summary>Retained heap per entry of a 1,000,000-host address list (<c>--list-memory</c>): GC.GetTotalMemory(true) around building it.</summary>
internal static class AddressListMemory
{
    public static void Report()
    {
        Measure(timed: false);
        Measure(timed: true);
    }

    // A method per measurement, so no store of an earlier one is still reachable from a local.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Measure(bool timed)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        AddressListStore store = AddressListBenchmark.Build(AddressListBenchmark.Entries, timed, out uint[] listed);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        long listedBytes = listed.Length * (long)sizeof(uint);
        double perEntry = (after - before - listedBytes) / (double)store.Count;
        Console.WriteLine($"{(timed ? "dynamic entries with timeout" : "static entries")}: {store.Count:N0} entries, {perEntry:F1} bytes/entry");
        GC.KeepAlive(store);
        GC.KeepAlive(listed);
    }
}
