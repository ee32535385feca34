using Npgsql;

namespace Sesame.Fleet;

/// <summary>Reads <c>--fleet</c>'s value and the password that goes with it.</summary>
public static partial class FleetConnection
{
    /// <summary>Longer than any real connection string; a 1 MB value is a mistake or an attack, not a database.</summary>
    internal const int MaxLength = 8192;

    private const string PasswordHint = "use --fleet-password-file or PGPASSWORD";

    /// <summary>
    /// Parses an Npgsql connection string (<c>Host=/run/postgresql;Username=sesame;Database=sesame</c>) or a
    /// <c>postgres://</c> / <c>postgresql://</c> URI into an Npgsql connection string. With <paramref name="fromCommandLine"/>
    /// a password in the text is refused (any user can read a command line in /proc). A password comes from
    /// <paramref name="passwordFile"/> (first line, no trailing newline), else Npgsql's own PGPASSWORD / PGPASSFILE.
    /// </summary>
    /// <returns>False with <paramref name="error"/> (one line, for the user) when the text or the file is not usable.</returns>
    public static bool TryParse(string text, bool fromCommandLine, string? passwordFile, out string connectionString, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        connectionString = "";
        if (!TryParseText(text, out NpgsqlConnectionStringBuilder? builder, out error))
        {
            return false;
        }

        bool hasPassword = !string.IsNullOrEmpty(builder.Password);
        if (fromCommandLine && (hasPassword || !string.IsNullOrEmpty(builder.SslPassword)))
        {
            error = $"connection string: a password on the command line is visible to every user of this host; {PasswordHint}";
            return false;
        }

        if (passwordFile is not null)
        {
            if (hasPassword)
            {
                error = $"connection string: a password is given both in the text and in {passwordFile}; keep only the file";
                return false;
            }

            if (!TryReadPasswordFile(passwordFile, out string password, out error))
            {
                return false;
            }

            builder.Password = password;
        }

        connectionString = builder.ConnectionString;
        return true;
    }

    private static bool TryParseText(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NpgsqlConnectionStringBuilder? builder, out string error)
    {
        builder = null;
        if (text.Length > MaxLength)
        {
            error = $"connection string: {text.Length} characters, at most {MaxLength}";
            return false;
        }

        if (text.Trim().Length == 0)
        {
            error = "connection string: empty";
            return false;
        }

        if (!IsPrintable(text, "connection string", out error))
        {
            return false;
        }

        string trimmed = text.Trim();
        if (trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return TryParseUri(trimmed, out builder, out error);
        }

        if (trimmed.Contains("://", StringComparison.Ordinal))
        {
            error = "connection string: only postgres:// and postgresql:// URIs are understood";
            return false;
        }

        // Split by the generic parser first, then set each keyword on Npgsql's builder, so a refusal names the keyword
        // and says whether the keyword or its value is wrong (Npgsql says "Couldn't set x" for both).
        var pairs = new System.Data.Common.DbConnectionStringBuilder();
        try
        {
            pairs.ConnectionString = trimmed;
        }
        catch (ArgumentException)
        {
            error = "connection string: not Key=Value pairs separated by ';' (quote a value that holds ';' or '=')";
            return false;
        }

        builder = new NpgsqlConnectionStringBuilder();
        foreach (string key in pairs.Keys)
        {
            if (!builder.ContainsKey(key))
            {
                error = $"connection string: unknown keyword '{key}'";
                builder = null;
                return false;
            }

            try
            {
                builder[key] = pairs[key];
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                error = $"connection string: {key}: {Shown(key, pairs[key]?.ToString() ?? "")} is not a valid value";
                builder = null;
                return false;
            }
        }

        error = "";
        return true;
    }

    /// <summary>A control character (newline, NUL, ESC, …) has no place in a connection string or a value of one.</summary>
    internal static bool IsPrintable(string value, string what, out string error)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                error = $"{what}: control character U+{(int)value[i]:X4} at position {i + 1}";
                return false;
            }
        }

        error = "";
        return true;
    }

    /// <summary>A value for a message: cut short, and never a secret.</summary>
    private static string Shown(string key, string value) =>
        key.Contains("password", StringComparison.OrdinalIgnoreCase) ? "the value"
        : value.Length > 60 ? $"'{value[..60]}…'" : $"'{value}'";

    internal static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
