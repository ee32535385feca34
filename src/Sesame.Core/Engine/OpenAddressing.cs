using System.Runtime.CompilerServices;

namespace Sesame.Engine;

/// <summary>
/// The bucket arithmetic shared by the engine's open-addressing tables (address-list host index, connection index):
/// 8-byte buckets whose low 32 bits are the key or fingerprint, a power-of-two table, linear probing, and Fibonacci
/// hashing — the top bits of key × 2^64/φ index the table, so <c>shift</c> is 64 minus log2 of its size.
/// </summary>
internal static class OpenAddressing
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Home(uint key, int shift) => (int)((key * Multiplier) >> shift);

    /// <summary>Puts a bucket in the first free place from its home.</summary>
    public static void Insert(ulong[] buckets, int shift, ulong bucket)
    {
        int mask = buckets.Length - 1;
        int i = Home((uint)bucket, shift);
        while (buckets[i] != 0)
        {
            i = (i + 1) & mask;
        }

        buckets[i] = bucket;
    }

    /// <summary>Doubles the table, re-inserting every bucket.</summary>
    public static void Grow(ref ulong[] buckets, ref int shift)
    {
        var grown = new ulong[buckets.Length * 2];
        int grownShift = shift - 1;
        foreach (ulong b in buckets)
        {
            if (b != 0)
            {
                Insert(grown, grownShift, b);
            }
        }

        buckets = grown;
        shift = grownShift;
    }

    /// <summary>
    /// Empties the bucket at <paramref name="hole"/> by backward shift: each later bucket of the run moves into the hole
    /// when the hole lies between its home and it, so lookups need no tombstones.
    /// </summary>
    public static void RemoveAt(ulong[] buckets, int shift, int hole)
    {
        int mask = buckets.Length - 1;
        for (int j = (hole + 1) & mask; buckets[j] != 0; j = (j + 1) & mask)
        {
            int home = Home((uint)buckets[j], shift);
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                buckets[hole] = buckets[j];
                hole = j;
            }
        }

        buckets[hole] = 0;
    }
}
