using System.Globalization;
using System.Text;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Profiles;

/// <summary>The values of fwknop's settings, read as fwknopd reads them; a bad one is an error at the value's column.</summary>
public static partial class FwknopImporter
{
    /// <summary>fwknopd's booleans (add_acc_bool): a value starting with Y or y is yes.</summary>
    private static bool IsYes(string value) => value.StartsWith('Y') || value.StartsWith('y');

    /// <summary>
    /// SOURCE: <c>ANY</c> or a comma-separated list of IPv4 addresses and networks (<c>/24</c> or <c>/255.255.255.0</c>),
    /// as fwknopd reads it; an <c>ANY</c> in the list matches every source, as in fwknopd.
    /// </summary>
    private static EquatableArray<IpRange>? Sources(FwknopEntry entry, DiagnosticBag bag)
    {
        var ranges = new List<IpRange>();
        bool ok = true;
        foreach (string part in entry.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("ANY", StringComparison.OrdinalIgnoreCase))
            {
                return EquatableArray<IpRange>.Empty;
            }

            if (ParseSource(part) is { } range)
            {
                ranges.Add(range);
            }
            else
            {
                bag.Error(entry.ValueLocation, ProfileCodes.FwknopBadValue, $"SOURCE: '{part}' is not ANY, an IPv4 address or a network such as 192.0.2.0/24 (fwknopd reads IPv4 only)");
                ok = false;
            }
        }

        if (ranges.Count == 0 && ok)
        {
            bag.Error(entry.ValueLocation, ProfileCodes.FwknopBadValue, "SOURCE names no address");
            ok = false;
        }

        return ok ? [.. ranges] : null;
    }

    private static IpRange? ParseSource(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length > 2 || !IsDottedQuad(parts[0]) || !IpRange.TryParseAddress(parts[0], out IpFamily family, out UInt128 address) || family != IpFamily.V4)
        {
            return null;
        }

        int length = 32;
        if (parts.Length == 2)
        {
            if (IsDottedQuad(parts[1]) && IpRange.TryParseAddress(parts[1], out _, out UInt128 mask))
            {
                uint m = (uint)mask;
                length = System.Numerics.BitOperations.PopCount(m);
                if (m != (length == 0 ? 0u : uint.MaxValue << (32 - length)))
                {
                    return null;
                }
            }
            else if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out length) || length is < 1 or > 32)
            {
                return null;
            }
        }

        return IpRange.FromPrefix(IpFamily.V4, address, length);
    }

    private static bool IsDottedQuad(string text)
    {
        string[] octets = text.Split('.');
        return octets.Length == 4 && octets.All(o => o.Length is > 0 and <= 3 && o.All(char.IsAsciiDigit) && int.Parse(o, CultureInfo.InvariantCulture) <= 255);
    }

    /// <summary>OPEN_PORTS / RESTRICT_PORTS: <c>tcp/22, udp/53</c>.</summary>
    private static EquatableArray<OpenPort>? Ports(FwknopEntry entry, DiagnosticBag bag)
    {
        if (!TryParsePorts(entry.Value, out EquatableArray<OpenPort> ports, out string error))
        {
            bag.Error(entry.ValueLocation, ProfileCodes.FwknopBadValue, $"{entry.Key}: {error}");
            return null;
        }

        return ports;
    }

    /// <summary>
    /// A comma-separated port list in fwknop's spelling (<c>tcp/22</c>) or a profile's (<c>22</c>, <c>51820/udp</c>);
    /// used for OPEN_PORTS and for <c>--open</c>.
    /// </summary>
    public static bool TryParsePorts(string text, out EquatableArray<OpenPort> ports, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<OpenPort>();
        ports = EquatableArray<OpenPort>.Empty;
        error = "";
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pieces = part.Split('/');
            (string protocol, string number) = pieces.Length == 1 ? ("tcp", pieces[0])
                : pieces.Length == 2 && char.IsAsciiDigit(pieces[0].FirstOrDefault()) ? (pieces[1], pieces[0])
                : pieces.Length == 2 ? (pieces[0], pieces[1])
                : ("", "");
            protocol = protocol.ToLowerInvariant();
            if (protocol is not ("tcp" or "udp") || !ushort.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) || port == 0)
            {
                error = $"'{(part.Length > 40 ? part[..40] + "…" : part)}' is not a port such as tcp/22 or udp/51820";
                return false;
            }

            var open = new OpenPort(port, protocol == "udp" ? IpProtocols.Udp : IpProtocols.Tcp);
            if (!list.Contains(open))
            {
                list.Add(open);
            }
        }

        if (list.Count == 0)
        {
            error = "no port given";
            return false;
        }

        ports = [.. list];
        return true;
    }

    /// <summary>
    /// A key: <c>KEY</c>/<c>HMAC_KEY</c> are passphrases whose bytes are the key, the <c>_BASE64</c> forms base64. The
    /// message never holds the value: it is a secret, and messages go to terminals and logs.
    /// </summary>
    private static byte[]? KeyBytes(FwknopEntry entry, int maxLength, DiagnosticBag bag)
    {
        if (entry.Value.Equals("__CHANGEME__", StringComparison.OrdinalIgnoreCase))
        {
            bag.Error(entry.ValueLocation, ProfileCodes.FwknopBadValue,
                $"{entry.Key} is still __CHANGEME__ (fwknopd refuses to start with it too); put in the keys 'fwknop --key-gen' prints");
            return null;
        }

        byte[] bytes;
        if (entry.Key.EndsWith("_BASE64", StringComparison.Ordinal))
        {
            bytes = new byte[entry.Value.Length];
            if (!Convert.TryFromBase64String(entry.Value, bytes, out int length))
            {
                bag.Error(entry.ValueLocation, ProfileCodes.FwknopBadValue, $"{entry.Key} is not base64 (the value is a secret and is not shown)");
                return null;
            }

            bytes = bytes[..length];
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(entry.Value);
        }

        if (bytes.Length is 0 || bytes.Length > maxLength)
        {
            bag.Error(entry.ValueLocation, ProfileCodes.FwknopBadValue, $"{entry.Key} holds {bytes.Length} bytes; fwknop's keys of this kind have 1 to {maxLength}");
            return null;
        }

        return bytes;
    }

    private static TimeSpan? Seconds(FwknopEntry entry, int max, DiagnosticBag bag)
    {
        if (int.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds > 0 && seconds <= max)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        bag.Error(entry.ValueLocation, ProfileCodes.FwknopBadValue, $"{entry.Key}: '{entry.Value}' is not a number of seconds from 1 to {max}");
        return null;
    }
}
