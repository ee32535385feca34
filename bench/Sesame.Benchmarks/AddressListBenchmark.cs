using BenchmarkDotNet.Attributes;
using Sesame.Engine.AddressLists;
using Sesame.Net;

namespace Sesame.Benchmarks;

/// <summary>
/// Lookups in an address list of 1,000,000 host entries; half of the looked-up addresses are listed. <c>Timed</c> gives
/// every entry a (long) timeout, as a blacklist filled by rules has, so a hit also reads the entry's expiry.
/// </summary>
[MemoryDiagnoser]
public class AddressListBenchmark
{
    public const int Entries = 1_000_000;
    private const int Lookups = 1 << 16;
    private AddressListStore _store = null!;
    private UInt128[] _queries = [];

    [Params(false, true)]
    public bool Timed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = Build(Entries, Timed, out uint[] listed);
        var random = new Random(7);
        _queries = new UInt128[Lookups];
        for (int i = 0; i < Lookups; i++)
        {
            _queries[i] = i % 2 == 0 ? listed[random.Next(listed.Length)] : (uint)random.Next() | 0x8000_0000u;
        }
    }

    /// <summary>A store with <paramref name="count"/> distinct random IPv4 hosts (below 128.0.0.0) in list 0.</summary>
    internal static AddressListStore Build(int count, bool timed, out uint[] listed)
    {
        var store = new AddressListStore(1);
        var random = new Random(1);
        listed = new uint[count];
        var seen = new HashSet<uint>(count);
        for (int i = 0; i < count;)
        {
            uint address = (uint)random.Next() & 0x7FFF_FFFFu;
            if (seen.Add(address))
            {
                listed[i++] = address;
            }
        }

        seen.Clear();
        seen.TrimExcess();
        long expires = timed ? TimeSpan.FromDays(1).Ticks : long.MaxValue;
        foreach (uint address in listed)
        {
            store.Add(0, IpFamily.V4, IpRange.Host(IpFamily.V4, address), null, expires, timed, false, null, 0);
        }

        return store;
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int Contains()
    {
        int hits = 0;
        AddressListStore store = _store;
        foreach (UInt128 address in _queries)
        {
            if (store.Contains(0, address, 1))
            {
                hits++;
            }
        }

        return hits;
    }
}
