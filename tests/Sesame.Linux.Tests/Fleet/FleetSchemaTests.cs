using Npgsql;
using Sesame.Fleet;

namespace Sesame.Tests.Fleet;

/// <summary>
/// change() and since() straight through Npgsql: the later event wins by the database's clock, Expire only for what has
/// expired there, since() never hands out a Put without time left, and seq order is commit order under concurrent writers.
/// </summary>
public sealed class FleetSchemaTests(FleetRig rig) : IClassFixture<FleetRig>
{
    private static string NewList() => "l" + Guid.NewGuid().ToString("N")[..12];

    [PostgresFact]
    public void Change_OlderPutQueued_DoesNotOverwriteNewer()
    {
        using NpgsqlConnection c = rig.OpenNode();
        string list = NewList();
        FleetRig.Change(c, "a", new FleetRig.Row(1, list, "192.0.2.1", 60_000, 0));
        FleetRig.Change(c, "b", new FleetRig.Row(1, list, "192.0.2.1", 5_000, 10_000));
        FleetRig.Change(c, "b", new FleetRig.Row(2, list, "192.0.2.1", null, 10_000));
        FleetRig.SinceRow row = Assert.Single(FleetRig.Since(c, 0), r => r.List == list);
        Assert.Equal(("a", 1), (row.Origin, row.Op));
        Assert.InRange(row.LeftMs!.Value, 55_000, 60_000);
    }

    [PostgresFact]
    public void Change_NewerRemove_Wins()
    {
        using NpgsqlConnection c = rig.OpenNode();
        string list = NewList();
        FleetRig.Change(c, "a", new FleetRig.Row(1, list, "2001:db8::1", 60_000, 5_000));
        FleetRig.Change(c, "b", new FleetRig.Row(2, list, "2001:db8::1", null, 1_000));
        FleetRig.SinceRow row = Assert.Single(FleetRig.Since(c, 0), r => r.List == list);
        Assert.Equal(("b", 2, (long?)null), (row.Origin, row.Op, row.LeftMs));
    }

    [PostgresFact]
    public void Change_RefreshLater_ExtendsAndGetsNewSeq()
    {
        using NpgsqlConnection c = rig.OpenNode();
        string list = NewList();
        long first = FleetRig.Change(c, "a", new FleetRig.Row(1, list, "192.0.2.9", 10_000, 0));
        long second = FleetRig.Change(c, "b", new FleetRig.Row(1, list, "192.0.2.9", 90_000, 0));
        Assert.True(second > first);
        FleetRig.SinceRow row = Assert.Single(FleetRig.Since(c, first), r => r.List == list);
        Assert.Equal((second, "b"), (row.Seq, row.Origin));
        Assert.InRange(row.LeftMs!.Value, 85_000, 90_000);
    }

    [PostgresFact]
    public void Change_ExpireOfExtendedEntry_Ignored()
    {
        using NpgsqlConnection c = rig.OpenNode();
        string list = NewList();
        long put = FleetRig.Change(c, "a", new FleetRig.Row(1, list, "192.0.2.2", 60_000, 0));
        Assert.Equal(0, FleetRig.Change(c, "b", new FleetRig.Row(3, list, "192.0.2.2", null, 0)));
        FleetRig.Change(c, "b", new FleetRig.Row(1, list, "192.0.2.3", null, 0));
        Assert.Equal(0, FleetRig.Change(c, "b", new FleetRig.Row(3, list, "192.0.2.3", null, 0)));
        Assert.Equal(0, FleetRig.Change(c, "b", new FleetRig.Row(3, list, "192.0.2.4", null, 0)));
        FleetRig.SinceRow row = Assert.Single(FleetRig.Since(c, put - 1), r => r.List == list && r.Address == "192.0.2.2");
        Assert.Equal((put, 1), (row.Seq, row.Op));
    }

    [PostgresFact]
    public void Change_ExpireWithinOneSecondByDbClock_Recorded()
    {
        using NpgsqlConnection c = rig.OpenNode();
        string list = NewList();
        FleetRig.Change(c, "a", new FleetRig.Row(1, list, "192.0.2.5", 700, 0));
        long expired = FleetRig.Change(c, "b", new FleetRig.Row(3, list, "192.0.2.5", null, 0));
        Assert.True(expired > 0);
        FleetRig.SinceRow row = Assert.Single(FleetRig.Since(c, 0), r => r.List == list);
        Assert.Equal((expired, "b", 3, (long?)null), (row.Seq, row.Origin, row.Op, row.LeftMs));
    }

