namespace Sesame.Engine.AddressLists;

/// <summary>
/// One stored entry (56 bytes). The address is split into ulong halves rather than a <see cref="UInt128"/> field so the
/// struct keeps 8-byte alignment, and the end of a prefix or range lives in the per-list range table, not here: hosts are
/// the bulk of big lists, and with the 4-byte bucket and a queued expiry a million of them stay under 100 bytes each.
/// </summary>
internal struct AddressListSlot
{
    public ulong FirstHi;
    public ulong FirstLo;

    /// <summary>UTC ticks at which the entry stops matching; <see cref="long.MaxValue"/> for no timeout.</summary>
    public long ExpiresAt;

    public int List;

    /// <summary>Next slot + 1 in the same hash bucket (or in the free list); 0 ends the chain.</summary>
    public int Next;

    public SlotFlags Flags;

    // Fields a lookup does not read come last, so the ones it does read share a cache line more often.
    public long CreatedAt;

    /// <summary>Insertion sequence number: orders entries for printing and tells a stale expiry-queue item from a live one.</summary>
    public long Sequence;

    public readonly UInt128 First => new(FirstHi, FirstLo);
}
