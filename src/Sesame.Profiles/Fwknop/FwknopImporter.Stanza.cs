using System.Globalization;
using System.Text;
using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;
using Sesame.Spa;

namespace Sesame.Profiles;

public static partial class FwknopImporter
{
    /// <summary>fwknopd's range check on FW_ACCESS_TIMEOUT and MAX_FW_TIMEOUT (RCHK_MAX_FW_TIMEOUT).</summary>
    private const int MaxAccessSeconds = 2 << 22;

    private static (DoorSpaUser User, EquatableArray<OpenPort> Ports, bool RequireAddress)? ToUser(FwknopStanza stanza, FwknopImportOptions options, DiagnosticBag bag)
    {
        string what = $"stanza {stanza.Ordinal} (SOURCE {stanza.Source.Value}, line {stanza.Source.Location.Line})";
        EquatableArray<IpRange>? sources = Sources(stanza.Source, bag);
        byte[]? key = null;
        byte[]? hmacKey = null;
        SpaHmacType hmacType = SpaHmacType.Sha256;
        EquatableArray<OpenPort>? open = null;
        EquatableArray<OpenPort>? restrict = null;
        TimeSpan? openFor = null;
        TimeSpan? maxOpenFor = null;
        bool requireAddress = false;
        bool leftOut = false;
        void LeaveOut(FwknopEntry entry, string why)
        {
            bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, $"{what} is left out: {why}");
            leftOut = true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (FwknopEntry entry in stanza.Entries)
        {
            if (!seen.Add(entry.Key))
            {
                bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, $"{entry.Key} is given twice in {what}; the last one counts, as in fwknopd");
            }

            switch (entry.Key)
            {
                case "OPEN_PORTS":
                    open = Ports(entry, bag);
                    break;
                case "RESTRICT_PORTS":
                    restrict = Ports(entry, bag);
                    break;
                case "KEY" or "KEY_BASE64":
                    key = KeyBytes(entry, SpaKeys.MaxEncryptionKeyLength, bag);
                    break;
                case "HMAC_KEY" or "HMAC_KEY_BASE64":
                    hmacKey = KeyBytes(entry, SpaKeys.MaxHmacKeyLength, bag);
                    break;
                case "HMAC_DIGEST_TYPE":
                    switch (entry.Value.ToLowerInvariant())
                    {
                        case "sha256":
                            hmacType = SpaHmacType.Sha256;
                            break;
                        case "sha384":
                            hmacType = SpaHmacType.Sha384;
                            break;
                        case "sha512":
                            hmacType = SpaHmacType.Sha512;
                            break;
                        case "md5" or "sha1" or "sha3_256" or "sha3_512":
                            LeaveOut(entry, $"HMAC_DIGEST_TYPE {entry.Value}: Sesame's SPA uses HMAC-SHA256, -SHA384 or -SHA512");
                            break;
                        default:
                            bag.Error(entry.ValueLocation, ProfileCodes.FwknopBadValue, $"HMAC_DIGEST_TYPE '{entry.Value}' is not one of md5, sha1, sha256, sha384, sha512, sha3_256, sha3_512");
                            break;
                    }

                    break;
                case "FW_ACCESS_TIMEOUT":
                    openFor = Seconds(entry, MaxAccessSeconds, bag) ?? openFor;
                    break;
                case "MAX_FW_TIMEOUT":
                    maxOpenFor = Seconds(entry, MaxAccessSeconds, bag) ?? maxOpenFor;
                    break;
                case "REQUIRE_SOURCE_ADDRESS" or "REQUIRE_SOURCE":
                    requireAddress = IsYes(entry.Value);
                    break;
                case "ENCRYPTION_MODE" when entry.Value.Equals("CBC", StringComparison.OrdinalIgnoreCase):
                    break;
                case "ENCRYPTION_MODE":
                    LeaveOut(entry, $"ENCRYPTION_MODE {entry.Value}: Sesame's SPA is Rijndael in CBC mode (fwknop's default)");
                    break;
                case "DESTINATION" when entry.Value.Equals("ANY", StringComparison.OrdinalIgnoreCase):
                    break;
                case "DESTINATION":
                    LeaveOut(entry, "DESTINATION: Sesame's SPA door does not restrict the packet's destination address");
                    break;
                case "REQUIRE_USERNAME":
                    LeaveOut(entry, "REQUIRE_USERNAME: Sesame does not check the user name inside the packet (remove the line to import the stanza without it)");
                    break;
                case "ACCESS_EXPIRE" or "ACCESS_EXPIRE_EPOCH":
                    LeaveOut(entry, $"{entry.Key}: a Sesame SPA user has no expiry date (add the user by hand, and remove it when it expires)");
                    break;
                case "CMD_CYCLE_OPEN" or "CMD_CYCLE_CLOSE" or "CMD_CYCLE_TIMER":
                    LeaveOut(entry, $"{entry.Key}: fwknopd runs commands for this stanza instead of opening ports; Sesame runs no SPA commands");
                    break;
                case "FORCE_NAT" or "FORCE_SNAT" or "FORCE_MASQUERADE" or "FORWARD_ALL":
                    LeaveOut(entry, $"{entry.Key}: fwknopd forwards this stanza's access to another host; Sesame's SPA door opens ports of this host only");
                    break;
                case "ENABLE_CMD_EXEC":
                    if (IsYes(entry.Value))
                    {
                        bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, "ENABLE_CMD_EXEC: Sesame refuses every command message (and logs it); this stanza's access requests are still honoured");
                    }

                    break;
                case "ENABLE_CMD_SUDO_EXEC" or "CMD_EXEC_USER" or "CMD_EXEC_GROUP" or "CMD_SUDO_EXEC_USER" or "CMD_SUDO_EXEC_GROUP":
                    bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, $"{entry.Key} is not carried over: Sesame runs no command from an SPA packet");
                    break;
                case "DISABLE_DNAT":
                    bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, "DISABLE_DNAT is not carried over: Sesame's SPA door does no NAT");
                    break;
                case "%include_keys":
                    bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, $"%include_keys is not followed: write this stanza's KEY_BASE64 and HMAC_KEY_BASE64 into it, or the stanza has no keys");
                    break;
                case var gpg when gpg.StartsWith("GPG_", StringComparison.Ordinal):
                    bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, $"{entry.Key} is not carried over: Sesame's SPA does not use GPG");
                    break;
                default:
                    bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, $"{entry.Key} is not an access.conf setting fwknopd 2.6 knows; not carried over");
                    break;
            }
        }

        if (key is null && !bag.HasErrors)
        {
            LeaveOut(stanza.Source, "it has no KEY or KEY_BASE64 (GPG only, or keys in an %include_keys file): Sesame's SPA uses Rijndael keys");
        }
        else if (hmacKey is null && !bag.HasErrors)
        {
            LeaveOut(stanza.Source, "it has no HMAC_KEY_BASE64: Sesame requires an HMAC on every SPA packet (generate keys with 'fwknop --key-gen' and give the client --use-hmac)");
        }

        if (leftOut || sources is null || key is null || hmacKey is null)
        {
            return null;
        }

        EquatableArray<OpenPort> ports;
        if (open is { } listed)
        {
            ports = listed;
        }
        else if (options.Open.Count > 0)
        {
            ports = options.Open;
        }
        else
        {
            bag.Error(stanza.Source.Location, ProfileCodes.FwknopBadValue,
                $"{what} has no OPEN_PORTS: fwknopd opens whatever port its client asks for, while a Sesame SPA door opens listed ports only; add OPEN_PORTS (e.g. 'OPEN_PORTS tcp/22') or give --open PORTS");
            return null;
        }

        if (restrict is { } restricted)
        {
            ports = [.. ports.Where(p => !restricted.Contains(p))];
            if (ports.Count == 0)
            {
                bag.Warning(stanza.Source.Location, ProfileCodes.FwknopNotCarried, $"{what} is left out: RESTRICT_PORTS takes every port it could open");
                return null;
            }
        }

        var user = new DoorSpaUser($"stanza{stanza.Ordinal}", KeyFileName(options, $"{options.DoorName}-stanza{stanza.Ordinal}.keys"))
        {
            Keys = new SpaKeys(key, hmacKey, hmacType),
            Sources = sources.Value,
            OpenFor = openFor,
            MaxOpenFor = maxOpenFor,
            Location = stanza.Source.Location,
        };
        return (user, ports, requireAddress);
    }

    private static string KeyFileName(FwknopImportOptions options, string file) =>
        options.KeysDirectory.Length == 0 ? file : Path.Combine(options.KeysDirectory, file);

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
