using System.Buffers.Text;
using System.Security.Cryptography;

namespace Sesame.Spa;

/// <summary>
/// fwknop's Rijndael mode: AES-256-CBC with PKCS#7 padding under OpenSSL's salted key derivation (EVP_BytesToKey with
/// MD5 and one round: D1 = MD5(pass‖salt), Dn = MD5(Dn-1‖pass‖salt); key = D1‖D2, IV = D3), the ciphertext preceded by
/// <c>Salted__</c> and the 8-byte salt, and the HMAC of the stripped base64 text. Everything here works on caller
/// buffers: the reject paths allocate nothing.
/// </summary>
internal static class SpaCipher
{
    public const int SaltLength = 8;

    public const int BlockLength = 16;

    /// <summary>The base64 of <c>Salted__</c>'s first 7½ bytes, which fwknop strips from the wire and puts back before the HMAC.</summary>
    public static ReadOnlySpan<byte> SaltedPrefixBase64 => "U2FsdGVkX1"u8;

    public static ReadOnlySpan<byte> SaltedMagic => "Salted__"u8;

    [ThreadStatic]
    private static Aes? t_aes;

    /// <summary>The length of an HMAC in the packet: its base64 with the '=' stripped.</summary>
    public static int HmacTextLength(SpaHmacType type) => type switch
    {
        SpaHmacType.Sha384 => 64,
        SpaHmacType.Sha512 => 86,
        _ => 43,
    };

    /// <summary>The HMAC of <paramref name="text"/> as fwknop writes it (base64, '=' stripped) into <paramref name="destination"/> (at least 88 bytes); returns its length.</summary>
    public static int HmacText(SpaKeys keys, ReadOnlySpan<byte> text, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[64];
        int length = keys.HmacType switch
        {
            SpaHmacType.Sha384 => HMACSHA384.HashData(keys.HmacKey, text, mac),
            SpaHmacType.Sha512 => HMACSHA512.HashData(keys.HmacKey, text, mac),
            _ => HMACSHA256.HashData(keys.HmacKey, text, mac),
        };
        Base64.EncodeToUtf8(mac[..length], destination, out _, out int written);
        CryptographicOperations.ZeroMemory(mac);
        while (written > 0 && destination[written - 1] == (byte)'=')
        {
            written--;
        }

        return written;
    }

    /// <summary>Derives the AES key (32 bytes) and IV (16 bytes) into <paramref name="keyAndIv"/> (48 bytes).</summary>
    public static void DeriveKeyAndIv(ReadOnlySpan<byte> passphrase, ReadOnlySpan<byte> salt, Span<byte> keyAndIv)
    {
        Span<byte> buffer = stackalloc byte[MD5.HashSizeInBytes + SpaKeys.MaxEncryptionKeyLength + SaltLength];
        int inputLength = passphrase.Length + SaltLength;
        passphrase.CopyTo(buffer[MD5.HashSizeInBytes..]);
        salt.CopyTo(buffer[(MD5.HashSizeInBytes + passphrase.Length)..]);
        MD5.HashData(buffer.Slice(MD5.HashSizeInBytes, inputLength), keyAndIv[..16]);
        for (int i = 1; i < 3; i++)
        {
            keyAndIv.Slice((i - 1) * 16, 16).CopyTo(buffer);
            MD5.HashData(buffer[..(MD5.HashSizeInBytes + inputLength)], keyAndIv.Slice(i * 16, 16));
        }

        CryptographicOperations.ZeroMemory(buffer);
    }

    /// <summary>Decrypts <c>Salted__</c> ‖ salt ‖ ciphertext into <paramref name="plaintext"/>; returns the plaintext length, or -1 (bad header, length or padding).</summary>
    public static int Decrypt(ReadOnlySpan<byte> salted, ReadOnlySpan<byte> passphrase, Span<byte> plaintext)
    {
        if (salted.Length < SaltedMagic.Length + SaltLength + BlockLength
            || (salted.Length - SaltedMagic.Length - SaltLength) % BlockLength != 0
            || !salted.StartsWith(SaltedMagic))
        {
            return -1;
        }

        ReadOnlySpan<byte> salt = salted.Slice(SaltedMagic.Length, SaltLength);
        ReadOnlySpan<byte> cipher = salted[(SaltedMagic.Length + SaltLength)..];
        Span<byte> keyAndIv = stackalloc byte[48];
        DeriveKeyAndIv(passphrase, salt, keyAndIv);
        Aes aes = t_aes ??= Aes.Create();
        aes.SetKey(keyAndIv[..32]);
        int length = aes.DecryptCbc(cipher, keyAndIv[32..], plaintext, PaddingMode.None);
        CryptographicOperations.ZeroMemory(keyAndIv);
        int pad = plaintext[length - 1];
        if (pad is 0 or > BlockLength)
        {
            return -1;
        }

        for (int i = length - pad; i < length; i++)
        {
            if (plaintext[i] != pad)
            {
                return -1;
            }
        }

        return length - pad;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> under a fresh random salt: <c>Salted__</c> ‖ salt ‖ ciphertext.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> passphrase)
    {
        int cipherLength = (plaintext.Length / BlockLength + 1) * BlockLength;
        byte[] output = new byte[SaltedMagic.Length + SaltLength + cipherLength];
        SaltedMagic.CopyTo(output);
        Span<byte> salt = output.AsSpan(SaltedMagic.Length, SaltLength);
        RandomNumberGenerator.Fill(salt);
        Span<byte> keyAndIv = stackalloc byte[48];
        DeriveKeyAndIv(passphrase, salt, keyAndIv);
        Aes aes = t_aes ??= Aes.Create();
        aes.SetKey(keyAndIv[..32]);
        aes.EncryptCbc(plaintext, keyAndIv[32..], output.AsSpan(SaltedMagic.Length + SaltLength), PaddingMode.PKCS7);
        CryptographicOperations.ZeroMemory(keyAndIv);
        return output;
    }
}
