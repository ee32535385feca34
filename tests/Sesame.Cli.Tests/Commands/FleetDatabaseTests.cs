using System.Text.Json;

namespace Sesame.Tests.Commands;

/// <summary>
/// <c>sesame fleet init</c> and <c>fleet status</c> against a real PostgreSQL (one server for the class, a database per
/// test): the schema, the node user with its SCRAM password, hostile names read back escaped, and the refusals.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FleetDatabaseTests : IClassFixture<FleetDatabaseTests.Server>, IDisposable
{
    private readonly PostgresServer _server;
    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-fleet-").FullName;
    private readonly string _database = "fleet_" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));

    public FleetDatabaseTests(Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _server = server.Get();
    }

    /// <summary>Started on first use, so that a skipped class starts nothing.</summary>
    public sealed class Server : IDisposable
    {
        private readonly Lazy<PostgresServer> _server = new(() => new PostgresServer());

        internal PostgresServer Get() => _server.Value;

        public void Dispose()
        {
            if (_server.IsValueCreated)
            {
                _server.Value.Dispose();
            }
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Admin => _server.ConnectionString("postgres", _database);

    private string CreateDatabase()
    {
        _server.Psql($"CREATE DATABASE {_database}");
        return Admin;
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static void AssertOk(CliRun run) => Assert.True(run.Exit == 0, $"exit {run.Exit}\n{run.Err}\n{run.Out}");

    [FleetDbFact(postgres: true)]
    public void Init_ThenStatus_ShowsAnEmptyFleet()
    {
        string admin = CreateDatabase();

        AssertOk(CliRun.Of("fleet", "init", admin));
        CliRun status = CliRun.Of("fleet", "status", admin);
        CliRun json = CliRun.Of("fleet", "status", admin, "--json");

        AssertOk(status);
        Assert.StartsWith("fleet: 0 nodes, 0 connected;", status.Out, StringComparison.Ordinal);
        AssertOk(json);
        Assert.Equal(0, json.Json.GetProperty("nodes").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, json.Json.GetProperty("lists").ValueKind);
    }

    [FleetDbFact(postgres: true)]
    public void Init_Twice_ChangesNothing()
    {
        string admin = CreateDatabase();

        AssertOk(CliRun.Of("fleet", "init", admin));
        string functions = _server.Psql("SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc WHERE pronamespace = 'sesame_fleet'::regnamespace", _database);
        AssertOk(CliRun.Of("fleet", "init", admin));

        Assert.Equal(functions, _server.Psql("SELECT string_agg(proname, ',' ORDER BY proname) FROM pg_proc WHERE pronamespace = 'sesame_fleet'::regnamespace", _database));
    }

    [FleetDbFact(postgres: true)]
    public void Init_NodeUser_IsAScramLoginInTheNodeRole_ThatCanReadTheStatus()
    {
        string admin = CreateDatabase();
        string password = Write("node.pass", "n0de-pa55word\n");

        AssertOk(CliRun.Of("fleet", "init", admin, "--node-user", "sesame_node", "--node-password-file", password));

        Assert.Equal("t|t|t", _server.Psql(
            "SELECT rolcanlogin, rolpassword LIKE 'SCRAM-SHA-256$%', pg_has_role('sesame_node', 'sesame_fleet_node', 'member') FROM pg_authid WHERE rolname = 'sesame_node'",
            _database).Trim());
        AssertOk(CliRun.Of("fleet", "status", _server.ConnectionString("sesame_node", _database), "--password-file", password));
    }

    [FleetDbFact(postgres: true)]
    public void Status_WrongPassword_IsOneLineExitOne()
    {
        string admin = CreateDatabase();
        AssertOk(CliRun.Of("fleet", "init", admin, "--node-user", "sesame_node", "--node-password-file", Write("node.pass", "right\n")));

        CliRun run = CliRun.Of("fleet", "status", _server.ConnectionString("sesame_node", _database), "--password-file", Write("wrong.pass", "wrong\n"));

        Assert.Equal(1, run.Exit);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
        Assert.True(run.HasNoStackTrace, run.Err);
        Assert.DoesNotContain("wrong", run.Err.Replace("wrong.pass", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [FleetDbFact(postgres: true)]
    public void Status_NoSchema_IsOneLineExitOne()
    {
        string admin = CreateDatabase();

        CliRun run = CliRun.Of("fleet", "status", admin);

        Assert.Equal(1, run.Exit);
        Assert.Single(run.Err.TrimEnd().Split('\n'));
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [FleetDbFact(postgres: true)]
    public void Status_HostileNodeNameFromTheDatabase_IsEscapedInTheTableAndWholeInTheJson()
    {
        string admin = CreateDatabase();
        AssertOk(CliRun.Of("fleet", "init", admin));
        _server.Psql(@"SELECT sesame_fleet.heartbeat(E'evil\x1b[2J\nnode', 0, E'v\x1b]0;owned\x07')", _database);

        CliRun table = CliRun.Of("fleet", "status", admin);
        CliRun json = CliRun.Of("fleet", "status", admin, "--json");

        AssertOk(table);
        Assert.DoesNotContain('\u001b', table.Out);
        Assert.Contains(@"evil\x1B[2J\nnode", table.Out, StringComparison.Ordinal);
        Assert.Contains(@"v\x1B]0;owned\x07", table.Out, StringComparison.Ordinal);
        AssertOk(json);
        Assert.DoesNotContain('\u001b', json.Out);
        JsonElement node = json.Json.GetProperty("nodes")[0];
        Assert.Equal("evil\u001b[2J\nnode", node.GetProperty("name").GetString());
        Assert.Equal("v\u001b]0;owned\u0007", node.GetProperty("version").GetString());
    }
}
