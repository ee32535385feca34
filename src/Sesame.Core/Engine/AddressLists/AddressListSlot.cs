namespace Sesame.Engine.AddressLists;

/// <summary>
/// One stored entry (48 bytes). The address is split into ulong halves rather than a <see cref="UInt128"/> field so the
/// struct keeps 8-byte alignment, and the end of a prefix or range lives in the per-list range table, not here: hosts are
/// the bulk of big lists, and with their <see cref="HostIndex"/> buckets and a queued expiry a million of them stay under
/// 100 bytes each.
/// </summary>
internal struct AddressListSlot
{
    public ulong FirstHi;
    public ulong FirstLo;

    /// <summary>UTC ticks at which the entry stops matching; <see cref="long.MaxValue"/> for no timeout.</summary>
    public long ExpiresAt;

    public long CreatedAt;

    /// <summary>Insertion sequence number: orders entries for printing and tells a stale expiry-queue item from a live one.</summary>
    public long Sequence;

    /// <summary>The list id; in a free slot, the next free slot + 1 (0 ends the free list).</summary>
    public int List;

    public SlotFlags Flags;

    public readonly UInt128 First => new(FirstHi, FirstLo);
}
