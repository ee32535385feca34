using System.Text.RegularExpressions;
using Sesame.Model;
using Sesame.Text;

namespace Sesame.Profiles;

/// <summary>
/// The rules fleet mode's names and texts follow, shared by a profile's <c>fleet:</c> section and the command line's
/// <c>--fleet</c> options, so that both refuse the same things with the same words.
/// </summary>
public static partial class FleetNames
{
    /// <summary>The longest node name: a DNS label's length, so that a host name fits.</summary>
    public const int MaxNodeLength = 63;

    /// <summary>The longest list name named for sharing: nftables' set names hold 255 characters.</summary>
    public const int MaxListLength = 255;

    /// <summary>The longest connection string or URI.</summary>
    public const int MaxConnectionLength = 4096;

    /// <summary>What a node name may be, for messages.</summary>
    public const string NodeRule = "1 to 63 characters of A-Z a-z 0-9 . _ -";

    /// <summary>Where a password goes instead of the connection text, for messages: <paramref name="option"/> or PGPASSWORD.</summary>
    public static string PasswordAdvice(string option) => $"use {option} or PGPASSWORD";

    /// <summary>
    /// A node name: it is written to the fleet's tables and logs of every node and shown by <c>sesame fleet status</c>, so
    /// it is held to a host name's letters: nothing a terminal, a log parser or a shell would act on.
    /// </summary>
    public static bool IsNodeName(string? text) =>
        text is { Length: > 0 and <= MaxNodeLength } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>A list name as an option or a profile may name it: not empty, at most 255 characters, nothing a terminal acts on.</summary>
    public static bool IsListName(string? text) =>
        text is { Length: > 0 and <= MaxListLength } && !text.Any(TerminalText.IsSpecial);

    /// <summary>
    /// Whether a connection text carries a password: a <c>Password=</c> (or Npgsql's synonyms <c>Pwd</c>, <c>Psw</c>) key, a
    /// URI's <c>user:password@</c> or its <c>?password=</c>. Erring on the side of yes: the text is then refused, never
    /// used. A command line is readable by every user (/proc/PID/cmdline), and a profile is printed and checked in.
    /// </summary>
    public static bool HasPassword(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        int scheme = trimmed.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && trimmed[..scheme].ToLowerInvariant() is "postgres" or "postgresql")
        {
            string rest = trimmed[(scheme + 3)..];
            int query = rest.IndexOf('?', StringComparison.Ordinal);
            string authority = query < 0 ? rest : rest[..query];
            int at = authority.LastIndexOf('@');
            if (at >= 0 && authority[..at].Contains(':', StringComparison.Ordinal))
            {
                return true;
            }

            return query >= 0 && UriPasswordKey().IsMatch(rest[query..]);
        }

        return PasswordKey().IsMatch(trimmed);
    }

    /// <summary>
    /// Every address list <paramref name="config"/> uses: read or filled by a rule, holding a static entry, or opened by
    /// an SPA door. <c>--fleet-share</c> and <c>--fleet-local</c> name one of these, or nothing is applied.
    /// </summary>
    public static IReadOnlySet<string> ListsOf(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lists = new SortedSet<string>(StringComparer.Ordinal);
        foreach (FilterRule rule in config.Ipv4Filter.Concat(config.Ipv6Filter))
        {
            AddIf(lists, rule.AddressList);
            AddIf(lists, rule.SrcAddressList?.Value);
            AddIf(lists, rule.DstAddressList?.Value);
        }

        foreach (AddressListEntry entry in config.Ipv4AddressList.Concat(config.Ipv6AddressList))
        {
            lists.Add(entry.List);
        }

        foreach (SpaPortList port in config.SpaDoors.SelectMany(d => d.PortLists))
        {
            lists.Add(port.List);
        }

        return lists;
    }

    /// <summary>A name for a message: at most 64 characters of it (a 1 MB name is not repeated whole), escaped for a terminal.</summary>
    public static string Shown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TerminalText.Escape(text.Length <= 64 ? text : $"{text[..64]}… ({text.Length} characters)");
    }

    /// <summary>The configuration's lists, for a message that names one it does not have (the first 20).</summary>
    public static string Known(IReadOnlySet<string> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return lists.Count == 0
            ? "it has no address lists"
            : $"its lists: {string.Join(", ", lists.Take(20).Select(Shown))}{(lists.Count > 20 ? $", … ({lists.Count})" : "")}";
    }

    /// <summary>
    /// Why a password file cannot be used, or null: it must exist, be a file, and give its group and others no access at
    /// all (mode 0600 or less), as libpq asks of a password file and Sesame.Fleet's reader checks again.
    /// </summary>
    public static string? PasswordFileProblem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            var info = new FileInfo(path);
            if (Directory.Exists(path))
            {
                return "is a directory, not a password file";
            }

            if (!info.Exists)
            {
                return "does not exist";
            }

            const UnixFileMode loose = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if (!OperatingSystem.IsWindows() && (info.UnixFileMode & loose) != 0)
            {
                return $"gives its group or others access (mode {Convert.ToString((int)info.UnixFileMode & 0x1FF, 8).PadLeft(4, '0')}), so it keeps no secret; chmod 600 it";
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"cannot be used ({ex.Message})";
        }
    }

    private static void AddIf(SortedSet<string> lists, string? name)
    {
        if (!string.IsNullOrEmpty(name))
        {
            lists.Add(name);
        }
    }

    [GeneratedRegex(@"(^|[\s;])(password|pwd|psw)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordKey();

    [GeneratedRegex(@"[?&]\s*password\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UriPasswordKey();
}
