using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Sesame.Spa;

/// <summary>
/// A replay-cache key: 256 bits held as four integers, so that a million of them sit in one flat hash table with no
/// object per entry. A 32-byte digest (fwknop's SHA-256) is the key itself; any other length is hashed to 32 bytes.
/// </summary>
internal readonly record struct SpaDigestKey(ulong A, ulong B, ulong C, ulong D)
{
    public const int Length = 32;

    public static SpaDigestKey From(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != Length)
        {
            Span<byte> hash = stackalloc byte[Length];
            SHA256.HashData(digest, hash);
            return Read(hash);
        }

        return Read(digest);
    }

    public static SpaDigestKey Read(ReadOnlySpan<byte> bytes) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(bytes),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));

    public void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, A);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], B);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[16..], C);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[24..], D);
    }

    // The digests are hash outputs of authenticated packets (an attacker without the keys cannot choose them), so any
    // 32 bits of them spread evenly.
    public override int GetHashCode() => (int)A ^ (int)(A >> 32);

    public bool Equals(SpaDigestKey other) => A == other.A && B == other.B && C == other.C && D == other.D;
}
