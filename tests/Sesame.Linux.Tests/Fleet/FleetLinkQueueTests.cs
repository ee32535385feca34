using System.Net;
using Sesame.Fleet;
using Sesame.Net;

namespace Sesame.Tests.Fleet;

/// <summary>The link's queue: one change per list and address (the latest), oldest first, bounded.</summary>
public sealed class FleetLinkQueueTests
{
    private static FleetChange Change(FleetOp op, string list, string address, long at) =>
        new(op, list, IpRange.Host(IPAddress.Parse(address)), null, at);

    [Fact]
    public void Add_SameListAndAddress_KeepsLatestAtTheEnd()
    {
        var queue = new FleetQueue(10);
        queue.Add(Change(FleetOp.Put, "g", "192.0.2.1", 1));
        queue.Add(Change(FleetOp.Put, "g", "192.0.2.2", 2));
        queue.Add(Change(FleetOp.Remove, "g", "192.0.2.1", 3));
        queue.Add(Change(FleetOp.Put, "b", "192.0.2.1", 4));
        Assert.Equal(3, queue.Count);
        Assert.Equal([2L, 3L, 4L], queue.Take(10).Select(c => c.At));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Return_PutsBackAheadButNewerStays()
    {
        var queue = new FleetQueue(10);
        queue.Add(Change(FleetOp.Put, "g", "192.0.2.1", 1));
        queue.Add(Change(FleetOp.Put, "g", "192.0.2.2", 2));
        List<FleetChange> batch = queue.Take(10);
        queue.Add(Change(FleetOp.Remove, "g", "192.0.2.2", 3));
        queue.Add(Change(FleetOp.Put, "g", "192.0.2.3", 4));
        queue.Return(batch);
        Assert.Equal([1L, 3L, 4L], queue.Take(10).Select(c => c.At));
    }

    [Fact]
    public void Add_BeyondCapacity_DropsOldestAndCounts()
    {
        var queue = new FleetQueue(3);
        for (int i = 1; i <= 5; i++)
        {
            queue.Add(Change(FleetOp.Put, "g", "192.0.2." + i, i));
        }

        Assert.Equal(2, queue.Dropped);
        queue.Reported(2);
        Assert.Equal(0, queue.Dropped);
        Assert.Equal([3L, 4L, 5L], queue.Take(2).Concat(queue.Take(2)).Select(c => c.At));
    }

    [Fact]
    public void Add_ManyThreads_NothingLostBelowCapacity()
    {
        var queue = new FleetQueue(100_000);
        Parallel.For(0, 4, t =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                queue.Add(new FleetChange(FleetOp.Put, "g" + t, IpRange.Host(IpFamily.V4, (UInt128)i), null, i));
            }
        });
        Assert.Equal(40_000, queue.Count);
        Assert.Equal(0, queue.Dropped);
    }
}
