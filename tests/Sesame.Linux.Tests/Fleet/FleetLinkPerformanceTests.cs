using System.Globalization;
using Npgsql;
using Sesame.Fleet;
using Sesame.Net;
using Xunit.Abstractions;

namespace Sesame.Tests.Fleet;

/// <summary>
/// Figures for the README (written to the test output; run only with SESAME_FIGURES=1, see <see cref="FleetFiguresFactAttribute"/>):
/// change() throughput in 5,000-row batches, end-to-end throughput through two links, and Publish → Received latency.
/// </summary>
public sealed class FleetLinkPerformanceTests(FleetRig rig, ITestOutputHelper output) : IClassFixture<FleetRig>
{
    [FleetFiguresFact]
    public void Change_Batches_ChangesPerSecond()
    {
        using NpgsqlConnection c = rig.OpenNode();
        const int Batches = 20, PerBatch = FleetLink.BatchSize;
        FleetRig.Change(c, "warm", new FleetRig.Row(1, "warm", "192.0.2.1", null, 0));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        for (int b = 0; b < Batches; b++)
        {
            FleetRig.Row[] rows = Enumerable.Range(0, PerBatch)
                .Select(i => new FleetRig.Row(1, "throughput", IpRange.Host(IpFamily.V4, (UInt128)(0x0C000000u + (uint)(b * PerBatch + i))).ToString(), 600_000, 0))
                .ToArray();
            FleetRig.Change(c, "bench", rows);
        }

        double perSecond = Batches * PerBatch / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"change(): {Batches} batches of {PerBatch} new rows in {stopwatch.Elapsed.TotalMilliseconds:F0} ms = {perSecond:F0} changes/s"));
        Assert.True(perSecond > 2000, perSecond.ToString(CultureInfo.InvariantCulture));
    }

    [FleetFiguresFact]
    public void CommitToReceived_Latency()
    {
        var b = new RecordingEvents();
        using FleetLink linkB = FleetLinkTests.Link(rig.NodeConnectionString, "notify-b", b);
        Assert.True(b.WaitJoined(TimeSpan.FromSeconds(10)), b.Describe());
        using NpgsqlConnection writer = rig.OpenNode();
        const int Trials = 300;
        var latencies = new List<double>(Trials);
        for (int i = 0; i < Trials; i++)
        {
            string address = IpRange.Host(IpFamily.V4, (UInt128)(0x0F000000u + (uint)i)).ToString();
            FleetRig.Change(writer, "notify-a", new FleetRig.Row(1, "notify", address, 300_000, 0));
            long committed = TimeProvider.System.GetTimestamp();
            Assert.True(b.WaitFor(() => b.Arrivals.Any(x => x.Entry.Address == address), TimeSpan.FromSeconds(5)), b.Describe());
            latencies.Add(TimeProvider.System.GetElapsedTime(committed, b.Arrivals.First(x => x.Entry.Address == address).At).TotalMilliseconds);
            Thread.Sleep(3);
        }

        latencies.Sort();
        double p50 = latencies[Trials / 2], p99 = latencies[(int)(Trials * 0.99)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"change() committed -> NOTIFY -> Received on B over {Trials} trials: p50 {p50:F2} ms, p99 {p99:F2} ms, max {latencies[^1]:F2} ms"));
        Assert.True(p99 < 1000, p99.ToString(CultureInfo.InvariantCulture));
    }

    [FleetFiguresFact]
    public void Publish_ToReceived_LatencyAndThroughput()
    {
        var a = new RecordingEvents();
        var b = new RecordingEvents();
        using FleetLink linkA = FleetLinkTests.Link(rig.NodeConnectionString, "perf-a", a);
        using FleetLink linkB = FleetLinkTests.Link(rig.NodeConnectionString, "perf-b", b);
        Assert.True(a.WaitJoined(TimeSpan.FromSeconds(10)) && b.WaitJoined(TimeSpan.FromSeconds(10)), a.Describe() + b.Describe());

        const int Trials = 300;
        var latencies = new List<double>(Trials);
        for (int i = 0; i < Trials; i++)
        {
            string address = IpRange.Host(IpFamily.V4, (UInt128)(0x0D000000u + (uint)i)).ToString();
            long at = TimeProvider.System.GetTimestamp();
            linkA.Publish(new FleetChange(FleetOp.Put, "latency", IpRange.Host(IpFamily.V4, (UInt128)(0x0D000000u + (uint)i)), TimeSpan.FromMinutes(5), at));
            Assert.True(b.WaitFor(() => b.Arrivals.Any(x => x.Entry.Address == address), TimeSpan.FromSeconds(5)), b.Describe());
            long arrived = b.Arrivals.First(x => x.Entry.Address == address).At;
            latencies.Add(TimeProvider.System.GetElapsedTime(at, arrived).TotalMilliseconds);
            Thread.Sleep(3);
        }

        latencies.Sort();
        double p50 = latencies[Trials / 2], p99 = latencies[(int)(Trials * 0.99)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Publish on A -> Received on B over {Trials} trials: p50 {p50:F2} ms, p99 {p99:F2} ms, max {latencies[^1]:F2} ms"));
        Assert.True(p99 < 1000, p99.ToString(CultureInfo.InvariantCulture));

        const int Burst = 20_000;
        long start = TimeProvider.System.GetTimestamp();
        for (int i = 0; i < Burst; i++)
        {
            linkA.Publish(new FleetChange(FleetOp.Put, "burst", IpRange.Host(IpFamily.V4, (UInt128)(0x0E000000u + (uint)i)), TimeSpan.FromMinutes(5),
                TimeProvider.System.GetTimestamp()));
        }

        Assert.True(b.WaitFor(() => b.ReceivedFor("burst").Count >= Burst, TimeSpan.FromSeconds(60)), b.Describe());
        TimeSpan took = TimeProvider.System.GetElapsedTime(start);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Burst of {Burst} published on A, all received on B in {took.TotalMilliseconds:F0} ms = {Burst / took.TotalSeconds:F0} changes/s end to end"));
    }
}
