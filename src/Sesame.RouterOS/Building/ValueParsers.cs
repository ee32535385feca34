using System.Collections.Immutable;
using System.Globalization;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.RouterOS.Building;

/// <summary>Parsers for the value types of ROUTEROS.md §1.9 and §7; each says what is wrong when it fails.</summary>
internal static class ValueParsers
{
    public static bool TryParseBool(string text, out bool value, out string error)
    {
        error = "";
        switch (text)
        {
            case "yes" or "true":
                value = true;
                return true;
            case "no" or "false":
                value = false;
                return true;
            default:
                value = false;
                error = $"'{text}' is not yes or no";
                return false;
        }
    }

    /// <summary><c>21,22,8291,10000-60000</c>: ports and inclusive ranges, 0..65535.</summary>
    public static bool TryParsePorts(string text, out EquatableArray<PortRange> ports, out string error)
    {
        ports = EquatableArray<PortRange>.Empty;
        error = "";
        var builder = ImmutableArray.CreateBuilder<PortRange>();
        foreach (string item in text.Split(','))
        {
            if (!TryParseRange(item, 65535, out int first, out int last))
            {
                error = $"'{item}' is not a port or port range (0..65535)";
                return false;
            }

            builder.Add(new PortRange((ushort)first, (ushort)last));
        }

        ports = builder.ToImmutable();
        return true;
    }

    /// <summary><c>packet-size=N</c> or <c>N-M</c> (bytes, 0..65535).</summary>
    public static bool TryParseSize(string text, out SizeRange size, out string error)
    {
        error = "";
        size = default;
        if (!TryParseRange(text, 65535, out int first, out int last))
        {
            error = $"'{text}' is not a size or size range (0..65535)";
            return false;
        }

        size = new SizeRange(first, last);
        return true;
    }

    private static bool TryParseRange(string text, int max, out int first, out int last)
    {
        last = 0;
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        string head = dash < 0 ? text : text[..dash];
        if (!TryParseNumber(head, max, out first))
        {
            return false;
        }

        if (dash < 0)
        {
            last = first;
            return true;
        }

        return TryParseNumber(text[(dash + 1)..], max, out last) && last >= first;
    }

    private static bool TryParseNumber(string text, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max;

    public static bool TryParseConnectionStates(string text, out ConnectionStates states, out string error)
    {
        states = ConnectionStates.None;
        error = "";
        foreach (string item in text.Split(','))
        {
            ConnectionStates state = item switch
            {
                "established" => ConnectionStates.Established,
                "related" => ConnectionStates.Related,
                "new" => ConnectionStates.New,
                "invalid" => ConnectionStates.Invalid,
                "untracked" => ConnectionStates.Untracked,
                _ => ConnectionStates.None,
            };
            if (state == ConnectionStates.None)
            {
                error = $"'{item}' is not a connection state (established, related, new, invalid, untracked)";
                return false;
            }

            states |= state;
        }

        return true;
    }

    public static bool TryParseAddressTypes(string text, out AddressTypes types, out string error)
    {
        types = AddressTypes.None;
        error = "";
        foreach (string item in text.Split(','))
        {
            AddressTypes type = item switch
            {
                "unicast" => AddressTypes.Unicast,
                "local" => AddressTypes.Local,
                "broadcast" => AddressTypes.Broadcast,
                "multicast" => AddressTypes.Multicast,
                _ => AddressTypes.None,
            };
            if (type == AddressTypes.None)
            {
                error = $"'{item}' is not an address type (local, unicast, broadcast, multicast)";
                return false;
            }

            types |= type;
        }

        return true;
    }

    /// <summary><c>tcp-flags=syn,!ack</c>: each flag negated on its own (ROUTEROS.md §7.1).</summary>
    public static bool TryParseTcpFlags(string text, out TcpFlagsMatch match, out string error)
    {
        error = "";
        if (!TcpFlagNames.TryParseMatch(text.Split(','), out match, out string bad))
        {
            error = $"'{bad}' is not a TCP flag ({TcpFlagNames.All}, each optionally with '!')";
            return false;
        }

        if ((match.Set & match.Clear) != 0)
        {
            error = $"'{text}' asks for a flag to be both set and clear";
            match = default;
            return false;
        }

        return true;
    }

    /// <summary><c>connection-limit=N,MASK</c> (ROUTEROS.md §7.2); the mask is a prefix length of the family.</summary>
    public static bool TryParseConnectionLimit(string text, IpFamily family, out ConnectionLimit limit, out string error)
    {
        limit = default;
        error = "";
        int maxMask = family == IpFamily.V4 ? 32 : 128;
        string[] parts = text.Split(',');
        if (parts.Length != 2 || !TryParseNumber(parts[0], int.MaxValue, out int n) || !TryParseNumber(parts[1], maxMask, out int mask))
        {
            error = $"'{text}' is not a connection limit (N,MASK with MASK 0..{maxMask})";
            return false;
        }

        limit = new ConnectionLimit(n, mask);
        return true;
    }

    /// <summary>
    /// <c>address-list-timeout</c>: <c>none-dynamic</c>, <c>none-static</c> or a time, where a zero time
    /// (<c>00:00:00</c>) means none-dynamic (ROUTEROS.md §1.9, §3.3). The maximum is 35w3d13h13m56s.
    /// </summary>
    public static bool TryParseAddressListTimeout(string text, out AddressListTimeout timeout, out string error)
    {
        error = "";
        switch (text)
        {
            case "none-dynamic":
                timeout = AddressListTimeout.NoneDynamic;
                return true;
            case "none-static":
                timeout = AddressListTimeout.NoneStatic;
                return true;
        }

        if (RouterOsTime.TryParse(text, out TimeSpan value, out error))
        {
            timeout = AddressListTimeout.Timed(value);
            return true;
        }

        timeout = default;
        return false;
    }

    /// <summary>The user policies of RouterOS v6 and v7 (MT-SCRIPT, MT-SCHED); a script or job may hold any of them.</summary>
    private static readonly string[] Policies =
    [
        "local", "telnet", "ssh", "ftp", "reboot", "read", "write", "policy", "test", "winbox", "password", "web", "sniff",
        "sensitive", "api", "romon", "rest-api", "dude", "tikapp",
    ];

    /// <summary><c>policy=read,write,test</c>: a comma list of policy names.</summary>
    public static bool TryParsePolicy(string text, out string error)
    {
        foreach (string item in text.Split(','))
        {
            if (!Policies.Contains(item))
            {
                error = $"'{item}' is not a policy ({string.Join(", ", Policies)})";
                return false;
            }
        }

        error = "";
        return true;
    }

    /// <summary>A scheduler's <c>start-time</c>: <c>startup</c> or a time of day <c>hh:mm:ss</c> (MT-SCHED).</summary>
    public static bool IsStartTime(string text) =>
        text == "startup"
        || (TimeOnly.TryParseExact(text, ["H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

    /// <summary>
    /// A scheduler's <c>start-date</c>: <c>2026-01-31</c> since RouterOS 7.10, <c>jan/31/2026</c> before (DATE-710).
    /// </summary>
    public static bool IsStartDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "MMM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
