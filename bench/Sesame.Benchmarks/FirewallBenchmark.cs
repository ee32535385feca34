using BenchmarkDotNet.Attributes;
using Sesame.Engine;
using Sesame.Time;

namespace Sesame.Benchmarks;

/// <summary>
/// A ruleset over <see cref="TrafficMix"/>; one operation is one packet, the clock moves 10 µs per packet.
/// <c>Seed000</c> is the seed fixture as parsed (<see cref="SeedFixture"/>); <c>Section9</c> is ROUTEROS.md §9's input chain
/// with connection-state rules and the blacklist (<see cref="SeedConfig"/>).
/// </summary>
[MemoryDiagnoser]
public class FirewallBenchmark
{
    private const int PacketCount = 1 << 16;
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(100);
    private ManualTimeProvider _time = null!;
    private Firewall _firewall = null!;
    private Packet[] _packets = [];

    [Params("Seed000", "Section9")]
    public string Ruleset { get; set; } = "Seed000";

    [GlobalSetup]
    public void Setup()
    {
        _time = new ManualTimeProvider();
        _firewall = new Firewall(Ruleset == "Seed000" ? SeedFixture.Build() : SeedConfig.Build(), _time, ConnectionTracking.Auto);
        _packets = TrafficMix.Build(_firewall, PacketCount);
    }

    [Benchmark(OperationsPerInvoke = PacketCount)]
    public int ProcessPackets()
    {
        int dropped = 0;
        Packet[] packets = _packets;
        for (int i = 0; i < packets.Length; i++)
        {
            _time.Advance(Tick);
            if (_firewall.Process(packets[i]).Verdict == Verdict.Drop)
            {
                dropped++;
            }
        }

        return dropped;
    }
}
