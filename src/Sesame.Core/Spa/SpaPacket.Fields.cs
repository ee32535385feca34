using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Sesame.Model;

namespace Sesame.Spa;

public static partial class SpaPacket
{
    private const int RandomLength = 16;
    private const int MaxUserLength = 64;
    private const int MaxVersionLength = 8;
    private const int MaxMessageLength = 256;
    private const int MaxNatLength = 128;
    private const int MaxTimestampLength = 12;

    /// <summary>fwknop's largest client timeout (its decoder's bound, 2 &lt;&lt; 15).</summary>
    private const int MaxClientTimeout = 2 << 15;

    private const int MaxFields = 9;

    private static readonly SearchValues<byte> AddressCharacters = SearchValues.Create("0123456789abcdefABCDEF.:"u8);

    /// <summary>Parses decrypted fields (fwknop's fko_decode_spa_data, minus server-auth and command messages' payload).</summary>
    private static bool TryParse(ReadOnlySpan<byte> plaintext, [NotNullWhen(true)] out SpaMessage? message, out string detail)
    {
        message = null;
        int last = plaintext.LastIndexOf((byte)':');
        ReadOnlySpan<byte> encoded = plaintext[..last];
        ReadOnlySpan<byte> digestText = plaintext[(last + 1)..];
        if (!TryCheckDigest(encoded, digestText, out byte[]? digest, out detail))
        {
            return false;
        }

        Span<Range> ranges = stackalloc Range[MaxFields];
        int count = 0;
        int start = 0;
        for (int i = 0; i <= encoded.Length; i++)
        {
            if (i == encoded.Length || encoded[i] == (byte)':')
            {
                if (count == MaxFields - 1)
                {
                    detail = "too many fields";
                    return false;
                }

                ranges[count++] = start..i;
                start = i + 1;
            }
        }

        if (count < 6)
        {
            detail = "too few fields";
            return false;
        }

        ReadOnlySpan<byte> timestampText = encoded[ranges[2]];
        if (timestampText.Length is 0 or > MaxTimestampLength || timestampText.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            detail = "the timestamp is not a number";
            return false;
        }

        ReadOnlySpan<byte> version = encoded[ranges[3]];
        if (version.Length is 0 or > MaxVersionLength || version.ContainsAnyExceptInRange((byte)'!', (byte)'~'))
        {
            detail = "the version is not fwknop's";
            return false;
        }

        ReadOnlySpan<byte> typeText = encoded[ranges[4]];
        if (typeText.Length is 0 or > 2 || typeText.ContainsAnyExceptInRange((byte)'0', (byte)'9') || ParseDigits(typeText) > (long)SpaMessageType.ClientTimeoutLocalNatAccess)
        {
            detail = "an unknown message type";
            return false;
        }

        var type = (SpaMessageType)ParseDigits(typeText);
        int expected = 6 + (IsNat(type) ? 1 : 0) + (IsClientTimeout(type) ? 1 : 0);
        if (count != expected)
        {
            detail = $"{count} fields where a type {(int)type} message has {expected} (server-auth fields are not supported)";
            return false;
        }

        if (!TryDecodeText(encoded[ranges[1]], MaxUserLength, printable: false, out string? user))
        {
            detail = "the user field is not base64 of 1 to 64 bytes";
            return false;
        }

        if (!TryDecodeText(encoded[ranges[5]], MaxMessageLength, printable: true, out string? request))
        {
            detail = "the access request is not base64 text";
            return false;
        }

        int comma = request.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0 || comma == request.Length - 1)
        {
            detail = "the request is not ADDRESS,proto/port";
            return false;
        }

        string address = request[..comma];
        if (address.Length > 45 || Encoding.ASCII.GetBytes(address).AsSpan().ContainsAnyExcept(AddressCharacters))
        {
            detail = "the request's address is not an IP address";
            return false;
        }

        EquatableArray<SpaPort> ports = EquatableArray<SpaPort>.Empty;
        if (type != SpaMessageType.Command && !TryParsePorts(request.AsSpan(comma + 1), out ports, out detail))
        {
            return false;
        }

        string? nat = null;
        int next = 6;
        if (IsNat(type))
        {
            if (!TryDecodeText(encoded[ranges[next++]], MaxNatLength, printable: true, out nat))
            {
                detail = "the NAT access field is not base64 text";
                return false;
            }
        }

        int? timeout = null;
        if (IsClientTimeout(type))
        {
            ReadOnlySpan<byte> timeoutText = encoded[ranges[next]];
            if (timeoutText.Length is 0 or > 6 || timeoutText.ContainsAnyExceptInRange((byte)'0', (byte)'9') || ParseDigits(timeoutText) > MaxClientTimeout)
            {
                detail = "the client timeout is not a number of seconds";
                return false;
            }

            timeout = (int)ParseDigits(timeoutText);
        }

