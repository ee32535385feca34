namespace Sesame.Knock.Spa;

/// <summary>The user name an SPA packet carries, checked as fwknop's <c>validate_username</c> does.</summary>
public static class SpaUserName
{
    /// <summary>fwknop's MAX_SPA_USERNAME_SIZE includes the terminating NUL.</summary>
    public const int MaxLength = 63;

    private const string Forbidden = "\"/\\[]:;|=,+*?<>";

    /// <summary>
    /// The name fwknop's client would send without <c>-U</c>: <c>$SPOOF_USER</c>, then <c>$LOGNAME</c>, then the
    /// account the process runs as, then <c>$USER</c>, else <c>NO_USER</c>.
    /// </summary>
    public static string Default()
    {
        foreach (string variable in (ReadOnlySpan<string>)["SPOOF_USER", "LOGNAME"])
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                return value;
            }
        }

        string account = Environment.UserName;
        if (account.Length > 0)
        {
            return account;
        }

        return Environment.GetEnvironmentVariable("USER") is { Length: > 0 } user ? user : "NO_USER";
    }

    /// <summary>True when fwknopd would take the name: 1..63 printable ASCII characters, none of <c>"/\[]:;|=,+*?&lt;&gt;</c>.</summary>
    public static bool IsValid(string name, out string error)
    {
        error = "";
        if (name.Length is 0 or > MaxLength)
        {
            error = $"a user name has 1..{MaxLength} characters";
            return false;
        }

        foreach (char c in name)
        {
            if (c is < ' ' or > '~' || Forbidden.Contains(c, StringComparison.Ordinal))
            {
                error = $"'{SpaAccess.Printable(name)}' holds '{SpaAccess.Printable(c.ToString())}'; a user name is printable ASCII without {Forbidden}";
                return false;
            }
        }

        return true;
    }
}
