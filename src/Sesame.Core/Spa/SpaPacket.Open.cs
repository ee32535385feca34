using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Sesame.Spa;

public static partial class SpaPacket
{
    private static readonly SearchValues<byte> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8);

    /// <summary>
    /// Opens one packet with one key pair, in the order that keeps a forger from reaching the cipher: length and base64
    /// sanity, the HMAC compared in constant time, then decryption and the fields. Returns null on success, else the
    /// reason (<see cref="SpaRejectReason.Hmac"/>, <see cref="SpaRejectReason.Decrypt"/> or
    /// <see cref="SpaRejectReason.Format"/>). Allocation-light: meant to run at flood rate.
    /// </summary>
    /// <remarks>
    /// Every step before a matching HMAC works in stack buffers and allocates nothing; only an authenticated packet
    /// allocates (its <see cref="SpaMessage"/> and field strings). The cipher is one <see cref="Aes"/> per thread.
    /// </remarks>
    public static SpaRejectReason? TryOpen(ReadOnlySpan<byte> packet, SpaKeys keys, [NotNullWhen(true)] out SpaMessage? message)
    {
        ArgumentNullException.ThrowIfNull(keys);
        message = null;
        if (!IsSane(packet) || !HmacMatches(packet, keys))
        {
            return SpaRejectReason.Hmac;
        }

        return TryDecrypt(packet, keys, out message, out _);
    }

    /// <summary>The length and alphabet check that comes before any key: <see cref="MinLength"/> to <see cref="MaxLength"/> bytes of unpadded base64.</summary>
    public static bool IsSane(ReadOnlySpan<byte> packet) =>
        packet.Length is >= MinLength and <= MaxLength && !packet.ContainsAnyExcept(Base64Alphabet);

    /// <summary>Whether the HMAC at the end of a sane packet is the one <paramref name="keys"/> makes, compared in constant time.</summary>
    public static bool HmacMatches(ReadOnlySpan<byte> packet, SpaKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        int macLength = SpaCipher.HmacTextLength(keys.HmacType);
        if (packet.Length <= macLength || packet.Length > MaxLength)
        {
            return false;
        }

        ReadOnlySpan<byte> data = packet[..^macLength];
        ReadOnlySpan<byte> prefix = SpaCipher.SaltedPrefixBase64;
        Span<byte> text = stackalloc byte[prefix.Length + MaxLength];
        prefix.CopyTo(text);
        data.CopyTo(text[prefix.Length..]);
        Span<byte> mac = stackalloc byte[88];
        int length = SpaCipher.HmacText(keys, text[..(prefix.Length + data.Length)], mac);
        return length == macLength && CryptographicOperations.FixedTimeEquals(mac[..length], packet[^macLength..]);
    }

    /// <summary>
    /// Decrypts and parses a packet whose HMAC <see cref="HmacMatches"/> has accepted. On a
    /// <see cref="SpaRejectReason.Format"/>, <paramref name="detail"/> says which field (never its content).
    /// </summary>
    internal static SpaRejectReason? TryDecrypt(ReadOnlySpan<byte> packet, SpaKeys keys, [NotNullWhen(true)] out SpaMessage? message, out string detail)
    {
        message = null;
        ReadOnlySpan<byte> data = packet[..^SpaCipher.HmacTextLength(keys.HmacType)];
        ReadOnlySpan<byte> prefix = SpaCipher.SaltedPrefixBase64;
        int textLength = prefix.Length + data.Length;
        if (textLength % 4 == 1)
        {
            detail = "the data is not whole base64";
            return SpaRejectReason.Decrypt;
        }

        Span<byte> text = stackalloc byte[prefix.Length + MaxLength + 3];
        prefix.CopyTo(text);
        data.CopyTo(text[prefix.Length..]);
        while (textLength % 4 != 0)
        {
            text[textLength++] = (byte)'=';
        }

        Span<byte> salted = stackalloc byte[(prefix.Length + MaxLength + 3) / 4 * 3];
        if (Base64.DecodeFromUtf8(text[..textLength], salted, out _, out int saltedLength) != OperationStatus.Done)
        {
            detail = "the data is not base64";
            return SpaRejectReason.Decrypt;
        }

        Span<byte> plaintext = stackalloc byte[saltedLength];
        try
        {
            int length = SpaCipher.Decrypt(salted[..saltedLength], keys.EncryptionKey, plaintext);
            if (length < 0)
            {
                detail = "no salt header, a partial block or bad padding";
                return SpaRejectReason.Decrypt;
            }

            // fwknop's own test of a good decryption: 16 decimal digits, then a colon.
            ReadOnlySpan<byte> fields = plaintext[..length];
            if (fields.Length <= RandomLength || fields[..RandomLength].ContainsAnyExceptInRange((byte)'0', (byte)'9') || fields[RandomLength] != (byte)':')
            {
                detail = "the plaintext does not start with fwknop's random value";
                return SpaRejectReason.Decrypt;
            }

            return TryParse(fields, out message, out detail) ? null : SpaRejectReason.Format;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
