using System.Diagnostics.CodeAnalysis;

namespace Sesame.Spa;

/// <summary>
/// fwknop 2.6's SPA wire format, both ways, with HMAC and Rijndael (no GPG): the fields colon-separated and base64-encoded
/// where fwknop encodes them, a SHA-256 digest appended, encrypted with AES-256-CBC under fwknop's salted key derivation
/// (<c>Salted__</c> + salt, the key and IV from MD5 rounds over passphrase and salt), base64 with the <c>U2FsdGVkX1</c>
/// prefix and the <c>=</c> padding stripped, then the HMAC of that text appended as base64 without padding.
/// </summary>
public static class SpaPacket
{
    /// <summary>fwknop's longest packet (MAX_SPA_PACKET_LEN).</summary>
    public const int MaxLength = 1500;

    /// <summary>fwknop's shortest SPA data (MIN_SPA_DATA_SIZE): anything shorter is not SPA.</summary>
    public const int MinLength = 140;

    /// <summary>
    /// The packet text of <paramref name="message"/> (its <see cref="SpaMessage.Digest"/> is computed here and ignored
    /// if set), encrypted and authenticated with <paramref name="keys"/>, ready to send as one UDP datagram (ASCII).
    /// </summary>
    public static string Encode(SpaMessage message, SpaKeys keys) => throw new NotImplementedException();

    /// <summary>
    /// Opens one packet with one key pair, in the order that keeps a forger from reaching the cipher: length and base64
    /// sanity, the HMAC compared in constant time, then decryption and the fields. Returns null on success, else the
    /// reason (<see cref="SpaRejectReason.Hmac"/>, <see cref="SpaRejectReason.Decrypt"/> or
    /// <see cref="SpaRejectReason.Format"/>). Allocation-light: meant to run at flood rate.
    /// </summary>
    public static SpaRejectReason? TryOpen(ReadOnlySpan<byte> packet, SpaKeys keys, [NotNullWhen(true)] out SpaMessage? message) =>
        throw new NotImplementedException();

    /// <summary>A message as fwknop's client fills it: 16 random digits, the given user, the clock's time, version 3.0.0.</summary>
    public static SpaMessage NewAccess(string user, string accessAddress, IReadOnlyList<SpaPort> ports, int? clientTimeout, TimeProvider time) =>
        throw new NotImplementedException();
}
