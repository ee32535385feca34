using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sesame.Model;

namespace Sesame.Spa;

/// <summary>
/// fwknop 2.6's SPA wire format, both ways, with HMAC and Rijndael (no GPG): the fields colon-separated and base64-encoded
/// where fwknop encodes them, a SHA-256 digest appended, encrypted with AES-256-CBC under fwknop's salted key derivation
/// (<c>Salted__</c> + salt, the key and IV from MD5 rounds over passphrase and salt), base64 with the <c>U2FsdGVkX1</c>
/// prefix and the <c>=</c> padding stripped, then the HMAC of that text appended as base64 without padding.
/// </summary>
/// <remarks>
/// The HMAC covers the base64 text <em>with</em> the <c>U2FsdGVkX1</c> prefix (fwknop computes it before stripping and
/// the server puts the prefix back before checking); there is no separator before it: its length follows from the key's
/// <see cref="SpaHmacType"/> (43, 64 or 86 characters). The plaintext is
/// <c>random:b64(user):timestamp:version:type:b64(access)[:b64(nat)][:client-timeout]:digest</c> with every base64
/// field's '=' stripped.
/// </remarks>
public static partial class SpaPacket
{
    /// <summary>fwknop's longest packet (MAX_SPA_PACKET_LEN).</summary>
    public const int MaxLength = 1500;

    /// <summary>fwknop's shortest SPA data (MIN_SPA_DATA_SIZE): anything shorter is not SPA.</summary>
    public const int MinLength = 140;

    /// <summary>The version string fwknop 2.6 sends.</summary>
    public const string ProtocolVersion = "3.0.0";

