using BenchmarkDotNet.Attributes;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;
using Sesame.Time;

namespace Sesame.Benchmarks;

/// <summary>
/// What a script's address-list commands cost in the engine (<see cref="FirewallScriptHost"/> over a
/// <see cref="Firewall"/>), with <see cref="Entries"/> entries in <c>knock2</c>: <c>find list=knock2</c> (one call:
/// every entry of the family in print order, filtered by list, as the interpreter's <c>find</c> does), <c>get</c> of
/// one id, and <c>add</c> + <c>remove</c> of one entry. One operation = one command (one pair for add + remove).
/// </summary>
[MemoryDiagnoser]
public class ScriptHostBenchmark
{
    public const int Entries = 100_000;
    private const int Gets = 1 << 16;
    private const int AddRemoves = 1 << 14;
    private FirewallScriptHost _host = null!;
    private ManualTimeProvider _time = null!;
    private long[] _ids = [];
    private ScriptListEntryRequest[] _adds = [];

    [GlobalSetup]
    public void Setup()
    {
        (_host, _ids, _time) = Build(Entries);
        _adds = new ScriptListEntryRequest[AddRemoves];
        for (int i = 0; i < _adds.Length; i++)
        {
            // 11.x.y.z: never one of Build's 10.x.y.z addresses.
            _adds[i] = new ScriptListEntryRequest("knock2", IpRange.Host(IpFamily.V4, 0x0B00_0000u + (uint)i), null, TimeSpan.FromSeconds(30), false, false, null);
        }
    }

    /// <summary>A host over the seed's knock rules whose knock2 holds <paramref name="count"/> dynamic entries (30 s) from 10.0.0.0 on.</summary>
    internal static (FirewallScriptHost Host, long[] Ids, ManualTimeProvider Time) Build(int count)
    {
        FirewallConfig config = SeedConfig.Build();
        var time = new ManualTimeProvider();
        var firewall = new Firewall(config, time, ConnectionTracking.Auto);
        var host = new FirewallScriptHost(firewall, config, time, "bench");
        var ids = new long[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = host.AddEntry(IpFamily.V4, new ScriptListEntryRequest("knock2", IpRange.Host(IpFamily.V4, 0x0A00_0000u + (uint)i), null, TimeSpan.FromSeconds(30), false, false, null));
        }

        return (host, ids, time);
    }

    /// <summary>The clock moves one tick first: the firewall keeps one snapshot per instant and list version, and a find at a new instant builds a new one.</summary>
    [Benchmark]
    public int FindKnock2()
    {
        _time.Advance(TimeSpan.FromTicks(1));
        int found = 0;
        foreach (ScriptListEntry e in _host.GetEntries(IpFamily.V4))
        {
            if (e.List == "knock2")
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Gets)]
    public int Get()
    {
        int hosts = 0;
        long[] ids = _ids;
        for (int i = 0; i < Gets; i++)
        {
            if (_host.GetEntry(IpFamily.V4, ids[(i * 7919) % ids.Length])!.Address is { IsHost: true })
            {
                hosts++;
            }
        }

        return hosts;
    }

    [Benchmark(OperationsPerInvoke = AddRemoves)]
    public long AddRemove()
    {
        long sum = 0;
        foreach (ScriptListEntryRequest request in _adds)
        {
            long id = _host.AddEntry(IpFamily.V4, request);
            _host.RemoveEntry(IpFamily.V4, id);
            sum += id;
        }

        return sum;
    }
}
