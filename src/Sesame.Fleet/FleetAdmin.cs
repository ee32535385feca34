using System.Text;
using Npgsql;

namespace Sesame.Fleet;

/// <summary><c>sesame fleet init</c> and <c>sesame fleet status</c>.</summary>
public static partial class FleetAdmin
{
    /// <summary>
    /// Creates or migrates the schema (idempotent) as the connecting user (a superuser or the database's owner), and the
    /// node role that can do nothing else; with <paramref name="nodeUser"/>, also a LOGIN user in that role with
    /// <paramref name="nodePassword"/> (stored as SCRAM by the server). Writes what it did to <paramref name="output"/>.
    /// </summary>
    /// <exception cref="FleetException">The database refused or could not be reached (message for the user).</exception>
    public static void Init(string connectionString, string? nodeUser, string? nodePassword, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(output);
        if (nodeUser is null != nodePassword is null)
        {
            throw new FleetException("a node user needs a password and a password needs a node user (--node-user NAME --node-password-file F)");
        }

        if (nodeUser is not null && !IsValidRoleName(nodeUser, out string error))
        {
            throw new FleetException(error);
        }

        if (nodePassword is not null && (nodePassword.Length == 0 || nodePassword.Contains('\0', StringComparison.Ordinal)))
        {
            throw new FleetException("the node user's password is empty or contains a NUL character");
        }

        var lines = new List<string>();
        Run(connectionString, "sesame fleet init", connection =>
        {
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            Execute(connection, $"SELECT pg_catalog.pg_advisory_xact_lock({FleetSchema.LockClass}, 2)");
            bool hadRole = Scalar<bool>(connection, $"SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = '{FleetSchema.Role}')");
            Execute(connection, FleetSchema.Meta);
            int? version = Scalar<int?>(connection, "SELECT version FROM sesame_fleet.meta");
            if (version > FleetSchema.Version)
            {
                throw new FleetException($"the fleet's schema is version {version}, newer than this sesame knows ({FleetSchema.Version}): upgrade sesame");
            }

            for (int step = (version ?? 0) + 1; step <= FleetSchema.Version; step++)
            {
                Execute(connection, FleetSchema.Migrations[step - 1]);
            }

            Execute(connection, $"INSERT INTO sesame_fleet.meta (one, version) VALUES (true, {FleetSchema.Version}) ON CONFLICT (one) DO UPDATE SET version = excluded.version");
            Execute(connection, FleetSchema.Functions);
            Execute(connection, FleetSchema.Grants);
            lines.Add(version switch
            {
                null => $"schema sesame_fleet: created (version {FleetSchema.Version})",
                FleetSchema.Version => $"schema sesame_fleet: already at version {FleetSchema.Version}; functions and grants renewed",
                _ => $"schema sesame_fleet: migrated from version {version} to {FleetSchema.Version}",
            });
            lines.Add($"role {FleetSchema.Role}: {(hadRole ? "exists" : "created")} (NOLOGIN; USAGE on the schema, EXECUTE on its functions, nothing else)");
            if (nodeUser is not null)
            {
                lines.Add(CreateNodeUser(connection, nodeUser, nodePassword!));
            }

            transaction.Commit();
        });
        foreach (string line in lines)
        {
            output.WriteLine(line);
        }
    }