    /// <summary>
    /// The packet text of <paramref name="message"/> (its <see cref="SpaMessage.Digest"/> is computed here and ignored
    /// if set), encrypted and authenticated with <paramref name="keys"/>, ready to send as one UDP datagram (ASCII).
    /// </summary>
    /// <exception cref="ArgumentException">A field fwknop's format cannot carry (a colon in the version, a command message, too long).</exception>
    public static string Encode(SpaMessage message, SpaKeys keys)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(keys);
        return Seal(EncodeFields(message), keys);
    }

    /// <summary>Appends the digest to encoded fields, encrypts and authenticates them: the packet text.</summary>
    internal static string Seal(string encoded, SpaKeys keys)
    {
        string digest = StrippedBase64(SHA256.HashData(Encoding.ASCII.GetBytes(encoded)));
        byte[] plaintext = Encoding.ASCII.GetBytes(encoded + ":" + digest);
        byte[] salted = SpaCipher.Encrypt(plaintext, keys.EncryptionKey);
        CryptographicOperations.ZeroMemory(plaintext);
        byte[] text = Encoding.ASCII.GetBytes(StrippedBase64(salted));
        Span<byte> mac = stackalloc byte[88];
        int macLength = SpaCipher.HmacText(keys, text, mac);
        int prefix = SpaCipher.SaltedPrefixBase64.Length;
        string packet = Encoding.ASCII.GetString(text, prefix, text.Length - prefix) + Encoding.ASCII.GetString(mac[..macLength]);
        if (packet.Length > MaxLength)
        {
            throw new ArgumentException($"the SPA packet would hold {packet.Length} bytes, more than {MaxLength}", nameof(encoded));
        }

        return packet;
    }

    /// <summary>A message as fwknop's client fills it: 16 random digits, the given user, the clock's time, version 3.0.0.</summary>
    public static SpaMessage NewAccess(string user, string accessAddress, IReadOnlyList<SpaPort> ports, int? clientTimeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(accessAddress);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(time);
        Span<char> digits = stackalloc char[16];
        for (int i = 0; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
        }

        bool timed = clientTimeout is > 0;
        return new SpaMessage
        {
            RandomValue = new string(digits),
            User = user,
            Timestamp = time.GetUtcNow().ToUnixTimeSeconds(),
            Version = ProtocolVersion,
            Type = timed ? SpaMessageType.ClientTimeoutAccess : SpaMessageType.Access,
            AccessAddress = accessAddress,
            Ports = EquatableArray.Create<SpaPort>([.. ports]),
            ClientTimeout = timed ? clientTimeout : null,
        };
    }

    /// <summary>The access request text (<c>ADDR,tcp/22,udp/53</c>) of an access message.</summary>
    public static string AccessRequest(string accessAddress, IEnumerable<SpaPort> ports)
    {
        var text = new StringBuilder(accessAddress);
        foreach (SpaPort port in ports)
        {
            text.Append(',').Append(ProtocolName(port.Protocol)).Append('/').Append(port.Port.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string EncodeFields(SpaMessage message)
    {
        if (message.RandomValue.Length != RandomLength || !message.RandomValue.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("the random value is 16 decimal digits", nameof(message));
        }

        if (message.Version.Length is 0 or > MaxVersionLength || message.Version.Any(c => c is ':' or <= ' ' or > '~'))
        {
            throw new ArgumentException("the version is 1 to 8 printable characters without ':'", nameof(message));
        }

        if (message.Type == SpaMessageType.Command)
        {
            throw new ArgumentException("command messages are not supported", nameof(message));
        }

        if (message.Ports.Count == 0)
        {
            throw new ArgumentException("an access message names at least one port", nameof(message));
        }

        if (message.User.Length == 0 || Encoding.UTF8.GetByteCount(message.User) > MaxUserLength)
        {
            throw new ArgumentException($"the user name has 1 to {MaxUserLength} bytes", nameof(message));
        }

        if (message.Timestamp is < 0 or > uint.MaxValue)
        {
            throw new ArgumentException("the timestamp does not fit fwknop's 32-bit field", nameof(message));
        }

        int timeout = message.ClientTimeout ?? 0;
        if (timeout is < 0 or > MaxClientTimeout)
        {
            throw new ArgumentException($"the client timeout is 0 to {MaxClientTimeout} seconds", nameof(message));
        }

        // fwknop's fko_set_spa_client_timeout: a timeout turns an access type into its client-timeout twin and back.
        SpaMessageType type = (message.Type, timeout > 0) switch
        {
            (SpaMessageType.Access, true) => SpaMessageType.ClientTimeoutAccess,
            (SpaMessageType.NatAccess, true) => SpaMessageType.ClientTimeoutNatAccess,
            (SpaMessageType.LocalNatAccess, true) => SpaMessageType.ClientTimeoutLocalNatAccess,
            (SpaMessageType.ClientTimeoutAccess, false) => SpaMessageType.Access,
            (SpaMessageType.ClientTimeoutNatAccess, false) => SpaMessageType.NatAccess,
            (SpaMessageType.ClientTimeoutLocalNatAccess, false) => SpaMessageType.LocalNatAccess,
            _ => message.Type,
        };
        string access = AccessRequest(message.AccessAddress, message.Ports);
        if (access.Length > MaxMessageLength)
        {
            throw new ArgumentException($"the access request is longer than {MaxMessageLength} characters", nameof(message));
        }

        var text = new StringBuilder(256);
        text.Append(message.RandomValue).Append(':')
            .Append(StrippedBase64(Encoding.UTF8.GetBytes(message.User))).Append(':')
            .Append(message.Timestamp.ToString(CultureInfo.InvariantCulture)).Append(':')
            .Append(message.Version).Append(':')
            .Append(((int)type).ToString(CultureInfo.InvariantCulture)).Append(':')
            .Append(StrippedBase64(Encoding.ASCII.GetBytes(access)));
        if (IsNat(type))
        {
            if (string.IsNullOrEmpty(message.NatAccess))
            {
                throw new ArgumentException("a NAT message needs its NAT access field", nameof(message));
            }

            text.Append(':').Append(StrippedBase64(Encoding.ASCII.GetBytes(message.NatAccess)));
        }

        if (timeout > 0)
        {
            text.Append(':').Append(timeout.ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string ProtocolName(byte protocol) => protocol switch
    {
        IpProtocols.Tcp => "tcp",
        IpProtocols.Udp => "udp",
        IpProtocols.Icmp => "icmp",
        _ => throw new ArgumentException($"fwknop's access request carries tcp, udp or icmp, not protocol {protocol}", nameof(protocol)),
    };

    private static bool IsNat(SpaMessageType type) =>
        type is SpaMessageType.NatAccess or SpaMessageType.ClientTimeoutNatAccess or SpaMessageType.LocalNatAccess or SpaMessageType.ClientTimeoutLocalNatAccess;

    private static bool IsClientTimeout(SpaMessageType type) =>
        type is SpaMessageType.ClientTimeoutAccess or SpaMessageType.ClientTimeoutNatAccess or SpaMessageType.ClientTimeoutLocalNatAccess;

    private static string StrippedBase64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');
}
