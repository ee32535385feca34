using System.Globalization;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Fleet.Nodes;

/// <summary>The rig's PostgreSQL server, the schema <c>sesame fleet init</c> creates in it, and the node user.</summary>
internal sealed partial class FleetRig
{
    /// <summary>The server, or null for a rig built without one.</summary>
    public PostgresServer? Database { get; private set; }

    /// <summary>The LOGIN user the nodes connect as (SCRAM), created by <c>sesame fleet init --node-user</c>.</summary>
    public string NodeUser { get; } = "sesame_node_" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));

    /// <summary>The node user's password, in a file of mode 0600 (what <c>--fleet-password-file</c> reads).</summary>
    public string PasswordFile => Path.Combine(Directory, "node.password");

    /// <summary>What every node's <c>--fleet</c> is given: no password in it (that comes from <see cref="PasswordFile"/>).</summary>
    public string NodeConnectionString => Database is null
        ? throw new InvalidOperationException("this rig has no database")
        : string.Create(CultureInfo.InvariantCulture, $"Host={Database.Directory};Port={Database.Port};Username={NodeUser};Database=postgres");

    /// <summary>Writes <paramref name="text"/> to a new file of mode 0600 in the rig's directory and returns its path.</summary>
    public string PrivateFile(string name, string text)
    {
        string path = Path.Combine(Directory, name);
        using (FileStream stream = new(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        return path;
    }

    /// <summary>Runs <c>sesame ARGS</c> in the host's namespace (the database is a socket; no packet is sent), bounded.</summary>
    public static ProcessResult Sesame(params string[] args) =>
        ProcessRunner.Run(SesameProcess.Executable, args, TimeSpan.FromSeconds(60));

    /// <summary>Runs SQL as the superuser (psql), for a test that writes to the fleet's table behind the nodes' backs.</summary>
    public string Sql(string sql) => (Database ?? throw new InvalidOperationException("this rig has no database")).Psql(sql);

    private void StartDatabase()
    {
        Database = new PostgresServer();
        PrivateFile("node.password", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));
        ProcessResult init = Sesame("fleet", "init", Database.AdminConnectionString, "--node-user", NodeUser, "--node-password-file", PasswordFile);
        if (init.Exit != 0)
        {
            throw new InvalidOperationException($"sesame fleet init failed: {init}");
        }
    }
}
