using System.Collections.Immutable;
using System.Globalization;
using Sesame.Spa;

namespace Sesame.Knock.Spa;

/// <summary>Turning the <c>[default]</c> stanza and a named one into <see cref="SpaClientSettings"/>, as fwknop's <c>-n NAME</c> does.</summary>
public sealed partial class FwknopRc
{
    /// <summary>Variables fwknop knows that change nothing Sesame sends (HTTP resolution details, verbosity, GPG paths unused without GPG).</summary>
    private static readonly HashSet<string> Ignored =
    [
        "VERBOSE", "NO_SAVE_ARGS", "HTTP_USER_AGENT", "USE_WGET_USER_AGENT", "RESOLVE_URL", "WGET_CMD", "RESOLVE_HTTP_ONLY",
        "SERVER_RESOLVE_IPV4", "GPG_RECIPIENT", "GPG_SIGNER", "GPG_HOMEDIR", "GPG_EXE", "USE_GPG_AGENT", "GPG_NO_SIGNING_PW",
    ];

    /// <summary>Variables fwknop knows whose feature Sesame's client does not have: refused rather than silently dropped.</summary>
    private static readonly HashSet<string> Unsupported =
    [
        "SPA_SOURCE_PORT", "TIME_OFFSET", "SPOOF_SOURCE_IP", "RAND_PORT", "NAT_ACCESS", "NAT_LOCAL", "NAT_RAND_PORT", "NAT_PORT",
        "KEY_FILE", "HMAC_KEY_FILE", "GPG_SIGNING_PW", "GPG_SIGNING_PW_BASE64",
    ];

    /// <summary>
    /// The settings of stanza <paramref name="name"/> over <c>[default]</c> (either may be missing, not both when a name is
    /// given); every value is checked, every bad one reported with its line and column.
    /// </summary>
    /// <exception cref="FwknopRcException">A named stanza that is not there, or bad values.</exception>
    public SpaClientSettings Settings(string? name)
    {
        var merged = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (Stanza stanza in _stanzas.Where(s => s.Name.Equals(DefaultStanza, StringComparison.OrdinalIgnoreCase)))
        {
            Collect(stanza, merged);
        }

        if (name is not null && !name.Equals(DefaultStanza, StringComparison.OrdinalIgnoreCase))
        {
            Stanza[] named = [.. _stanzas.Where(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))];
            if (named.Length == 0)
            {
                string[] names = [.. _stanzas.Select(s => s.Name).Where(n => !n.Equals(DefaultStanza, StringComparison.OrdinalIgnoreCase))];
                throw new FwknopRcException($"{Path}: no stanza [{SpaAccess.Printable(name)}]; " + (names.Length == 0 ? "it has none but [default]" : $"its stanzas: {string.Join(", ", names)}"));
            }

            foreach (Stanza stanza in named)
            {
                Collect(stanza, merged);
            }
        }

