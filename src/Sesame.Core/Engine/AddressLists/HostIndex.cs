using System.Runtime.CompilerServices;

namespace Sesame.Engine.AddressLists;

/// <summary>
/// The host entries of one address list: an open-addressing table (linear probing, backward-shift deletion, no
/// tombstones) of 8-byte buckets, each holding a 32-bit key next to the entry's slot. For an IPv4 list the key is the
/// address itself, so a miss is decided without touching any entry and a hit of an entry that always matches (enabled,
/// no timeout) needs no entry either; an IPv6 key is a 32-bit fingerprint whose slot is then compared in full.
/// </summary>
/// <remarks>
/// Bucket layout: bits 0–31 the key, bits 32–62 slot + 1 (0 marks an empty bucket), bit 63 <see cref="Permanent"/>.
/// The table grows at 3/4 load, so at a million hosts it holds 2^21 buckets: 16 MB, about 17 bytes per entry.
/// </remarks>
internal sealed class HostIndex(bool v6)
{
    /// <summary>The entry is enabled and has no timeout: a key match is a list match.</summary>
    public const ulong Permanent = 1UL << 63;

    private const int InitialSize = 16;

    private ulong[] _buckets = new ulong[InitialSize];
    private int _shift = 64 - 4;
    private int _count;

    public bool IsV6 { get; } = v6;

    /// <summary>The bucket of the entry holding <paramref name="address"/>, or 0 when there is none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Find(AddressListSlot[] slots, UInt128 address)
    {
        if (IsV6)
        {
            return FindV6(slots, address);
        }

        if ((address >> 32) != UInt128.Zero)
        {
            return 0;
        }

        uint key = (uint)address;
        ulong[] buckets = _buckets;
        int mask = buckets.Length - 1;
        int i = Home(key);
        while (true)
        {
            ulong b = buckets[i];
            if (b == 0 || (uint)b == key)
            {
                return b;
            }

            i = (i + 1) & mask;
        }
    }

    public static int SlotOf(ulong bucket) => (int)((bucket >> 32) & int.MaxValue) - 1;

    public void Add(UInt128 address, int slot, bool permanent)
    {
        if (_count + 1 > _buckets.Length - (_buckets.Length >> 2))
        {
            OpenAddressing.Grow(ref _buckets, ref _shift);
        }

        ulong bucket = ((ulong)(uint)(slot + 1) << 32) | KeyOf(address);
        OpenAddressing.Insert(_buckets, _shift, permanent ? bucket | Permanent : bucket);
        _count++;
    }

    public void SetPermanent(UInt128 address, int slot, bool permanent)
    {
        int i = IndexOf(address, slot);
        _buckets[i] = permanent ? _buckets[i] | Permanent : _buckets[i] & ~Permanent;
    }

    public void Remove(UInt128 address, int slot)
    {
        OpenAddressing.RemoveAt(_buckets, _shift, IndexOf(address, slot));
        _count--;
    }

    private ulong FindV6(AddressListSlot[] slots, UInt128 address)
    {
        uint key = Fingerprint(address);
        ulong[] buckets = _buckets;
        int mask = buckets.Length - 1;
        ulong hi = (ulong)(address >> 64);
        ulong lo = (ulong)address;
        for (int i = Home(key); ; i = (i + 1) & mask)
        {
            ulong b = buckets[i];
            if (b == 0)
            {
                return 0;
            }

            if ((uint)b == key)
            {
                ref AddressListSlot s = ref slots[SlotOf(b)];
                if (s.FirstLo == lo && s.FirstHi == hi)
                {
                    return b;
                }
            }
        }
    }

    private int IndexOf(UInt128 address, int slot)
    {
        int mask = _buckets.Length - 1;
        for (int i = Home(KeyOf(address)); ; i = (i + 1) & mask)
        {
            if (SlotOf(_buckets[i]) == slot)
            {
                return i;
            }
        }
    }

    private uint KeyOf(UInt128 address) => IsV6 ? Fingerprint(address) : (uint)address;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(uint key) => OpenAddressing.Home(key, _shift);

    private static uint Fingerprint(UInt128 address)
    {
        ulong x = (ulong)address ^ ((ulong)(address >> 64) * 0xC2B2AE3D27D4EB4FUL);
        x ^= x >> 29;
        x *= 0xBF58476D1CE4E5B9UL;
        return (uint)(x >> 32);
    }
}
