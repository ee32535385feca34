namespace Sesame.Fleet;

/// <summary>Reads <c>--fleet</c>'s value and the password that goes with it.</summary>
public static class FleetConnection
{
    /// <summary>
    /// Parses an Npgsql connection string (<c>Host=/run/postgresql;Username=sesame;Database=sesame</c>) or a
    /// <c>postgres://</c> / <c>postgresql://</c> URI into an Npgsql connection string. With <paramref name="fromCommandLine"/>
    /// a password in the text is refused (any user can read a command line in /proc). A password comes from
    /// <paramref name="passwordFile"/> (first line, no trailing newline), else Npgsql's own PGPASSWORD / PGPASSFILE.
    /// </summary>
    /// <returns>False with <paramref name="error"/> (one line, for the user) when the text or the file is not usable.</returns>
    public static bool TryParse(string text, bool fromCommandLine, string? passwordFile, out string connectionString, out string error) =>
        throw new NotImplementedException();
}