        message = new SpaMessage
        {
            RandomValue = Encoding.ASCII.GetString(encoded[ranges[0]]),
            User = user,
            Timestamp = ParseDigits(timestampText),
            Version = Encoding.ASCII.GetString(version),
            Type = type,
            AccessAddress = address,
            Ports = ports,
            NatAccess = nat,
            ClientTimeout = timeout,
            Digest = EquatableArray.Create<byte>(digest),
        };
        detail = string.Empty;
        return true;
    }

    /// <summary>Checks the digest field against the fields before it; its length names the hash (fwknop's is_valid_digest_len).</summary>
    private static bool TryCheckDigest(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> digestText, [NotNullWhen(true)] out byte[]? digest, out string detail)
    {
        digest = null;
        Span<byte> hash = stackalloc byte[64];
        int hashLength = digestText.Length switch
        {
            43 => SHA256.HashData(encoded, hash),
            64 => SHA384.HashData(encoded, hash),
            86 => SHA512.HashData(encoded, hash),
            _ => -1,
        };
        if (hashLength < 0)
        {
            detail = "the digest is not SHA-256, SHA-384 or SHA-512 (MD5 and SHA-1 digests are refused)";
            return false;
        }

        if (!DigestTextMatches(hash[..hashLength], digestText))
        {
            // fwknop tells SHA3-256/512 from SHA-256/512 by trying both: the lengths are the same.
            bool sha3 = hashLength switch
            {
                32 when SHA3_256.IsSupported => SHA3_256.HashData(encoded, hash) == 32 && DigestTextMatches(hash[..32], digestText),
                64 when SHA3_512.IsSupported => SHA3_512.HashData(encoded, hash) == 64 && DigestTextMatches(hash[..64], digestText),
                _ => false,
            };
            if (!sha3)
            {
                detail = "the digest does not match the fields";
                return false;
            }
        }

        digest = hash[..hashLength].ToArray();
        detail = string.Empty;
        return true;
    }

    private static bool DigestTextMatches(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> digestText)
    {
        Span<byte> text = stackalloc byte[88];
        Base64.EncodeToUtf8(hash, text, out _, out int written);
        while (written > 0 && text[written - 1] == (byte)'=')
        {
            written--;
        }

        return CryptographicOperations.FixedTimeEquals(text[..written], digestText);
    }

    private static bool TryParsePorts(ReadOnlySpan<char> text, out EquatableArray<SpaPort> ports, out string detail)
    {
        var list = new List<SpaPort>();
        foreach (Range range in text.Split(','))
        {
            ReadOnlySpan<char> spec = text[range];
            int slash = spec.IndexOf('/');
            byte protocol = slash < 0 ? (byte)0 : spec[..slash] switch
            {
                "tcp" => IpProtocols.Tcp,
                "udp" => IpProtocols.Udp,
                "icmp" => IpProtocols.Icmp,
                _ => (byte)0,
            };
            ReadOnlySpan<char> portText = slash < 0 ? default : spec[(slash + 1)..];
            if (protocol == 0 || portText.Length is 0 or > 5 || portText.ContainsAnyExceptInRange('0', '9') || int.Parse(portText, provider: null) > ushort.MaxValue)
            {
                ports = EquatableArray<SpaPort>.Empty;
                detail = "a port in the request is not tcp/N, udp/N or icmp/N";
                return false;
            }

            list.Add(new SpaPort(protocol, ushort.Parse(portText, provider: null)));
        }

        ports = EquatableArray.Create<SpaPort>([.. list]);
        detail = string.Empty;
        return true;
    }

    /// <summary>Decodes one '='-stripped base64 field to text of 1 to <paramref name="maxLength"/> bytes (printable ASCII when asked).</summary>
    private static bool TryDecodeText(ReadOnlySpan<byte> field, int maxLength, bool printable, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (field.Length is 0 || field.Length > (maxLength + 2) / 3 * 4 || field.Length % 4 == 1 || field.ContainsAnyExcept(Base64Alphabet))
        {
            return false;
        }

        Span<byte> padded = stackalloc byte[field.Length + 3];
        field.CopyTo(padded);
        int length = field.Length;
        while (length % 4 != 0)
        {
            padded[length++] = (byte)'=';
        }

        Span<byte> bytes = stackalloc byte[length / 4 * 3];
        if (Base64.DecodeFromUtf8(padded[..length], bytes, out _, out int written) != OperationStatus.Done
            || written is 0 || written > maxLength
            || (printable && bytes[..written].ContainsAnyExceptInRange((byte)' ', (byte)'~')))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(bytes[..written]);
        return true;
    }

    private static long ParseDigits(ReadOnlySpan<byte> digits)
    {
        long value = 0;
        foreach (byte digit in digits)
        {
            value = (value * 10) + (digit - '0');
        }

        return value;
    }
}