    /// <summary>
    /// The node user, named and given its password as values: the statement is built on the server by format() (%I quotes
    /// the name, %L the secret). A printable-ASCII password is sent as its SCRAM verifier, so the clear text never reaches
    /// the server (nor its log); any other is sent as a parameter with password_encryption set to SCRAM for the transaction.
    /// </summary>
    private static string CreateNodeUser(NpgsqlConnection connection, string user, string password)
    {
        string secret = ScramVerifier.IsSaslPrepIdentity(password) ? ScramVerifier.Create(password) : password;
        Execute(connection, "SET LOCAL password_encryption = 'scram-sha-256'");
        using (var set = new NpgsqlCommand("SELECT pg_catalog.set_config('sesame_fleet.node_user', $1, true), pg_catalog.set_config('sesame_fleet.node_secret', $2, true)", connection))
        {
            set.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user });
            set.Parameters.Add(new NpgsqlParameter<string> { TypedValue = secret });
            set.ExecuteNonQuery();
        }

        Execute(connection, $$"""
            DO $do$
            DECLARE
                v_user text := pg_catalog.current_setting('sesame_fleet.node_user');
                v_secret text := pg_catalog.current_setting('sesame_fleet.node_secret');
                r record;
            BEGIN
                SELECT rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls INTO r FROM pg_catalog.pg_roles WHERE rolname = v_user;
                IF FOUND THEN
                    IF r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls THEN
                        RAISE EXCEPTION 'role % exists with more rights than a node may have (superuser, createrole, createdb, replication or bypassrls): choose another --node-user', v_user;
                    END IF;
                    EXECUTE pg_catalog.format('ALTER ROLE %I WITH LOGIN PASSWORD %L', v_user, v_secret);
                    PERFORM pg_catalog.set_config('sesame_fleet.node_outcome', 'updated', true);
                ELSE
                    EXECUTE pg_catalog.format('CREATE ROLE %I WITH LOGIN PASSWORD %L', v_user, v_secret);
                    PERFORM pg_catalog.set_config('sesame_fleet.node_outcome', 'created', true);
                END IF;
                EXECUTE pg_catalog.format('GRANT {{FleetSchema.Role}} TO %I', v_user);
                PERFORM pg_catalog.set_config('sesame_fleet.node_secret', '', true);
            END
            $do$
            """);
        string outcome = Scalar<string>(connection, "SELECT pg_catalog.current_setting('sesame_fleet.node_outcome')");
        return $"user {user}: {outcome} (LOGIN, in role {FleetSchema.Role}; password stored as SCRAM)";
    }

    /// <summary>A role name PostgreSQL keeps as given: 1 to 63 bytes, no control character, not pg_ (reserved).</summary>
    internal static bool IsValidRoleName(string name, out string error)
    {
        if (name.Length == 0 || Encoding.UTF8.GetByteCount(name) > 63)
        {
            error = $"node user '{(name.Length > 80 ? name[..80] + "…" : name)}': 1 to 63 bytes (PostgreSQL cuts longer names)";
            return false;
        }

        if (!FleetConnection.IsPrintable(name, "node user", out error))
        {
            return false;
        }

        if (name.StartsWith("pg_", StringComparison.OrdinalIgnoreCase) || name == FleetSchema.Role)
        {
            error = $"node user '{name}': a reserved name";
            return false;
        }

        return true;
    }

    /// <summary>Opens a connection and runs <paramref name="work"/>; every database failure becomes a <see cref="FleetException"/>.</summary>
    private static void Run(string connectionString, string applicationName, Action<NpgsqlConnection> work, bool needsSchema = false)
    {
        NpgsqlDataSource dataSource;
        try
        {
            dataSource = FleetDatabase.Create(connectionString, applicationName);
        }
        catch (ArgumentException e)
        {
            throw new FleetException("connection string: " + FleetConnection.OneLine(e.Message), e);
        }

        using (dataSource)
        {
            NpgsqlConnection connection;
            try
            {
                connection = dataSource.OpenConnection();
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException or ArgumentException)
            {
                throw new FleetException("cannot connect to the fleet's database: " + FleetDatabase.Describe(e), e);
            }

            using (connection)
            {
                try
                {
                    work(connection);
                }
                catch (PostgresException e) when (needsSchema && e.SqlState is "3F000" or "42883" or "42P01")
                {
                    throw new FleetException($"the fleet's schema is missing or incomplete in this database ({FleetDatabase.Describe(e)}): run sesame fleet init", e);
                }
                catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
                {
                    throw new FleetException("the fleet's database refused: " + FleetDatabase.Describe(e), e);
                }
            }
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static T Scalar<T>(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        object? value = command.ExecuteScalar();
        return value is null or DBNull ? default! : (T)value;
    }
}
