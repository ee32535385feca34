namespace Sesame.Engine.AddressLists;

/// <summary>
/// One stored entry. Addresses are split into ulong halves rather than <see cref="UInt128"/> fields so the struct keeps
/// 8-byte alignment (72 bytes); with the 4-byte bucket per entry a million hosts stay under 100 bytes each.
/// </summary>
internal struct AddressListSlot
{
    public ulong FirstHi;
    public ulong FirstLo;
    public ulong LastHi;
    public ulong LastLo;

    /// <summary>UTC ticks at which the entry stops matching; <see cref="long.MaxValue"/> for no timeout.</summary>
    public long ExpiresAt;

    public long CreatedAt;

    /// <summary>Insertion sequence number: orders entries for printing and tells a stale expiry-queue item from a live one.</summary>
    public long Sequence;

    public int List;

    /// <summary>Next slot + 1 in the same hash bucket (or in the free list); 0 ends the chain.</summary>
    public int Next;

    public SlotFlags Flags;

    public readonly UInt128 First => new(FirstHi, FirstLo);

    public readonly UInt128 Last => new(LastHi, LastLo);
}
