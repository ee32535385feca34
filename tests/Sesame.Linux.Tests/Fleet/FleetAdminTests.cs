using Npgsql;
using Sesame.Fleet;

namespace Sesame.Tests.Fleet;

/// <summary><c>fleet init</c> and <c>fleet status</c> on a real server: idempotent, a node role that can do nothing else, SCRAM logins.</summary>
public sealed class FleetAdminTests(FleetRig rig) : IClassFixture<FleetRig>
{
    private static PostgresException Refused(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        return Assert.Throws<PostgresException>(() => command.ExecuteNonQuery());
    }

    [PostgresFact]
    public void Init_Twice_SecondRenewsAndKeepsRows()
    {
        using (NpgsqlConnection node = rig.OpenNode())
        {
            FleetRig.Change(node, "keep", new FleetRig.Row(1, "init-twice", "192.0.2.1", null, 0));
        }

        var output = new StringWriter();
        FleetAdmin.Init(rig.Server.AdminConnectionString, FleetRig.NodeUser, FleetRig.NodePassword, output);
        FleetAdmin.Init(rig.Server.AdminConnectionString, null, null, output);
        string text = output.ToString();
        Assert.Contains("schema sesame_fleet: already at version 1", text, StringComparison.Ordinal);
        Assert.Contains("role sesame_fleet_node: exists", text, StringComparison.Ordinal);
        Assert.Contains($"user {FleetRig.NodeUser}: updated", text, StringComparison.Ordinal);
        Assert.Equal("1", rig.Server.Psql("SELECT version FROM sesame_fleet.meta").Trim());
        Assert.Equal("1", rig.Server.Psql("SELECT count(*) FROM sesame_fleet.entries WHERE list = 'init-twice'").Trim());
        using NpgsqlConnection again = rig.OpenNode();
        Assert.NotEmpty(FleetRig.Since(again, 0));
    }

