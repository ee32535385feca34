using System.Security.Cryptography;

namespace Sesame.Spa;

/// <summary>
/// One SPA key pair in fwknop's sense: the Rijndael (AES-256-CBC) passphrase bytes and the HMAC key bytes, as
/// <c>fwknop --key-gen</c> writes them base64-encoded (<c>KEY_BASE64</c>, <c>HMAC_KEY_BASE64</c>). Secret: the text form
/// never shows the bytes, and equality compares in constant time.
/// </summary>
public sealed class SpaKeys : IEquatable<SpaKeys>
{
    /// <summary>fwknop's longest Rijndael key (RIJNDAEL_MAX_KEYSIZE): the passphrase bytes fed to its key derivation.</summary>
    public const int MaxEncryptionKeyLength = 32;

    /// <summary>fwknop's longest HMAC key (SHA512_BLOCK_LEN).</summary>
    public const int MaxHmacKeyLength = 128;

    public SpaKeys(byte[] encryptionKey, byte[] hmacKey, SpaHmacType hmacType = SpaHmacType.Sha256)
    {
        ArgumentNullException.ThrowIfNull(encryptionKey);
        ArgumentNullException.ThrowIfNull(hmacKey);
        if (encryptionKey.Length is 0 or > MaxEncryptionKeyLength)
        {
            throw new ArgumentException($"an SPA encryption key has 1 to {MaxEncryptionKeyLength} bytes", nameof(encryptionKey));
        }

        if (hmacKey.Length is 0 or > MaxHmacKeyLength)
        {
            throw new ArgumentException($"an SPA HMAC key has 1 to {MaxHmacKeyLength} bytes", nameof(hmacKey));
        }

        EncryptionKey = [.. encryptionKey];
        HmacKey = [.. hmacKey];
        HmacType = hmacType;
    }

    /// <summary>The Rijndael key: the passphrase bytes of fwknop's salted key derivation.</summary>
    public byte[] EncryptionKey { get; }

    public byte[] HmacKey { get; }

    public SpaHmacType HmacType { get; }

    /// <summary>A new random pair as <c>fwknop --key-gen</c> makes it: 32 key bytes and 64 HMAC key bytes.</summary>
    public static SpaKeys Generate() => new(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(64));

    public bool Equals(SpaKeys? other) =>
        other is not null
        && HmacType == other.HmacType
        && CryptographicOperations.FixedTimeEquals(EncryptionKey, other.EncryptionKey)
        && CryptographicOperations.FixedTimeEquals(HmacKey, other.HmacKey);

    public override bool Equals(object? obj) => Equals(obj as SpaKeys);

    public override int GetHashCode() => HashCode.Combine(HmacType, EncryptionKey.Length, HmacKey.Length);

    /// <summary>Never the key bytes: a record that holds keys may be printed or logged.</summary>
    public override string ToString() => $"SpaKeys({HmacType}, hidden)";
}
