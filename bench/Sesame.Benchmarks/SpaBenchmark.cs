using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Sesame.Model;
using Sesame.Net;
using Sesame.Spa;
using Sesame.Time;

namespace Sesame.Benchmarks;

/// <summary>
/// SPA verifications on one core, the replay cache already holding 1,000,000 digests: valid packets (each new, so each is
/// decrypted, parsed, looked up, recorded and granted), junk (random bytes: refused by the sanity check), random base64
/// of SPA length and packets from a wrong key (refused by the HMAC), and replayed packets (HMAC, decrypt, parse, then
/// refused by the cache: the dearest refusal). The door has one stanza, as a single-key fwknopd has.
/// </summary>
[MemoryDiagnoser]
public class SpaBenchmark
{
    public const int ReplayEntries = 1_000_000;
    public const int Batch = 1024;

    /// <summary>Valid packets per iteration: enough for an iteration of ~100 ms, so that one invocation per iteration (new packets each time) measures tiered-up code.</summary>
    public const int ValidBatch = 16384;

    private static readonly SpaPort Ssh = new(IpProtocols.Tcp, 22);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(120);

    private readonly SpaKeys _keys = new(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(64));
    private ManualTimeProvider _time = null!;
    private SpaReplayCache _replay = null!;
    private SpaVerifier _verifier = null!;
    private byte[][] _valid = [];
    private byte[][] _junk = [];
    private byte[][] _base64 = [];
    private byte[][] _wrongKey = [];
    private byte[][] _replayed = [];
    private readonly UInt128 _source = 0xC633_6409;

    [GlobalSetup]
    public void Setup()
    {
        _time = new ManualTimeProvider(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero));
        _replay = FillReplayCache(_time, ReplayEntries);
        var door = new SpaDoor("bench")
        {
            Window = Window,
            Users = [new SpaUser("alice", _keys) { Ports = [Ssh] }],
            PortLists = [new SpaPortList(Ssh, "spa-bench-22")],
        };
        _verifier = new SpaVerifier(door, _replay, _time);
        var random = new Random(3);
        var wrong = new SpaKeys(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(64));
        _junk = [.. Enumerable.Range(0, Batch).Select(_ => RandomBytes(random, random.Next(1, 1500)))];
        _base64 = [.. Enumerable.Range(0, Batch).Select(_ => Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomBytes(random, 160)).TrimEnd('=')))];
        _wrongKey = Packets(wrong);
        _replayed = Packets(_keys);
        foreach (byte[] packet in _replayed)
        {
            if (!_verifier.Verify(IpFamily.V4, _source, packet).Granted)
            {
                throw new InvalidOperationException("a benchmark packet was not granted");
            }
        }

        _valid = Packets(_keys, ValidBatch);
    }

    /// <summary>
    /// Fresh valid packets for each iteration, the clock moved on by the time in which a batch's worth of entries leaves
    /// the steady-state cache (their expiry is part of the timed work, as it is in the daemon): the cache stays at 1 M.
    /// </summary>
    [IterationSetup(Target = nameof(Valid))]
    public void NewValidPackets()
    {
        _time.Advance(Window * ValidBatch / ReplayEntries);
        _valid = Packets(_keys, ValidBatch);
    }

    [Benchmark(OperationsPerInvoke = ValidBatch)]
    public int Valid() => Run(_valid, expectGranted: true);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Junk() => Run(_junk, expectGranted: false);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int RandomBase64() => Run(_base64, expectGranted: false);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int WrongKey() => Run(_wrongKey, expectGranted: false);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Replayed() => Run(_replayed, expectGranted: false);

    /// <summary>
    /// A cache in the steady state of a door granting count/window packets a second: <paramref name="count"/> random
    /// digests whose keep-until times spread evenly over the next window, so that one leaves as each new one comes.
    /// </summary>
    internal static SpaReplayCache FillReplayCache(TimeProvider time, int count)
    {
        var cache = new SpaReplayCache(time);
        byte[] digest = new byte[32];
        var random = new Random(9);
        DateTimeOffset now = time.GetUtcNow();
        for (int i = 0; i < count; i++)
        {
            random.NextBytes(digest);
            cache.TryAdd(digest, now + (Window * i / count) + TimeSpan.FromSeconds(1));
        }

        return cache;
    }

    private int Run(byte[][] packets, bool expectGranted)
    {
        int granted = 0;
        foreach (byte[] packet in packets)
        {
            if (_verifier.Verify(IpFamily.V4, _source, packet).Granted)
            {
                granted++;
            }
        }

        if (granted != (expectGranted ? packets.Length : 0))
        {
            throw new InvalidOperationException($"{granted} of {packets.Length} granted");
        }

        return granted;
    }

    private byte[][] Packets(SpaKeys keys, int count = Batch) =>
        [.. Enumerable.Range(0, count).Select(_ => Encoding.ASCII.GetBytes(SpaPacket.Encode(SpaPacket.NewAccess("alice", "0.0.0.0", [Ssh], null, _time), keys)))];

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
