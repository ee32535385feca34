using Npgsql;

namespace Sesame.Fleet;

/// <summary><c>sesame fleet status</c>: through the schema's functions, so a node's user may read it too.</summary>
public static partial class FleetAdmin
{
    /// <summary>The fleet's nodes and its lists' sizes, by the database's clock.</summary>
    /// <exception cref="FleetException">The database refused or could not be reached, or the schema is missing.</exception>
    public static FleetStatus ReadStatus(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        FleetStatus? status = null;
        Run(connectionString, "sesame fleet status", connection =>
        {
            DateTimeOffset now;
            long lastSeq;
            using (var command = new NpgsqlCommand("SELECT now, last_seq FROM sesame_fleet.status_seq()", connection))
            using (NpgsqlDataReader reader = command.ExecuteReader())
            {
                reader.Read();
                now = reader.GetFieldValue<DateTimeOffset>(0);
                lastSeq = reader.GetInt64(1);
            }

            var nodes = new List<FleetNode>();
            using (var command = new NpgsqlCommand("SELECT name, first_seen, last_seen, last_seq, connected, version FROM sesame_fleet.status_nodes()", connection))
            using (NpgsqlDataReader reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    nodes.Add(new FleetNode(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2),
                        reader.GetInt64(3), reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
                }
            }

            var lists = new List<FleetListSize>();
            using (var command = new NpgsqlCommand("SELECT list, entries FROM sesame_fleet.status_lists()", connection))
            using (NpgsqlDataReader reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    lists.Add(new FleetListSize(reader.GetString(0), reader.GetInt64(1)));
                }
            }

            status = new FleetStatus(now, nodes, lists, lastSeq);
        }, needsSchema: true);
        return status!;
    }
}
