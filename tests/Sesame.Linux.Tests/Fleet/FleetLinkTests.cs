using System.Net;
using Npgsql;
using Sesame.Fleet;
using Sesame.Net;

namespace Sesame.Tests.Fleet;

/// <summary>Two links in one process through a real server: what one publishes the other receives, and who is told what when it fails.</summary>
public sealed class FleetLinkTests(FleetRig rig) : IClassFixture<FleetRig>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static FleetChange Put(string list, string address, TimeSpan? left) =>
        new(FleetOp.Put, list, IpRange.Host(IPAddress.Parse(address)), left, TimeProvider.System.GetTimestamp());

    private static FleetChange Remove(string list, string address) =>
        new(FleetOp.Remove, list, IpRange.Host(IPAddress.Parse(address)), null, TimeProvider.System.GetTimestamp());

    internal static FleetLink Link(string connectionString, string node, RecordingEvents events, int capacity = 1_000_000)
    {
        var link = new FleetLink(new FleetSettings(connectionString, node) { QueueCapacity = capacity });
        link.Start(events);
        return link;
    }

    [PostgresFact]
    public void Publish_Put_OtherNodeReceivesItWithItsTimeLeft()
    {
        string list = NewName("grant");
        var a = new RecordingEvents();
        var b = new RecordingEvents();
        using FleetLink linkA = Link(rig.NodeConnectionString, NewName("a"), a);
        using FleetLink linkB = Link(rig.NodeConnectionString, NewName("b"), b);
        Assert.True(a.WaitJoined(Soon), a.Describe());
        Assert.True(b.WaitJoined(Soon), b.Describe());
        Assert.True(linkA.Connected && linkB.Connected);

        long published = TimeProvider.System.GetTimestamp();
        linkA.Publish(Put(list, "192.0.2.1", TimeSpan.FromSeconds(30)));
        Assert.True(b.WaitFor(() => b.ReceivedFor(list).Count == 1, TimeSpan.FromSeconds(1)), b.Describe());
        TimeSpan took = TimeProvider.System.GetElapsedTime(published);
        FleetEntry entry = Assert.Single(b.ReceivedFor(list));
        Assert.Equal((linkA.Node, "192.0.2.1", FleetOp.Put), (entry.Origin, entry.Address, entry.Op));
        Assert.InRange(entry.TimeLeft!.Value.TotalMilliseconds, 30_000 - took.TotalMilliseconds - 200, 30_000 + 200);

        linkA.Publish(Remove(list, "192.0.2.1"));
        linkA.Publish(Put(list, "2001:db8::7", null));
        Assert.True(b.WaitFor(() => b.ReceivedFor(list).Count == 3, TimeSpan.FromSeconds(1)), b.Describe());
        Assert.Equal(("192.0.2.1", FleetOp.Remove), (b.ReceivedFor(list)[1].Address, b.ReceivedFor(list)[1].Op));
        Assert.Equal(("2001:db8::7", FleetOp.Put, (TimeSpan?)null), (b.ReceivedFor(list)[2].Address, b.ReceivedFor(list)[2].Op, b.ReceivedFor(list)[2].TimeLeft));
        Thread.Sleep(300);
        Assert.Empty(a.ReceivedFor(list));
        Assert.Equal(0, linkA.Queued);
    }

    [PostgresFact]
    public void Publish_ChangeFromTenSecondsAgo_DatedThenByTheDatabase()
    {
        string list = NewName("ago");
        var a = new RecordingEvents();
        var b = new RecordingEvents();
        using FleetLink linkA = Link(rig.NodeConnectionString, NewName("a"), a);
        using FleetLink linkB = Link(rig.NodeConnectionString, NewName("b"), b);
        Assert.True(a.WaitJoined(Soon) && b.WaitJoined(Soon), a.Describe() + b.Describe());
        long tenSecondsAgo = TimeProvider.System.GetTimestamp() - (10 * TimeProvider.System.TimestampFrequency);
        linkA.Publish(new FleetChange(FleetOp.Put, list, IpRange.Host(IPAddress.Parse("192.0.2.1")), TimeSpan.FromSeconds(30), tenSecondsAgo));
        linkA.Publish(new FleetChange(FleetOp.Put, list, IpRange.Host(IPAddress.Parse("192.0.2.2")), TimeSpan.FromSeconds(5), tenSecondsAgo));
        Assert.True(b.WaitFor(() => b.ReceivedFor(list).Count == 2, TimeSpan.FromSeconds(2)), b.Describe());
        FleetEntry live = Assert.Single(b.ReceivedFor(list), e => e.Address == "192.0.2.1");
        Assert.InRange(live.TimeLeft!.Value.TotalMilliseconds, 19_000, 20_200);
        FleetEntry gone = Assert.Single(b.ReceivedFor(list), e => e.Address == "192.0.2.2");
        Assert.Equal((FleetOp.Expire, (TimeSpan?)null), (gone.Op, gone.TimeLeft));

        linkA.Publish(new FleetChange(FleetOp.Expire, list, IpRange.Host(IPAddress.Parse("192.0.2.1")), null, TimeProvider.System.GetTimestamp()));
        Thread.Sleep(500);
        Assert.Equal(2, b.ReceivedFor(list).Count);
    }

    [PostgresFact]
    public void Start_AfterChanges_CatchesUpFromZeroThenFromLastSeq()
    {
        string list = NewName("black");
        string node = NewName("late");
        using (NpgsqlConnection c = rig.OpenNode())
        {
            FleetRig.Change(c, "other", new FleetRig.Row(1, list, "192.0.2.1", 60_000, 0), new FleetRig.Row(1, list, "192.0.2.2", null, 0));
        }

        var first = new RecordingEvents();
        using (FleetLink link = Link(rig.NodeConnectionString, node, first))
        {
            Assert.True(first.WaitJoined(Soon), first.Describe());
            Assert.Equal(2, first.ReceivedFor(list).Count);
            (TimeSpan? outFor, int _, int caughtUp) = first.Joins[0];
            Assert.Null(outFor);
            Assert.True(caughtUp >= 2);
        }

        using (NpgsqlConnection c = rig.OpenNode())
        {
            FleetRig.Change(c, "other", new FleetRig.Row(2, list, "192.0.2.1", null, 0), new FleetRig.Row(1, list, "192.0.2.3", null, 0));
        }

        var second = new RecordingEvents();
        using (FleetLink link = Link(rig.NodeConnectionString, node, second))
        {
            Assert.True(second.WaitJoined(Soon), second.Describe());
            Assert.Equal(2, second.Joins[0].CaughtUp);
            Assert.Equal(["192.0.2.1", "192.0.2.3"], second.ReceivedFor(list).Select(e => e.Address));
            Assert.Equal(FleetOp.Remove, second.ReceivedFor(list)[0].Op);
        }
    }

    [PostgresFact]
    public void Start_SameNameTwice_SecondToldAndJoinsWhenFirstLeaves()
    {
        string node = NewName("dup");
        var first = new RecordingEvents();
        var second = new RecordingEvents();
        FleetLink one = Link(rig.NodeConnectionString, node, first);
        try
        {
            Assert.True(first.WaitJoined(Soon), first.Describe());
            using FleetLink two = Link(rig.NodeConnectionString, node, second);
            Assert.True(second.WaitFor(() => !second.Lost.IsEmpty, Soon), second.Describe());
            Assert.Equal($"node {node} is already in the fleet (another daemon uses this name)", second.Lost.First());
            Assert.False(two.Connected);
            one.Dispose();
            Assert.True(second.WaitJoined(Soon), second.Describe());
        }
        finally
        {
            one.Dispose();
        }
    }

    [PostgresFact]
    public void Start_NameHeldBySilentSession_HolderEndedAndNodeJoins()
    {
        string node = NewName("ghost");
        using NpgsqlConnection ghost = rig.OpenNode();
        using (var join = new NpgsqlCommand("SELECT sesame_fleet.join($1)", ghost))
        {
            join.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node });
            Assert.Equal(0L, join.ExecuteScalar());
        }

        var events = new RecordingEvents();
        using (FleetLink link = Link(rig.NodeConnectionString, node, events))
        {
            Assert.True(events.WaitFor(() => !events.Lost.IsEmpty, Soon), events.Describe());
            Assert.Contains("already in the fleet", events.Lost.First(), StringComparison.Ordinal);
            rig.Server.Psql($"UPDATE sesame_fleet.nodes SET last_seen = now() - interval '1 minute' WHERE name = '{node}'");
            Assert.True(events.WaitJoined(Soon), events.Describe());
        }

        using var probe = new NpgsqlCommand("SELECT 1", ghost);
        Assert.ThrowsAny<Exception>(() => probe.ExecuteScalar());
    }

    [PostgresFact]
    public void Start_WrongPassword_LostWithReasonNeverThrows()
    {
        var events = new RecordingEvents();
        string wrong = rig.UserConnectionString(FleetRig.NodeUser, "wrong");
        using (FleetLink link = Link(wrong, NewName("badpw"), events))
        {
            Assert.True(events.WaitFor(() => !events.Lost.IsEmpty, Soon), events.Describe());
            Assert.Contains("password authentication failed", events.Lost.First(), StringComparison.Ordinal);
            Assert.False(link.Connected);
            link.Publish(Put("grant", "192.0.2.1", null));
            Assert.Equal(1, link.Queued);
            Thread.Sleep(700);
        }

        Assert.Single(events.Lost);
        Assert.Empty(events.Joins);
    }

    [PostgresFact]
    public void Start_DatabaseWithoutSchema_LostSaysRunInit()
    {
        rig.Server.Psql("CREATE DATABASE link_no_schema");
        var events = new RecordingEvents();
        var builder = new NpgsqlConnectionStringBuilder(rig.Server.AdminConnectionString) { Database = "link_no_schema" };
        using FleetLink link = Link(builder.ConnectionString, NewName("noschema"), events);
        Assert.True(events.WaitFor(() => !events.Lost.IsEmpty, Soon), events.Describe());
        Assert.Contains("run sesame fleet init", events.Lost.First(), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_NoSuchSocket_LostWithReasonAndDisposeIsQuick()
    {
        var events = new RecordingEvents();
        var link = Link("Host=/nonexistent-sesame-fleet;Port=5432;Username=x;Database=y", "n", events);
        Assert.True(events.WaitFor(() => !events.Lost.IsEmpty, Soon), events.Describe());
        Assert.Contains("no server socket /nonexistent-sesame-fleet/.s.PGSQL.5432", events.Lost.First(), StringComparison.Ordinal);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        link.Dispose();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2.5), stopwatch.Elapsed.ToString());
    }

    [Fact]
    public void Publish_BeyondCapacity_OldestDroppedAndEveryDropReportedOnce()
    {
        var events = new RecordingEvents();
        using var link = Link("Host=/nonexistent-sesame-fleet;Port=5432;Username=x", "n", events, capacity: 10);
        for (int i = 0; i < 100; i++)
        {
            link.Publish(Put("grant", "192.0.2." + (i + 1), null));
        }

        link.Publish(Put("grant", "192.0.2.100", TimeSpan.FromSeconds(5)));
        Assert.Equal(10, link.Queued);
        Assert.True(events.WaitFor(() => !events.Failed.IsEmpty, Soon), events.Describe());
        Thread.Sleep(500);
        // One line per burst: a burst is over when the count has not grown for 100 ms, so a test thread descheduled that
        // long in the middle of its loop (a loaded CI machine) makes two bursts; every drop is still counted exactly once.
        List<string> failed = [.. events.Failed.Where(f => f.Contains("dropped", StringComparison.Ordinal))];
        Assert.InRange(failed.Count, 1, 3);
        Assert.All(failed, f => Assert.Matches(@"^fleet queue full \(10 changes\): the [0-9]+ oldest were dropped$", f));
        Assert.Equal(90, failed.Sum(f => int.Parse(f.Split(' ')[6], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Constructor_BadNodeName_Refused()
    {
        Assert.Throws<ArgumentException>(() => new FleetLink(new FleetSettings("Host=/x", "")));
        Assert.Throws<ArgumentException>(() => new FleetLink(new FleetSettings("Host=/x", "a\nb")));
        Assert.Throws<ArgumentException>(() => new FleetLink(new FleetSettings("Host=/x", new string('n', 1 << 20))));
    }

    [Fact]
    public void Start_MalformedConnectionString_LostNotThrown()
    {
        var events = new RecordingEvents();
        using var link = Link("Host=/x;Bogus=1", "n", events);
        Assert.Contains("connection string", Assert.Single(events.Lost), StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Publish_Burst20000_DeliveredInFullInSeqOrder()
    {
        string list = NewName("burst");
        var a = new RecordingEvents();
        var b = new RecordingEvents();
        using FleetLink linkA = Link(rig.NodeConnectionString, NewName("a"), a);
        using FleetLink linkB = Link(rig.NodeConnectionString, NewName("b"), b);
        Assert.True(a.WaitJoined(Soon) && b.WaitJoined(Soon), a.Describe() + b.Describe());
        const int Count = 20_000;
        for (int i = 0; i < Count; i++)
        {
            linkA.Publish(new FleetChange(FleetOp.Put, list, IpRange.Host(IpFamily.V4, (UInt128)(0x0A000000u + (uint)i)), TimeSpan.FromMinutes(5),
                TimeProvider.System.GetTimestamp()));
        }

        Assert.True(b.WaitFor(() => b.ReceivedFor(list).Count >= Count, TimeSpan.FromSeconds(60)), b.Describe());
        List<FleetEntry> got = b.ReceivedFor(list);
        Assert.Equal(Count, got.Count);
        Assert.Equal(Count, got.Select(e => e.Address).Distinct().Count());
        Assert.True(got.Zip(got.Skip(1)).All(p => p.First.Seq < p.Second.Seq));
        Assert.All(got, e => Assert.Equal(FleetOp.Put, e.Op));
    }
}

/// <summary>What a link told the daemon, for the tests to wait on.</summary>
public sealed class RecordingEvents : IFleetEvents
{
    private readonly Lock _gate = new();
    private readonly List<FleetEntry> _received = [];
    private readonly List<(TimeSpan? OutFor, int Sent, int CaughtUp)> _joins = [];

    public System.Collections.Concurrent.ConcurrentQueue<string> Lost { get; } = new();

    public System.Collections.Concurrent.ConcurrentQueue<string> Failed { get; } = new();

    /// <summary>When each batch of entries was handed over (a timestamp of TimeProvider.System), with its entries.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(long At, FleetEntry Entry)> Arrivals { get; } = new();

    public List<(TimeSpan? OutFor, int Sent, int CaughtUp)> Joins
    {
        get
        {
            lock (_gate)
            {
                return [.. _joins];
            }
        }
    }

    public List<FleetEntry> ReceivedFor(string list)
    {
        lock (_gate)
        {
            return _received.Where(e => e.List == list).ToList();
        }
    }

    public void Joined(TimeSpan? outFor, int sent, int caughtUp)
    {
        lock (_gate)
        {
            _joins.Add((outFor, sent, caughtUp));
        }
    }

    void IFleetEvents.Lost(string reason) => Lost.Enqueue(reason);

    void IFleetEvents.Failed(string message) => Failed.Enqueue(message);

    public void Received(IReadOnlyList<FleetEntry> entries)
    {
        long at = TimeProvider.System.GetTimestamp();
        lock (_gate)
        {
            _received.AddRange(entries);
        }

        foreach (FleetEntry entry in entries)
        {
            Arrivals.Enqueue((at, entry));
        }
    }

    public bool WaitJoined(TimeSpan timeout) => WaitFor(() => Joins.Count > 0, timeout);

    public bool WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        long start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > timeout)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    public string Describe() =>
        $"joins: {string.Join("; ", Joins)}; lost: {string.Join("; ", Lost)}; failed: {string.Join("; ", Failed)}";
}