        return Interpret(merged, name ?? DefaultStanza);
    }

    private static void Collect(Stanza stanza, Dictionary<string, Entry> merged)
    {
        foreach (Entry entry in stanza.Entries)
        {
            merged[entry.Name] = entry;
        }
    }

    private SpaClientSettings Interpret(Dictionary<string, Entry> values, string stanza)
    {
        var errors = new List<string>();
        var settings = new SpaClientSettings();
        byte[]? key = null;
        byte[]? hmacKey = null;
        SpaHmacType hmacType = SpaHmacType.Sha256;
        bool resolve = false;
        foreach (Entry entry in values.Values.OrderBy(e => e.Line))
        {
            string at = $"{Path}:{entry.Line.ToString(CultureInfo.InvariantCulture)}:{entry.Column.ToString(CultureInfo.InvariantCulture)}";
            string value = entry.Value;
            string? error = null;
            switch (entry.Name)
            {
                case "SPA_SERVER":
                    if (value.Length > 253)
                    {
                        error = "SPA_SERVER: a host name has at most 253 characters";
                    }
                    else
                    {
                        settings = settings with { Server = value };
                    }

                    break;
                case "SPA_SERVER_PORT":
                    if (ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) && port > 0)
                    {
                        settings = settings with { Port = port };
                    }
                    else
                    {
                        error = $"SPA_SERVER_PORT '{SpaAccess.Printable(value)}' is not a port (1..65535)";
                    }

                    break;
                case "SPA_SERVER_PROTO":
                    error = value.Equals("udp", StringComparison.OrdinalIgnoreCase) ? null : $"SPA_SERVER_PROTO '{SpaAccess.Printable(value)}': Sesame sends SPA packets over UDP only";
                    break;
                case "ACCESS":
                    if (SpaAccess.TryParse(value, out ImmutableArray<SpaPort> ports, out string accessError))
                    {
                        settings = settings with { Access = ports };
                    }
                    else
                    {
                        error = $"ACCESS: {accessError}";
                    }

                    break;
                case "ALLOW_IP":
                    if (SpaAllow.TryParse(value, out SpaAllow allow, out string allowError))
                    {
                        settings = settings with { Allow = allow };
                    }
                    else
                    {
                        error = $"ALLOW_IP: {allowError}";
                    }

                    break;
                case "RESOLVE_IP_HTTPS" or "RESOLVE_IP_HTTP":
                    error = TryYes(entry, out resolve);
                    break;
                case "FW_TIMEOUT":
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int timeout) && timeout <= ushort.MaxValue)
                    {
                        settings = settings with { FwTimeout = timeout };
                    }
                    else
                    {
                        error = $"FW_TIMEOUT '{SpaAccess.Printable(value)}' is not a number of seconds (0..65535)";
                    }

                    break;
                case "SPOOF_USER":
                    if (SpaUserName.IsValid(value, out string userError))
                    {
                        settings = settings with { User = value };
                    }
                    else
                    {
                        error = $"SPOOF_USER: {userError}";
                    }

                    break;
                case "KEY_BASE64":
                    error = TryBase64(entry, SpaKeys.MaxEncryptionKeyLength, out key);
                    break;
                case "KEY":
                    error = TryPlain(entry, SpaKeys.MaxEncryptionKeyLength, out key);
                    break;
                case "HMAC_KEY_BASE64":
                    error = TryBase64(entry, SpaKeys.MaxHmacKeyLength, out hmacKey);
                    break;
                case "HMAC_KEY":
                    error = TryPlain(entry, SpaKeys.MaxHmacKeyLength, out hmacKey);
                    break;
                case "HMAC_DIGEST_TYPE":
                    error = TryHmacType(value, out hmacType);
                    break;
                case "USE_HMAC":
                    error = TryYes(entry, out bool useHmac) ?? (useHmac ? null : "USE_HMAC N: Sesame sends only packets with an HMAC; remove the line or set Y");
                    break;
                case "DIGEST_TYPE":
                    error = value.Equals("sha256", StringComparison.OrdinalIgnoreCase) ? null : $"DIGEST_TYPE '{SpaAccess.Printable(value)}': Sesame's packets carry a SHA-256 digest only";
                    break;
                case "ENCRYPTION_MODE":
                    error = value.Equals("cbc", StringComparison.OrdinalIgnoreCase) ? null : $"ENCRYPTION_MODE '{SpaAccess.Printable(value)}': Sesame encrypts with Rijndael in CBC mode only";
                    break;
                case "USE_GPG":
                    error = TryYes(entry, out bool gpg) ?? (gpg ? "USE_GPG Y: Sesame has no GPG mode; use KEY_BASE64 and HMAC_KEY_BASE64" : null);
                    break;
                case string other when Ignored.Contains(other):
                    break;
                case string other when Unsupported.Contains(other):
                    error = $"{other}: not supported by Sesame's client";
                    break;
                default:
                    error = $"unknown variable {Named(entry.Name)}";
                    break;
            }

            if (error is not null)
            {
                errors.Add($"{at}: {error}");
            }
        }

        if (resolve && settings.Allow is null)
        {
            settings = settings with { Allow = new SpaAllow(SpaAllowKind.Resolve) };
        }

        if ((key is null) != (hmacKey is null))
        {
            errors.Add($"{Path}: [{SpaAccess.Printable(stanza)}] has {(key is null ? "an HMAC key but no KEY_BASE64" : "KEY_BASE64 but no HMAC_KEY_BASE64")}; Sesame needs both");
        }

        if (errors.Count > 0)
        {
            throw new FwknopRcException(string.Join('\n', errors));
        }

        if (key is not null && hmacKey is not null)
        {
            settings = settings with { Keys = new SpaKeys(key, hmacKey, hmacType), KeysOrigin = $"{Path} [{stanza}]" };
        }

        return settings;
    }

    private static string? TryBase64(Entry entry, int maxLength, out byte[]? bytes)
    {
        bytes = null;
        var buffer = new byte[(entry.Value.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(entry.Value, buffer, out int written))
        {
            return $"{entry.Name}: not base64";
        }

        if (written is 0 || written > maxLength)
        {
            return $"{entry.Name}: {written} bytes; a key has 1..{maxLength}";
        }

        bytes = buffer[..written];
        return null;
    }

    private static string? TryPlain(Entry entry, int maxLength, out byte[]? bytes)
    {
        bytes = System.Text.Encoding.UTF8.GetBytes(entry.Value);
        if (bytes.Length > maxLength)
        {
            bytes = null;
            return $"{entry.Name}: longer than {maxLength} bytes";
        }

        return null;
    }

    private static string? TryHmacType(string value, out SpaHmacType type)
    {
        switch (value.ToLowerInvariant())
        {
            case "sha256":
                type = SpaHmacType.Sha256;
                return null;
            case "sha384":
                type = SpaHmacType.Sha384;
                return null;
            case "sha512":
                type = SpaHmacType.Sha512;
                return null;
            default:
                type = SpaHmacType.Sha256;
                return $"HMAC_DIGEST_TYPE '{SpaAccess.Printable(value)}': Sesame takes sha256, sha384 or sha512";
        }
    }

    private static string? TryYes(Entry entry, out bool yes)
    {
        string value = entry.Value.ToLowerInvariant();
        yes = value is "y" or "yes";
        return yes || value is "n" or "no" ? null : $"{entry.Name} '{SpaAccess.Printable(entry.Value)}' is Y or N";
    }
}
