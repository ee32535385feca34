using System.Runtime.CompilerServices;

namespace Sesame.Engine.Tracking;

/// <summary>
/// Key → slot index of the connection table: open addressing (linear probing, backward-shift deletion) over 8-byte
/// buckets holding a 32-bit fingerprint of the key's hash and the slot + 1. The key itself is compared in the slot, which
/// a found connection reads anyway, so finding a connection costs the bucket and the slot — no separate entry to load.
/// </summary>
internal sealed class ConnectionIndex
{
    private ulong[] _buckets = new ulong[64];
    private int _shift = 64 - 6;

    public int Count { get; private set; }

    /// <summary>The slot whose key equals <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(in ConnectionKey key, ulong hash, Connection[] slots)
    {
        uint fingerprint = Fingerprint(hash);
        ulong[] buckets = _buckets;
        int mask = buckets.Length - 1;
        for (int i = Home(fingerprint); ; i = (i + 1) & mask)
        {
            ulong b = buckets[i];
            if (b == 0)
            {
                return -1;
            }

            if ((uint)b == fingerprint)
            {
                int slot = (int)(b >> 32) - 1;
                if (slots[slot].Key.Equals(key))
                {
                    return slot;
                }
            }
        }
    }

    public void Add(ulong hash, int slot)
    {
        if (Count + 1 > _buckets.Length - (_buckets.Length >> 2))
        {
            OpenAddressing.Grow(ref _buckets, ref _shift);
        }

        OpenAddressing.Insert(_buckets, _shift, ((ulong)(uint)(slot + 1) << 32) | Fingerprint(hash));
        Count++;
    }

    public void Remove(ulong hash, int slot)
    {
        ulong[] buckets = _buckets;
        int mask = buckets.Length - 1;
        ulong entry = ((ulong)(uint)(slot + 1) << 32) | Fingerprint(hash);
        int hole = Home(Fingerprint(hash));
        while (buckets[hole] != entry)
        {
            hole = (hole + 1) & mask;
        }

        OpenAddressing.RemoveAt(buckets, _shift, hole);
        Count--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Fingerprint(ulong hash) => (uint)(hash >> 32);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(uint fingerprint) => OpenAddressing.Home(fingerprint, _shift);
}
