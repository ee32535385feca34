using System.Globalization;

namespace Sesame.Tests.Support;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package) for one test class or test: <c>initdb</c> into a fresh
/// directory under /tmp, started with <c>pg_ctl</c> as the unprivileged <c>postgres</c> user, listening only on a unix
/// socket in that directory (<c>listen_addresses=''</c>). A socket is a file, so every network namespace on the machine
/// reaches it, and no TCP port is opened anywhere. The superuser <c>postgres</c> connects without a password
/// (<c>local … postgres trust</c>); every other role must use SCRAM (<c>local all all scram-sha-256</c>). Disposing stops
/// the server (immediate) and deletes the directory, also after a failed test.
/// </summary>
internal sealed class PostgresServer : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _bin;
    private string _listen = "";

    public PostgresServer()
    {
        _bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL is not installed (apt-get install postgresql)");
        Port = Random.Shared.Next(20000, 60000);
        Directory = Path.Combine(Path.GetTempPath(), "sesame-pg-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4)));
        System.IO.Directory.CreateDirectory(Directory);
        try
        {
            Run("chown", ["postgres:postgres", Directory]);
            Run("chmod", ["0755", Directory]);
            AsPostgres(Path.Combine(_bin, "initdb"), ["-D", DataDirectory, "-U", "postgres", "--auth-local=trust", "--auth-host=reject", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            File.WriteAllText(Path.Combine(DataDirectory, "pg_hba.conf"), "local all postgres trust\nlocal all all scram-sha-256\n");
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The socket directory (and the server's home): Npgsql's <c>Host</c>.</summary>
    public string Directory { get; }

    /// <summary>The port that names the socket file (<c>.s.PGSQL.PORT</c>); nothing listens on TCP.</summary>
    public int Port { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    /// <summary>The superuser's connection string (trust over the socket).</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    /// <summary>A connection string for <paramref name="user"/> to database <c>postgres</c> (add <c>Password=</c> for SCRAM roles).</summary>
    public string ConnectionString(string user, string database = "postgres") =>
        string.Create(CultureInfo.InvariantCulture, $"Host={Directory};Port={Port};Username={user};Database={database};Pooling=false");

    /// <summary>Why a real server cannot run here (not root, no PostgreSQL, no postgres user), or null when it can.</summary>
    public static string? MissingPrerequisite()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return "needs root on Linux (runs PostgreSQL as the postgres user)";
        }

        if (FindBin() is null)
        {
            return "needs PostgreSQL (apt-get install postgresql)";
        }

        return Tools.Find("runuser") is null ? "needs runuser (util-linux)" : null;
    }

    /// <summary>Starts the server (again, after <see cref="Stop"/>), on the same socket; waits until it accepts connections.</summary>
    public void Start() =>
        AsPostgres(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-l", Path.Combine(Directory, "server.log"), "-w", "-t", "60",
            "-o", string.Create(CultureInfo.InvariantCulture, $"-k {Directory} -p {Port} -c listen_addresses={_listen} -c fsync=off -c max_connections=200"), "start"]);

    /// <summary>
    /// Restarts the server with TLS on TCP at 127.0.0.1:<see cref="Port"/> (loopback only) with a self-signed certificate
    /// for 127.0.0.1 made here, and <c>hostssl … scram-sha-256</c> the only TCP entry in pg_hba.conf (no plain TCP).
    /// Returns the certificate's path, the root a client verifies the server against.
    /// </summary>
    public string EnableTls()
    {
        string certificate = Path.Combine(Directory, "server.crt");
        string key = Path.Combine(DataDirectory, "server.key");
        AsPostgres("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate]);
        File.AppendAllText(Path.Combine(DataDirectory, "postgresql.auto.conf"),
            $"ssl = on\nssl_cert_file = '{certificate}'\nssl_key_file = '{key}'\n");
        File.AppendAllText(Path.Combine(DataDirectory, "pg_hba.conf"), "hostssl all all 127.0.0.1/32 scram-sha-256\n");
        Stop();
        _listen = "127.0.0.1";
        Start();
        return certificate;
    }

    /// <summary>Stops the server (fast: open sessions are ended, as when a database host goes down).</summary>
    public void Stop() => AsPostgres(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-w", "-t", "60", "-m", "fast", "stop"]);

    /// <summary>Runs SQL as the superuser through psql (stops at the first error); returns psql's output (unaligned, tuples only).</summary>
    public string Psql(string sql, string database = "postgres")
    {
        ProcessResult result = ProcessRunner.Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, "psql"), "-X", "-q", "-A", "-t",
            "-v", "ON_ERROR_STOP=1", "-h", Directory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-d", database, "-c", sql], CommandTimeout);
        if (result.Exit != 0)
        {
            throw new InvalidOperationException($"psql failed: {result}");
        }

        return result.Out;
    }

    /// <summary>The server's own log (for a failing test's message).</summary>
    public string Log => File.Exists(Path.Combine(Directory, "server.log")) ? File.ReadAllText(Path.Combine(Directory, "server.log")) : "";

    public void Dispose()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                ProcessRunner.Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, "pg_ctl"), "-D", DataDirectory, "-w", "-t", "30", "-m", "immediate", "stop"], CommandTimeout);
            }
            catch (TimeoutException)
            {
                // The directory goes anyway; a server that outlived it exits when its socket and data are gone.
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindBin()
    {
        const string root = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(root))
        {
            return null;
        }

        return System.IO.Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => b, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static void AsPostgres(string program, string[] args) => Run("runuser", ["-u", "postgres", "--", program, .. args]);

    private static void Run(string program, string[] args)
    {
        ProcessResult result = ProcessRunner.Run(program, args, CommandTimeout);
        if (result.Exit != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed: {result}");
        }
    }
}
