using System.Net.Sockets;
using Npgsql;

namespace Sesame.Fleet;

/// <summary>The one way this assembly reaches PostgreSQL: a slim data source (native AOT), and errors as one line for the user.</summary>
internal static class FleetDatabase
{
    /// <summary>
    /// A data source without pooling (the link holds its two connections for hours; a pooled one that died with the server
    /// would come back broken), arrays on (change() takes them), TLS on (as the connection string's sslmode asks), a
    /// bounded connect time.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString, string applicationName, int commandTimeout = 0)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        builder.EnableArrays();

        // The slim builder leaves TLS out unless asked: without this, sslmode=require/verify-full fails to connect and
        // the fleet could only be reached in the clear (found by FleetTlsTests).
        builder.EnableTransportSecurity();
        builder.ConnectionStringBuilder.Pooling = false;
        if (builder.ConnectionStringBuilder.Timeout is 0 or > 15)
        {
            builder.ConnectionStringBuilder.Timeout = 15;
        }

        if (commandTimeout > 0 && builder.ConnectionStringBuilder.CommandTimeout is 0 or > 10)
        {
            builder.ConnectionStringBuilder.CommandTimeout = commandTimeout;

            // A cancelled command (the link stopping) waits this long for the server's answer before dropping the
            // connection, so that stopping stays within its bound when the server is gone.
            builder.ConnectionStringBuilder.CancellationTimeout = 500;
        }

        builder.ConnectionStringBuilder.ApplicationName ??= applicationName;
        return builder.Build();
    }

    /// <summary>As <see cref="Describe"/>, and a schema that is missing or older than the functions called says what to do.</summary>
    public static string DescribeForNode(Exception e) =>
        e is PostgresException { SqlState: "3F000" or "42883" or "42P01" }
            ? $"the fleet's schema is missing or older than this sesame ({Describe(e)}): run sesame fleet init"
            : Describe(e);

    /// <summary>What went wrong, in one line and without a stack trace: the server's own words when it refused.</summary>
    public static string Describe(Exception e)
    {
        string text = e switch
        {
            PostgresException pe => $"{pe.MessageText} ({pe.SqlState})",
            NpgsqlException { InnerException: PostgresException pe } => $"{pe.MessageText} ({pe.SqlState})",
            NpgsqlException { InnerException: SocketException } ne when MissingSocket(ne.Message) is { } path =>
                $"no server socket {path} (is PostgreSQL running there, and are Host and Port right?)",
            NpgsqlException { InnerException: SocketException or IOException or TimeoutException or System.Security.Authentication.AuthenticationException } ne =>
                $"{ne.Message.TrimEnd('.')}: {ne.InnerException!.Message}",
            _ => e.Message,
        };
        return FleetConnection.OneLine(text);
    }

    /// <summary>
    /// Npgsql says "Failed to connect to /dir/.s.PGSQL.5432" and .NET words ENOENT on a unix socket as "Cannot assign
    /// requested address": say plainly that the socket file is not there.
    /// </summary>
    private static string? MissingSocket(string message)
    {
        const string prefix = "Failed to connect to ";
        if (!message.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        string path = message[prefix.Length..].TrimEnd('.');
        return path.StartsWith('/') && !File.Exists(path) ? path : null;
    }

    /// <summary>Whether the failure took the connection with it (retry later) rather than the server refusing one command.</summary>
    public static bool IsConnectionLoss(Exception e, NpgsqlConnection? connection) =>
        e is not PostgresException || connection is null || connection.FullState != System.Data.ConnectionState.Open
        || ((PostgresException)e).SqlState.StartsWith("08", StringComparison.Ordinal)
        || ((PostgresException)e).SqlState.StartsWith("57P", StringComparison.Ordinal);
}
