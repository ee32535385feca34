using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Sesame.Fleet;

/// <summary>
/// <c>postgres://</c> URIs as libpq writes them (<c>postgresql://user@host:port/db?sslmode=require</c>, a unix socket as
/// <c>?host=/run/postgresql</c> or a percent-encoded host). Every piece is decoded and handed to Npgsql's builder as a
/// value, so a <c>;</c> or a quote in a database name stays in the name.
/// </summary>
public static partial class FleetConnection
{
    /// <summary>libpq's URI parameters and the Npgsql keyword each one sets; any other is refused.</summary>
    private static readonly Dictionary<string, string> UriKeywords = new(StringComparer.Ordinal)
    {
        ["host"] = "Host",
        ["port"] = "Port",
        ["dbname"] = "Database",
        ["user"] = "Username",
        ["password"] = "Password",
        ["passfile"] = "Passfile",
        ["sslmode"] = "SSL Mode",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslrootcert"] = "Root Certificate",
        ["sslpassword"] = "SSL Password",
        ["channel_binding"] = "Channel Binding",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
    };

    /// <summary>libpq's spelling of the modes (Npgsql's enums have no hyphens).</summary>
    private static readonly Dictionary<string, string> ModeValues = new(StringComparer.Ordinal)
    {
        ["disable"] = "Disable",
        ["allow"] = "Allow",
        ["prefer"] = "Prefer",
        ["require"] = "Require",
        ["verify-ca"] = "VerifyCA",
        ["verify-full"] = "VerifyFull",
    };

    private static bool TryParseUri(string text, [NotNullWhen(true)] out NpgsqlConnectionStringBuilder? builder, out string error)
    {
        builder = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string rest = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..];
        int queryAt = rest.IndexOf('?', StringComparison.Ordinal);
        string query = queryAt < 0 ? "" : rest[(queryAt + 1)..];
        rest = queryAt < 0 ? rest : rest[..queryAt];
        int pathAt = rest.IndexOf('/', StringComparison.Ordinal);
        string authority = pathAt < 0 ? rest : rest[..pathAt];
        string path = pathAt < 0 ? "" : rest[(pathAt + 1)..];

        int at = authority.LastIndexOf('@');
        if (at >= 0 && !TryUserInfo(authority[..at], values, out error))
        {
            return false;
        }

        if (!TryHostPort(at >= 0 ? authority[(at + 1)..] : authority, values, out error))
        {
            return false;
        }

        if (path.Length > 0)
        {
            if (!TryDecode(path, "database name", out string database, out error))
            {
                return false;
            }

            values["dbname"] = database;
        }

        if (query.Length > 0 && !TryQuery(query, values, out error))
        {
            return false;
        }

        return TryBuild(values, out builder, out error);
    }

    private static bool TryUserInfo(string userInfo, Dictionary<string, string> values, out string error)
    {
        int colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (!TryDecode(colon < 0 ? userInfo : userInfo[..colon], "user name", out string user, out error))
        {
            return false;
        }

        if (user.Length > 0)
        {
            values["user"] = user;
        }

        if (colon >= 0)
        {
            if (!TryDecode(userInfo[(colon + 1)..], "password", out string password, out error))
            {
                return false;
            }

            values["password"] = password;
        }

        return true;
    }

    private static bool TryHostPort(string hostPort, Dictionary<string, string> values, out string error)
    {
        error = "";
        if (hostPort.Contains(',', StringComparison.Ordinal))
        {
            error = "connection string: several hosts in a URI are not supported; use an Npgsql connection string (Host=a,b)";
            return false;
        }

        string host = hostPort;
        string? port = null;
        if (hostPort.StartsWith('['))
        {
            int close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = "connection string: '[' without ']' around an IPv6 host";
                return false;
            }

            host = hostPort[1..close];
            string after = hostPort[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = $"connection string: unexpected '{after}' after the IPv6 host";
                    return false;
                }

                port = after[1..];
            }
        }
        else
        {
            int colon = hostPort.LastIndexOf(':');
            if (colon >= 0)
            {
                host = hostPort[..colon];
                port = hostPort[(colon + 1)..];
            }

            if (!TryDecode(host, "host", out host, out error))
            {
                return false;
            }
        }

        if (host.Length > 0)
        {
            values["host"] = host;
        }

        if (port is not null)
        {
            if (port.Length == 0 || port.Length > 5 || !port.All(char.IsAsciiDigit)
                || int.Parse(port, CultureInfo.InvariantCulture) is < 1 or > 65535)
            {
                error = $"connection string: port '{port}' is not a number from 1 to 65535";
                return false;
            }

            values["port"] = port;
        }

        return true;
    }

    private static bool TryQuery(string query, Dictionary<string, string> values, out string error)
    {
        error = "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string pair in query.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                error = $"connection string: '{pair}' is not key=value";
                return false;
            }

            if (!TryDecode(pair[..eq], "parameter name", out string key, out error)
                || !TryDecode(pair[(eq + 1)..], $"parameter {pair[..eq]}", out string value, out error))
            {
                return false;
            }

            if (!UriKeywords.ContainsKey(key))
            {
                error = $"connection string: unknown parameter '{key}' (known: {string.Join(", ", UriKeywords.Keys)})";
                return false;
            }

            if (!seen.Add(key) || (values.ContainsKey(key) && key is "host" or "port" or "dbname" or "user" or "password"))
            {
                error = $"connection string: '{key}' is given twice";
                return false;
            }

            values[key] = value;
        }

        return true;
    }

    private static bool TryBuild(Dictionary<string, string> values, [NotNullWhen(true)] out NpgsqlConnectionStringBuilder? builder, out string error)
    {
        builder = new NpgsqlConnectionStringBuilder();
        foreach ((string key, string raw) in values)
        {
            string value = raw;
            if (key is "sslmode" or "channel_binding")
            {
                if (!ModeValues.TryGetValue(raw, out string? mode) || (key == "channel_binding" && raw is not ("disable" or "prefer" or "require")))
                {
                    error = $"connection string: {key} '{raw}' is not one of {(key == "sslmode" ? "disable, allow, prefer, require, verify-ca, verify-full" : "disable, prefer, require")}";
                    builder = null;
                    return false;
                }

                value = mode;
            }

            try
            {
                builder[UriKeywords[key]] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                error = $"connection string: {key}: {Shown(key, value)} is not a valid value";
                builder = null;
                return false;
            }
        }

        error = "";
        return true;
    }

    /// <summary>Percent-decoding, strict: a '%' not followed by two hex digits, or bytes that are not UTF-8, are refused.</summary>
    private static bool TryDecode(string text, string what, out string value, out string error)
    {
        value = "";
        error = "";
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            value = text;
            return IsPrintable(value, "connection string: " + what, out error);
        }

        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                // A run of plain characters at once, so that a surrogate pair stays one character.
                int next = text.IndexOf('%', i);
                next = next < 0 ? text.Length : next;
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i..next]));
                i = next - 1;
                continue;
            }

            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                error = $"connection string: {what}: '%' at position {i + 1} is not followed by two hex digits";
                return false;
            }

            bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            i += 2;
        }

        try
        {
            value = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            error = $"connection string: {what}: the percent-encoded bytes are not UTF-8";
            return false;
        }

        return IsPrintable(value, "connection string: " + what, out error);
    }
}
