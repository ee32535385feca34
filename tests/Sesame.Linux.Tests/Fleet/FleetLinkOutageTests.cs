using System.Net;
using Sesame.Fleet;
using Sesame.Net;

namespace Sesame.Tests.Fleet;

/// <summary>The database goes away and comes back: the links say so, keep their queues, send them, and nothing expired comes back as a grant.</summary>
public sealed class FleetLinkOutageTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    private static FleetChange Put(string address, TimeSpan? left) =>
        new(FleetOp.Put, "grant", IpRange.Host(IPAddress.Parse(address)), left, TimeProvider.System.GetTimestamp());

    [PostgresFact]
    public void ServerStopped_LinksLostKeepQueue_BackSendsItAndExpiredNeverArrivesAsPut()
    {
        using var rig = new FleetRig();
        var a = new RecordingEvents();
        var b = new RecordingEvents();
        using FleetLink linkA = FleetLinkTests.Link(rig.NodeConnectionString, "a", a);
        using FleetLink linkB = FleetLinkTests.Link(rig.NodeConnectionString, "b", b);
        Assert.True(a.WaitJoined(Soon) && b.WaitJoined(Soon), a.Describe() + b.Describe());

        var publishing = new CancellationTokenSource();
        int published = 0;
        var publisher = Task.Run(() =>
        {
            while (!publishing.IsCancellationRequested && published < 5000)
            {
                linkA.Publish(new FleetChange(FleetOp.Put, "steady", IpRange.Host(IpFamily.V4, (UInt128)(0x0A000000u + (uint)published)),
                    TimeSpan.FromMinutes(10), TimeProvider.System.GetTimestamp()));
                published++;
                Thread.Sleep(5);
            }
        });
        Thread.Sleep(300);
        rig.Server.Stop();
        Assert.True(a.WaitFor(() => !a.Lost.IsEmpty, Soon), a.Describe());
        Assert.True(b.WaitFor(() => !b.Lost.IsEmpty, Soon), b.Describe());
        Assert.False(linkA.Connected);

        linkA.Publish(Put("192.0.2.1", TimeSpan.FromSeconds(60)));
        linkA.Publish(Put("192.0.2.2", TimeSpan.FromMilliseconds(300)));
        long queuedAt = TimeProvider.System.GetTimestamp();
        Thread.Sleep(1000);
        Assert.True(linkA.Queued >= 2, linkA.Queued.ToString(System.Globalization.CultureInfo.InvariantCulture));

        rig.Server.Start();
        Assert.True(a.WaitFor(() => a.Joins.Count == 2, Soon), a.Describe());
        Assert.True(b.WaitFor(() => b.Joins.Count == 2, Soon), b.Describe());
        (TimeSpan? outFor, int sent, int _) = a.Joins[1];
        Assert.NotNull(outFor);
        Assert.True(outFor > TimeSpan.FromSeconds(0.5), outFor.ToString());
        Assert.True(sent >= 2, a.Describe());

        Assert.True(b.WaitFor(() => b.ReceivedFor("grant").Any(e => e.Address == "192.0.2.1"), TimeSpan.FromSeconds(5)), b.Describe());
        FleetEntry kept = Assert.Single(b.ReceivedFor("grant"), e => e.Address == "192.0.2.1");
        double left = 60_000 - TimeProvider.System.GetElapsedTime(queuedAt).TotalMilliseconds;
        Assert.Equal(FleetOp.Put, kept.Op);
        Assert.InRange(kept.TimeLeft!.Value.TotalMilliseconds, left - 500, left + 200);
        Assert.DoesNotContain(b.ReceivedFor("grant"), e => e.Address == "192.0.2.2" && e.Op == FleetOp.Put);

        Thread.Sleep(300);
        publishing.Cancel();
        publisher.Wait();
        var expected = Enumerable.Range(0, published).Select(i => IpRange.Host(IpFamily.V4, (UInt128)(0x0A000000u + (uint)i)).ToString()).ToHashSet();
        Assert.True(b.WaitFor(() => b.ReceivedFor("steady").Select(e => e.Address).ToHashSet().SetEquals(expected), TimeSpan.FromSeconds(10)),
            $"published {published}, received {b.ReceivedFor("steady").Select(e => e.Address).Distinct().Count()}; {a.Describe()}");
        Assert.Equal(0, linkA.Queued);
    }

    [PostgresFact]
    public void Dispose_Connected_SendsQueueWithinTwoSeconds()
    {
        using var rig = new FleetRig();
        var a = new RecordingEvents();
        FleetLink link = FleetLinkTests.Link(rig.NodeConnectionString, "a", a);
        Assert.True(a.WaitJoined(Soon), a.Describe());
        for (int i = 0; i < 3000; i++)
        {
            link.Publish(new FleetChange(FleetOp.Put, "grant", IpRange.Host(IpFamily.V4, (UInt128)(0x0B000000u + (uint)i)), null,
                TimeProvider.System.GetTimestamp()));
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        link.Dispose();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.2), stopwatch.Elapsed.ToString());
        Assert.Equal("3000", rig.Server.Psql("SELECT count(*) FROM sesame_fleet.entries WHERE origin = 'a'").Trim());
    }

    [PostgresFact]
    public void Dispose_ServerGoneMidSession_ReturnsWithinTwoSeconds()
    {
        using var rig = new FleetRig();
        var a = new RecordingEvents();
        FleetLink link = FleetLinkTests.Link(rig.NodeConnectionString, "a", a);
        Assert.True(a.WaitJoined(Soon), a.Describe());
        rig.Server.Stop();
        link.Publish(Put("192.0.2.1", null));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        link.Dispose();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.2), stopwatch.Elapsed.ToString());
    }
}
