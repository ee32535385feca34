namespace Sesame.Fleet;

/// <summary><c>sesame fleet init</c> and <c>sesame fleet status</c>.</summary>
public static class FleetAdmin
{
    /// <summary>
    /// Creates or migrates the schema (idempotent) as the connecting user (a superuser or the database's owner), and the
    /// node role that can do nothing else; with <paramref name="nodeUser"/>, also a LOGIN user in that role with
    /// <paramref name="nodePassword"/> (stored as SCRAM by the server). Writes what it did to <paramref name="output"/>.
    /// </summary>
    /// <exception cref="FleetException">The database refused or could not be reached (message for the user).</exception>
    public static void Init(string connectionString, string? nodeUser, string? nodePassword, TextWriter output) =>
        throw new NotImplementedException();

    /// <summary>The fleet's nodes and its lists' sizes, by the database's clock.</summary>
    /// <exception cref="FleetException">The database refused or could not be reached, or the schema is missing.</exception>
    public static FleetStatus ReadStatus(string connectionString) => throw new NotImplementedException();
}
