namespace Sesame.RouterOS.Scripting;

/// <summary>
/// The menus a script can use in Sesame and their commands (issue 10): the address lists and filter rules of both
/// families, <c>/system script run</c> and <c>/log</c>. Paths are words joined by single spaces; names may be
/// abbreviated to an unambiguous prefix, as the console allows (ROUTEROS.md §1.2).
/// </summary>
internal static class ScriptMenus
{
    public const string Ipv4AddressList = "ip firewall address-list";
    public const string Ipv6AddressList = "ipv6 firewall address-list";
    public const string Ipv4Filter = "ip firewall filter";
    public const string Ipv6Filter = "ipv6 firewall filter";
    public const string SystemScript = "system script";
    public const string Log = "log";

    private static readonly Dictionary<string, string[]> Commands = new(StringComparer.Ordinal)
    {
        [Ipv4AddressList] = ["add", "remove", "set", "find", "get", "print"],
        [Ipv6AddressList] = ["add", "remove", "set", "find", "get", "print"],
        [Ipv4Filter] = ["enable", "disable", "find", "get", "print"],
        [Ipv6Filter] = ["enable", "disable", "find", "get", "print"],
        [SystemScript] = ["run"],
        [Log] = ["info", "warning", "error", "debug"],
    };

    /// <summary>Every menu on the way to a menu above (the console accepts them as paths), and the menus themselves.</summary>
    private static readonly string[] Paths =
    [
        "ip", "ip firewall", "ipv6", "ipv6 firewall", "system",
        Ipv4AddressList, Ipv6AddressList, Ipv4Filter, Ipv6Filter, SystemScript, Log,
        "ip firewall nat", "ip firewall mangle", "ip firewall raw", "ip firewall layer7-protocol", "ip firewall connection",
        "ipv6 firewall nat", "ipv6 firewall mangle", "ipv6 firewall raw", "system scheduler", "interface", "interface list",
        "interface list member", "tool", "ip address", "ip route", "ip dns", "ip service",
    ];

    /// <summary>The commands of a menu Sesame runs, or null.</summary>
    public static string[]? CommandsOf(string path) => Commands.GetValueOrDefault(path);

    public static bool IsAddressList(string path) => path is Ipv4AddressList or Ipv6AddressList;

    public static bool IsFilter(string path) => path is Ipv4Filter or Ipv6Filter;

    /// <summary>
    /// The menu <paramref name="word"/> names under <paramref name="parent"/>, by its full name or an unambiguous prefix;
    /// null when none does.
    /// </summary>
    public static string? Child(string parent, string word)
    {
        string prefix = parent.Length == 0 ? "" : parent + " ";
        string? found = null;
        foreach (string path in Paths)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal) || path.IndexOf(' ', prefix.Length) >= 0)
            {
                continue;
            }

            string name = path[prefix.Length..];
            if (name == word)
            {
                return path;
            }

            if (name.StartsWith(word, StringComparison.Ordinal))
            {
                if (found is not null)
                {
                    return null;
                }

                found = path;
            }
        }

        return found;
    }

    /// <summary>Resolves an abbreviated name among <paramref name="names"/>: the exact name, else the only one it starts.</summary>
    public static string? Resolve(IEnumerable<string> names, string word)
    {
        string? found = null;
        foreach (string name in names)
        {
            if (name == word)
            {
                return name;
            }

            if (name.StartsWith(word, StringComparison.Ordinal))
            {
                if (found is not null)
                {
                    return null;
                }

                found = name;
            }
        }

        return found;
    }
}