    [PostgresFact]
    public void Init_FreshDatabase_SaysCreated()
    {
        rig.Server.Psql("CREATE DATABASE fresh_init");
        var builder = new NpgsqlConnectionStringBuilder(rig.Server.AdminConnectionString) { Database = "fresh_init" };
        var output = new StringWriter();
        FleetAdmin.Init(builder.ConnectionString, null, null, output);
        Assert.Contains("schema sesame_fleet: created (version 1)", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(FleetAdmin.ReadStatus(builder.ConnectionString).Nodes);
    }

    [PostgresFact]
    public void Init_NewerSchema_Refused()
    {
        rig.Server.Psql("CREATE DATABASE newer_schema");
        var builder = new NpgsqlConnectionStringBuilder(rig.Server.AdminConnectionString) { Database = "newer_schema" };
        FleetAdmin.Init(builder.ConnectionString, null, null, TextWriter.Null);
        rig.Server.Psql("UPDATE sesame_fleet.meta SET version = 99", "newer_schema");
        var e = Assert.Throws<FleetException>(() => FleetAdmin.Init(builder.ConnectionString, null, null, TextWriter.Null));
        Assert.Contains("version 99, newer than this sesame knows (1)", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void NodeUser_CallsFunctions_Allowed()
    {
        using NpgsqlConnection node = rig.OpenNode();
        long seq = FleetRig.Change(node, "n1", new FleetRig.Row(1, "fn", "192.0.2.2", 1000, 0));
        Assert.Contains(FleetRig.Since(node, seq - 1), r => r.Seq == seq);
        using var heartbeat = new NpgsqlCommand("SELECT sesame_fleet.heartbeat('n1', 5, 'test')", node);
        heartbeat.ExecuteNonQuery();
        using var join = new NpgsqlCommand("SELECT sesame_fleet.join('n1')", node);
        Assert.Equal(5L, join.ExecuteScalar());
    }

    [PostgresFact]
    public void NodeUser_TablesDirectly_PermissionDenied()
    {
        using NpgsqlConnection node = rig.OpenNode();
        string[] statements =
        [
            "SELECT * FROM sesame_fleet.entries",
            "INSERT INTO sesame_fleet.entries VALUES ('l', 'a', 1, NULL, now(), 'x', 1)",
            "UPDATE sesame_fleet.entries SET op = 2",
            "DELETE FROM sesame_fleet.entries",
            "SELECT * FROM sesame_fleet.nodes",
            "UPDATE sesame_fleet.nodes SET last_seq = 0",
            "DELETE FROM sesame_fleet.nodes",
            "SELECT * FROM sesame_fleet.meta",
            "UPDATE sesame_fleet.meta SET version = 0",
            "SELECT nextval('sesame_fleet.seq')",
            "TRUNCATE sesame_fleet.entries",
        ];
        foreach (string sql in statements)
        {
            Assert.Equal("42501", Refused(node, sql).SqlState);
        }
    }

    [PostgresFact]
    public void NodeUser_CreateAnything_PermissionDenied()
    {
        using NpgsqlConnection node = rig.OpenNode();
        string[] statements =
        [
            "CREATE TABLE public.t (x int)",
            "CREATE TABLE sesame_fleet.t (x int)",
            "CREATE TABLE t (x int)",
            "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "CREATE FUNCTION sesame_fleet.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
            "CREATE OR REPLACE FUNCTION sesame_fleet.since(after bigint, max_rows integer) RETURNS TABLE(seq bigint, origin text, list text, address text, op smallint, left_ms bigint) LANGUAGE sql AS 'SELECT 1::bigint, '''', '''', '''', 1::smallint, 1::bigint'",
            "CREATE SCHEMA evil",
            "CREATE ROLE evil",
            "CREATE DATABASE evil",
            "ALTER FUNCTION sesame_fleet.change(text, smallint[], text[], text[], bigint[], bigint[]) SECURITY INVOKER",
            "DROP FUNCTION sesame_fleet.since(bigint, integer)",
        ];
        foreach (string sql in statements)
        {
            Assert.Equal("42501", Refused(node, sql).SqlState);
        }
    }

    [PostgresFact]
    public void NodeUser_ScramLogin_RightPasswordOnly()
    {
        Assert.Equal("SCRAM-SHA-256", rig.Server.Psql("SELECT left(rolpassword, 13) FROM pg_authid WHERE rolname = 'fleet node \"a\";''b'").Trim());
        Assert.DoesNotContain(FleetAdmin.ReadStatus(rig.NodeConnectionString).Lists, l => l.List == "no such list");
        var e = Assert.Throws<FleetException>(() => FleetAdmin.ReadStatus(rig.UserConnectionString(FleetRig.NodeUser, "wrong")));
        Assert.Contains("password authentication failed", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain(" at ", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Init_AsciiPassword_NeverInTheServerLogEvenWithEveryStatementLogged()
    {
        const string user = "node_logged";
        const string password = "Zq7-unlogged-secret;'x";
        rig.Server.Psql("ALTER SYSTEM SET log_statement = 'all'");
        rig.Server.Psql("SELECT pg_reload_conf()");
        try
        {
            Thread.Sleep(200);
            FleetAdmin.Init(rig.Server.AdminConnectionString, user, password, TextWriter.Null);
            Assert.NotNull(FleetAdmin.ReadStatus(rig.UserConnectionString(user, password)));
        }
        finally
        {
            rig.Server.Psql("ALTER SYSTEM RESET log_statement");
            rig.Server.Psql("SELECT pg_reload_conf()");
        }

        string log = rig.Server.Log;
        Assert.Contains("set_config('sesame_fleet.node_user'", log, StringComparison.Ordinal);
        Assert.DoesNotContain("unlogged-secret", log, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Init_NonAsciiPassword_LoginWorks()
    {
        const string user = "node_ünï";
        const string password = "pässwört ☃ ünïcode";
        FleetAdmin.Init(rig.Server.AdminConnectionString, user, password, TextWriter.Null);
        Assert.NotNull(FleetAdmin.ReadStatus(rig.UserConnectionString(user, password)));
        Assert.Throws<FleetException>(() => FleetAdmin.ReadStatus(rig.UserConnectionString(user, "passwort")));
    }

    [PostgresFact]
    public void Init_NodeUserIsSuperuser_Refused()
    {
        var e = Assert.Throws<FleetException>(() => FleetAdmin.Init(rig.Server.AdminConnectionString, "postgres", "x", TextWriter.Null));
        Assert.Contains("more rights than a node may have", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    [InlineData("pg_monitor")]
    [InlineData("sesame_fleet_node")]
    public void Init_BadNodeUser_RefusedBeforeConnecting(string user)
    {
        Assert.Throws<FleetException>(() => FleetAdmin.Init("Host=/nonexistent", user, "pw", TextWriter.Null));
    }

    [Fact]
    public void Init_LongNodeUser_Refused()
    {
        var e = Assert.Throws<FleetException>(() => FleetAdmin.Init("Host=/nonexistent", new string('x', 1 << 20), "pw", TextWriter.Null));
        Assert.True(e.Message.Length < 200);
    }

    [Fact]
    public void ReadStatus_NoSuchSocket_ClearMessage()
    {
        var e = Assert.Throws<FleetException>(() => FleetAdmin.ReadStatus("Host=/nonexistent-sesame-dir;Port=5432;Username=x"));
        Assert.StartsWith("cannot connect to the fleet's database: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("no server socket /nonexistent-sesame-dir/.s.PGSQL.5432", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void ReadStatus_NoSchema_SaysRunInit()
    {
        rig.Server.Psql("CREATE DATABASE no_schema");
        var builder = new NpgsqlConnectionStringBuilder(rig.Server.AdminConnectionString) { Database = "no_schema" };
        var e = Assert.Throws<FleetException>(() => FleetAdmin.ReadStatus(builder.ConnectionString));
        Assert.Contains("run sesame fleet init", e.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void ReadStatus_NodesAndLiveListSizes()
    {
        using NpgsqlConnection node = rig.OpenNode();
        using NpgsqlConnection other = rig.OpenNode();
        FleetRig.Change(node, "status-a",
            new FleetRig.Row(1, "status-grant", "192.0.2.1", 60_000, 0),
            new FleetRig.Row(1, "status-grant", "192.0.2.2", null, 0),
            new FleetRig.Row(1, "status-grant", "192.0.2.3", 10, 5_000),
            new FleetRig.Row(2, "status-grant", "192.0.2.4", null, 0),
            new FleetRig.Row(1, "status-black", "2001:db8::1", null, 0));
        using (var join = new NpgsqlCommand("SELECT sesame_fleet.join('status-a'); SELECT sesame_fleet.heartbeat('status-a', 7, '0.12.0')", node))
        {
            join.ExecuteNonQuery();
        }

        using (var heartbeat = new NpgsqlCommand("SELECT sesame_fleet.heartbeat('status-b', 3, NULL)", other))
        {
            heartbeat.ExecuteNonQuery();
        }

        FleetStatus status = FleetAdmin.ReadStatus(rig.NodeConnectionString);
        Assert.True(Math.Abs((status.Now - DateTimeOffset.UtcNow).TotalSeconds) < 5);
        FleetNode a = Assert.Single(status.Nodes, n => n.Name == "status-a");
        FleetNode b = Assert.Single(status.Nodes, n => n.Name == "status-b");
        Assert.Equal((7L, true, "0.12.0"), (a.LastSeq, a.Connected, a.Version));
        Assert.Equal((3L, false, (string?)null), (b.LastSeq, b.Connected, b.Version));
        Assert.True(a.LastSeen <= status.Now && a.FirstSeen <= a.LastSeen);
        Assert.Equal(2, Assert.Single(status.Lists, l => l.List == "status-grant").Entries);
        Assert.Equal(1, Assert.Single(status.Lists, l => l.List == "status-black").Entries);
        Assert.True(status.LastSeq >= 5);
        node.Close();
        Assert.False(Assert.Single(FleetAdmin.ReadStatus(rig.NodeConnectionString).Nodes, n => n.Name == "status-a").Connected);
    }
}