    [PostgresFact]
    public void Since_PutWhoseTimeIsUp_ReturnedAsExpire()
    {
        using NpgsqlConnection c = rig.OpenNode();
        string list = NewList();
        FleetRig.Change(c, "a", new FleetRig.Row(1, list, "192.0.2.6", 1_000, 2_000), new FleetRig.Row(1, list, "192.0.2.7", 30, 0), new FleetRig.Row(1, list, "192.0.2.8", null, 0));
        Thread.Sleep(60);
        var rows = FleetRig.Since(c, 0).Where(r => r.List == list).ToDictionary(r => r.Address);
        Assert.Equal((3, (long?)null), (rows["192.0.2.6"].Op, rows["192.0.2.6"].LeftMs));
        Assert.Equal((3, (long?)null), (rows["192.0.2.7"].Op, rows["192.0.2.7"].LeftMs));
        Assert.Equal((1, (long?)null), (rows["192.0.2.8"].Op, rows["192.0.2.8"].LeftMs));
        Assert.All(FleetRig.Since(c, 0), r => Assert.True(r.Op != 1 || r.LeftMs is null or > 0));
    }

    [PostgresFact]
    public void Change_SameAddressTwiceInOneBatch_LatestWinsNoError()
    {
        using NpgsqlConnection c = rig.OpenNode();
        string list = NewList();
        FleetRig.Change(c, "a", new FleetRig.Row(1, list, "192.0.2.10", 10_000, 0), new FleetRig.Row(2, list, "192.0.2.10", null, 3_000), new FleetRig.Row(1, list, "192.0.2.10", 50_000, 0));
        FleetRig.SinceRow row = Assert.Single(FleetRig.Since(c, 0), r => r.List == list);
        Assert.Equal(1, row.Op);
        Assert.InRange(row.LeftMs!.Value, 45_000, 50_000);
    }

    [PostgresFact]
    public void Change_GarbageRows_SkippedOthersWritten()
    {
        using NpgsqlConnection c = rig.OpenNode();
        string list = NewList();
        FleetRig.Change(c, "a", new FleetRig.Row(9, list, "192.0.2.11", null, 0), new FleetRig.Row(1, new string('x', 2000), "192.0.2.11", null, 0),
            new FleetRig.Row(1, list, "not an address;'\"}#\u001b", long.MaxValue, long.MinValue));
        FleetRig.SinceRow row = Assert.Single(FleetRig.Since(c, 0), r => r.List == list);
        Assert.Equal("not an address;'\"}#\u001b", row.Address);
        Assert.Equal(1, row.Op);
        Assert.True(row.LeftMs > 0);
    }

    [PostgresFact]
    public void Change_MismatchedArrays_Refused()
    {
        using NpgsqlConnection c = rig.OpenNode();
        using var command = new NpgsqlCommand("SELECT sesame_fleet.change('a', '{1,1}'::smallint[], '{x}', '{y}', '{1}', '{0}')", c);
        var e = Assert.Throws<PostgresException>(() => command.ExecuteScalar());
        Assert.Contains("same length", e.MessageText, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Change_Notifies_PayloadIsLastSeq()
    {
        using NpgsqlConnection listener = rig.OpenNode();
        using NpgsqlConnection c = rig.OpenNode();
        string? payload = null;
        listener.Notification += (_, e) => payload = e.Payload;
        using (var listen = new NpgsqlCommand("LISTEN sesame_fleet", listener))
        {
            listen.ExecuteNonQuery();
        }

        long seq = FleetRig.Change(c, "a", new FleetRig.Row(1, NewList(), "192.0.2.12", null, 0));
        Assert.True(listener.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal(seq.ToString(System.Globalization.CultureInfo.InvariantCulture), payload);
    }

    [PostgresFact]
    public void Change_TransactionHoldsOrder_ReaderNeverSeesALaterSeqFirst()
    {
        using NpgsqlConnection first = rig.OpenNode();
        using NpgsqlConnection second = rig.OpenNode();
        using NpgsqlConnection reader = rig.OpenNode();
        string list = NewList();
        long before = FleetRig.Change(reader, "r", new FleetRig.Row(1, list, "192.0.2.13", null, 0));
        using NpgsqlTransaction open = first.BeginTransaction();
        long a = FleetRig.Change(first, "a", new FleetRig.Row(1, list, "192.0.2.14", null, 0));
        Task<long> b = Task.Run(() => FleetRig.Change(second, "b", new FleetRig.Row(1, list, "192.0.2.15", null, 0)));
        Assert.False(b.Wait(300));
        Assert.DoesNotContain(FleetRig.Since(reader, before), r => r.List == list);
        open.Commit();
        Assert.True(b.Wait(TimeSpan.FromSeconds(10)));
        Assert.True(b.Result > a);
        Assert.Equal([a, b.Result], FleetRig.Since(reader, before).Where(r => r.List == list).Select(r => r.Seq));
    }

    [PostgresFact]
    public void Change_ConcurrentWriters_PollingReaderMissesNothing()
    {
        string list = NewList();
        long start;
        using (NpgsqlConnection c = rig.OpenNode())
        {
            start = FleetRig.Change(c, "start", new FleetRig.Row(1, list, "start", null, 0));
        }

        const int Writers = 3, Batches = 60, PerBatch = 20;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            using NpgsqlConnection c = rig.OpenNode();
            for (int b = 0; b < Batches; b++)
            {
                using NpgsqlTransaction t = c.BeginTransaction();
                FleetRig.Change(c, "w" + w, Enumerable.Range(0, PerBatch).Select(i => new FleetRig.Row(1, list, $"{w}-{b}-{i}", null, 0)).ToArray());
                if (b % 3 == 0)
                {
                    Thread.Sleep(2);
                }

                t.Commit();
            }
        })).ToArray();

        var seen = new List<long>();
        using (NpgsqlConnection reader = rig.OpenNode())
        {
            long last = start;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline)
            {
                bool done = writers.All(w => w.IsCompleted);
                foreach (FleetRig.SinceRow row in FleetRig.Since(reader, last, 7))
                {
                    Assert.True(row.Seq > last);
                    seen.Add(row.Seq);
                    last = row.Seq;
                }

                if (done && FleetRig.Since(reader, last).Count == 0)
                {
                    break;
                }
            }

            Task.WaitAll(writers);
            Assert.Equal(Writers * Batches * PerBatch, seen.Count);
            Assert.Equal(FleetRig.Since(reader, start).Select(r => r.Seq), seen);
        }
    }
}

/// <summary>A PostgreSQL server for a test class, with the fleet schema and a node user (<see cref="NodeUser"/>).</summary>
public sealed class FleetRig : IDisposable
{
    public const string NodeUser = "fleet node \"a\";'b";

    public const string NodePassword = "n0de;pa'ss\"word}#";

    private readonly Lazy<PostgresServer> _server = new(() =>
    {
        var server = new PostgresServer();
        try
        {
            FleetAdmin.Init(server.AdminConnectionString, NodeUser, NodePassword, TextWriter.Null);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    });

    internal PostgresServer Server => _server.Value;

    /// <summary>The node user's connection string (SCRAM).</summary>
    public string NodeConnectionString => UserConnectionString(NodeUser, NodePassword);

    /// <summary>A role's connection string, its name and password set as values (the fixture's string concatenates the name).</summary>
    public string UserConnectionString(string user, string password) =>
        new NpgsqlConnectionStringBuilder(Server.AdminConnectionString) { Username = user, Password = password }.ConnectionString;

    public NpgsqlConnection OpenNode() => Open(NodeConnectionString);

    public NpgsqlConnection OpenAdmin() => Open(Server.AdminConnectionString);

    public static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }

    public readonly record struct Row(short Op, string List, string Address, long? LeftMs, long AgoMs);

    public readonly record struct SinceRow(long Seq, string Origin, string List, string Address, short Op, long? LeftMs);

    public static long Change(NpgsqlConnection connection, string node, params Row[] rows)
    {
        using var command = new NpgsqlCommand("SELECT sesame_fleet.change($1, $2, $3, $4, $5, $6)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = node });
        command.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = rows.Select(r => r.Op).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rows.Select(r => r.List).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = rows.Select(r => r.Address).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long?[]> { TypedValue = rows.Select(r => r.LeftMs).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = rows.Select(r => r.AgoMs).ToArray() });
        return (long)command.ExecuteScalar()!;
    }

    public static List<SinceRow> Since(NpgsqlConnection connection, long after, int max = 50_000)
    {
        using var command = new NpgsqlCommand("SELECT seq, origin, list, address, op, left_ms FROM sesame_fleet.since($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = max });
        using NpgsqlDataReader reader = command.ExecuteReader();
        var rows = new List<SinceRow>();
        while (reader.Read())
        {
            rows.Add(new SinceRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt16(4),
                reader.IsDBNull(5) ? null : reader.GetInt64(5)));
        }

        return rows;
    }
}
