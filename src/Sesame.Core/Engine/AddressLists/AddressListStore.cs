using Sesame.Net;

namespace Sesame.Engine.AddressLists;

/// <summary>
/// The address lists of both families (list ids of IPv6 lists follow those of IPv4, so one expiry queue reports
/// expiries of both in time order). Host entries of each list sit in a <see cref="HostIndex"/>, so a lookup is a hash
/// and usually one bucket read; prefixes and ranges are kept per list and scanned (they are few in practice). Timed
/// entries are queued by expiry time; a refresh that extends a timeout leaves the queued item in place and the item is
/// re-queued when it comes due, so refreshing allocates nothing.
/// </summary>
internal sealed class AddressListStore
{
    private const int MinCapacity = 16;

    private List<RangeEntry>[] _rangesByList;
    private HostIndex?[] _hostsByList;
    private readonly PriorityQueue<int, ExpiryKey> _expiry = new();
    private readonly Dictionary<int, (string? Dns, string? Comment)> _text = [];
    private AddressListSlot[] _slots = new AddressListSlot[MinCapacity];
    private int _used;
    private int _freeHead;
    private long _sequence;

    public AddressListStore(int listCount)
    {
        _rangesByList = new List<RangeEntry>[listCount];
        _hostsByList = new HostIndex?[listCount];
        for (int i = 0; i < listCount; i++)
        {
            _rangesByList[i] = [];
        }
    }

    public int Count { get; private set; }

    /// <summary>Changes with every change to an entry (added, removed, expired, refreshed, set), so a caller may cache what it read.</summary>
    public long Version { get; private set; }

    /// <summary>How many list ids the store holds; <see cref="EnsureLists"/> raises it.</summary>
    public int ListCount => _rangesByList.Length;

    /// <summary>Makes room for list ids below <paramref name="listCount"/> (a script may fill a list no rule names).</summary>
    public void EnsureLists(int listCount)
    {
        int old = _rangesByList.Length;
        if (listCount <= old)
        {
            return;
        }

        int size = Math.Max(listCount, old * 2);
        Array.Resize(ref _rangesByList, size);
        Array.Resize(ref _hostsByList, size);
        for (int i = old; i < size; i++)
        {
            _rangesByList[i] = [];
        }
    }

    /// <summary>A stable id for the entry in <paramref name="slot"/>: its insertion sequence above the slot, so a reused slot never answers for an old id.</summary>
    public long IdOf(int slot) => (_slots[slot].Sequence << 32) | (uint)slot;

    /// <summary>The live slot an id names, or -1.</summary>
    public int SlotOfId(long id)
    {
        if (id <= 0)
        {
            return -1;
        }

        long slot = id & uint.MaxValue;
        if (slot >= _used)
        {
            return -1;
        }

        ref AddressListSlot s = ref _slots[(int)slot];
        return (s.Flags & SlotFlags.Live) != 0 && s.Sequence == id >> 32 ? (int)slot : -1;
    }

    /// <summary>The slot of a DNS-name entry of the list with this name (ordinal), or -1.</summary>
    public int FindDns(int list, string dnsName)
    {
        for (int slot = 0; slot < _used; slot++)
        {
            ref AddressListSlot s = ref _slots[slot];
            if ((s.Flags & (SlotFlags.Live | SlotFlags.Dns)) == (SlotFlags.Live | SlotFlags.Dns) && s.List == list
                && string.Equals(_text[slot].Dns, dnsName, StringComparison.Ordinal))
            {
                return slot;
            }
        }

        return -1;
    }

    /// <summary>Removes the entry in a live slot (a script's <c>remove</c>).</summary>
    public void RemoveSlot(int slot) => Remove(slot);

    /// <summary>Moves an entry to another list and/or address in place, keeping its slot, sequence (id) and expiry; the caller has checked the target is free.</summary>
    public void Rekey(int slot, int list, IpRange address)
    {
        Version++;
        ref AddressListSlot s = ref _slots[slot];
        IpFamily family = FamilyOf(s);
        Unindex(slot);
        if ((s.Flags & SlotFlags.Dns) != 0)
        {
            s.Flags &= ~SlotFlags.Dns;
            (string? _, string? comment) = _text[slot];
            SetText(slot, null, comment);
        }

        s.List = list;
        s.FirstHi = (ulong)(address.First >> 64);
        s.FirstLo = (ulong)address.First;
        s.Flags &= ~SlotFlags.Host;
        if (address.IsHost)
        {
            s.Flags |= SlotFlags.Host;
            HostIndex hosts = _hostsByList[list] ??= new HostIndex(family == IpFamily.V6);
            hosts.Add(address.First, slot, (s.Flags & SlotFlags.Disabled) == 0 && s.ExpiresAt == long.MaxValue);
        }
        else
        {
            _rangesByList[list].Add(new RangeEntry(slot, address.First, address.Last));
        }
    }

    /// <summary>Moves a DNS-name entry to another list in place.</summary>
    public void RekeyDns(int slot, int list)
    {
        Version++;
        _slots[slot].List = list;
    }

    public void SetDisabled(int slot, bool disabled)
    {
        Version++;
        ref AddressListSlot s = ref _slots[slot];
        s.Flags = disabled ? s.Flags | SlotFlags.Disabled : s.Flags & ~SlotFlags.Disabled;
        SyncPermanent(slot);
    }

    public void SetDynamic(int slot, bool dynamic)
    {
        Version++;
        ref AddressListSlot s = ref _slots[slot];
        s.Flags = dynamic ? s.Flags | SlotFlags.Dynamic : s.Flags & ~SlotFlags.Dynamic;
    }

    /// <summary>Sets the DNS name and comment of a slot (null for none).</summary>
    public void SetText(int slot, string? dnsName, string? comment)
    {
        Version++;
        ref AddressListSlot s = ref _slots[slot];
        if (dnsName is null && comment is null)
        {
            s.Flags &= ~SlotFlags.HasText;
            _text.Remove(slot);
        }
        else
        {
            s.Flags |= SlotFlags.HasText;
            _text[slot] = (dnsName, comment);
        }
    }

    /// <summary>Slots in use or freed; enumerate 0..Capacity and test <see cref="SlotFlags.Live"/>.</summary>
    public int Capacity => _used;

    public ref readonly AddressListSlot this[int slot] => ref _slots[slot];

    /// <summary>ROUTEROS.md §3.6: the address is inside an enabled, unexpired entry of the list.</summary>
    public bool Contains(int list, UInt128 address, long now)
    {
        AddressListSlot[] slots = _slots;
        HostIndex? hosts = _hostsByList[list];
        if (hosts is not null)
        {
            ulong bucket = hosts.Find(slots, address);
            if (bucket != 0)
            {
                if ((bucket & HostIndex.Permanent) != 0)
                {
                    return true;
                }

                ref AddressListSlot s = ref slots[HostIndex.SlotOf(bucket)];
                if ((s.Flags & SlotFlags.Disabled) == 0 && s.ExpiresAt > now)
                {
                    return true;
                }
            }
        }

        List<RangeEntry> ranges = _rangesByList[list];
        for (int r = 0; r < ranges.Count; r++)
        {
            RangeEntry range = ranges[r];
            if (address >= range.First && address <= range.Last)
            {
                ref AddressListSlot s = ref slots[range.Slot];
                if ((s.Flags & SlotFlags.Disabled) == 0 && s.ExpiresAt > now)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The slot holding exactly this address in the list (disabled or not), or -1.</summary>
    public int Find(int list, IpRange address)
    {
        if (address.IsHost)
        {
            ulong bucket = _hostsByList[list]?.Find(_slots, address.First) ?? 0;
            return bucket == 0 ? -1 : HostIndex.SlotOf(bucket);
        }

        foreach (RangeEntry range in _rangesByList[list])
        {
            if (range.First == address.First && range.Last == address.Last)
            {
                return range.Slot;
            }
        }

        return -1;
    }

    /// <summary>Adds an entry; the caller has checked that the list does not hold the address yet.</summary>
    public int Add(int list, IpFamily family, IpRange? address, string? dnsName, long expiresAt, bool dynamic, bool disabled, string? comment, long createdAt)
    {
        Version++;
        int slot = AllocateSlot();
        ref AddressListSlot s = ref _slots[slot];
        s = default;
        s.List = list;
        s.ExpiresAt = expiresAt;
        s.CreatedAt = createdAt;
        s.Sequence = ++_sequence;
        s.Flags = family == IpFamily.V6 ? SlotFlags.Live | SlotFlags.V6 : SlotFlags.Live;
        if (dynamic)
        {
            s.Flags |= SlotFlags.Dynamic;
        }

        if (disabled)
        {
            s.Flags |= SlotFlags.Disabled;
        }

        if (dnsName is not null || comment is not null)
        {
            s.Flags |= SlotFlags.HasText;
            _text[slot] = (dnsName, comment);
        }

        Count++;
        if (address is not IpRange a)
        {
            s.Flags |= SlotFlags.Dns;
        }
        else
        {
            s.FirstHi = (ulong)(a.First >> 64);
            s.FirstLo = (ulong)a.First;
            if (a.IsHost)
            {
                s.Flags |= SlotFlags.Host;
                HostIndex hosts = _hostsByList[list] ??= new HostIndex(family == IpFamily.V6);
                hosts.Add(a.First, slot, !disabled && expiresAt == long.MaxValue);
            }
            else
            {
                _rangesByList[list].Add(new RangeEntry(slot, a.First, a.Last));
            }
        }

        if (expiresAt != long.MaxValue)
        {
            _expiry.Enqueue(slot, new ExpiryKey(expiresAt, _slots[slot].Sequence));
        }

        return slot;
    }

    /// <summary>Sets a new expiry; only a shorter one needs a new queue item (see the class remarks).</summary>
    public void SetExpiry(int slot, long expiresAt)
    {
        Version++;
        ref AddressListSlot s = ref _slots[slot];
        long old = s.ExpiresAt;
        s.ExpiresAt = expiresAt;
        if ((old == long.MaxValue) != (expiresAt == long.MaxValue))
        {
            SyncPermanent(slot);
        }
        if (expiresAt < old)
        {
            _expiry.Enqueue(slot, new ExpiryKey(expiresAt, s.Sequence));
        }
    }

    public void MakeStatic(int slot)
    {
        Version++;
        ref AddressListSlot s = ref _slots[slot];
        s.ExpiresAt = long.MaxValue;
        s.Flags &= ~SlotFlags.Dynamic;
        SyncPermanent(slot);
    }

    /// <summary>Removes the next entry due at <paramref name="now"/> (earliest first), if any.</summary>
    public bool TryExpireNext(long now, out int list, out IpRange address)
    {
        while (_expiry.TryPeek(out int slot, out ExpiryKey key) && key.Ticks <= now)
        {
            _expiry.Dequeue();
            ref AddressListSlot s = ref _slots[slot];
            if ((s.Flags & SlotFlags.Live) == 0 || s.Sequence != key.Sequence || s.ExpiresAt == long.MaxValue)
            {
                continue; // stale: the entry is gone, the slot was reused, or the entry lost its timeout
            }

            if (s.ExpiresAt != key.Ticks)
            {
                // Extended since it was queued (or queued twice): come back at the real time, keeping global time order.
                if (s.ExpiresAt > key.Ticks)
                {
                    _expiry.Enqueue(slot, new ExpiryKey(s.ExpiresAt, s.Sequence));
                }

                continue;
            }

            list = s.List;
            address = GetAddress(slot);
            Remove(slot);
            return true;
        }

        list = -1;
        address = default;
        return false;
    }

    /// <summary>
    /// The earliest queued expiry, in ticks. It may be stale (an entry since refreshed or removed); expiring at that time
    /// then removes nothing, and the next call gives a later time.
    /// </summary>
    public bool TryPeekExpiry(out long ticks)
    {
        if (_expiry.TryPeek(out _, out ExpiryKey key))
        {
            ticks = key.Ticks;
            return true;
        }

        ticks = 0;
        return false;
    }

    public static IpFamily FamilyOf(in AddressListSlot slot) => (slot.Flags & SlotFlags.V6) != 0 ? IpFamily.V6 : IpFamily.V4;

    /// <summary>The address of a slot that is not a DNS name.</summary>
    public IpRange GetAddress(int slot)
    {
        ref AddressListSlot s = ref _slots[slot];
        if ((s.Flags & SlotFlags.Host) != 0)
        {
            return IpRange.Host(FamilyOf(s), s.First);
        }

        foreach (RangeEntry range in _rangesByList[s.List])
        {
            if (range.Slot == slot)
            {
                return new IpRange(FamilyOf(s), range.First, range.Last);
            }
        }

        throw new InvalidOperationException($"Slot {slot} holds no address.");
    }

    public (string? Dns, string? Comment) GetText(int slot) =>
        (_slots[slot].Flags & SlotFlags.HasText) != 0 ? _text[slot] : (null, null);

    private void Remove(int slot)
    {
        Version++;
        ref AddressListSlot s = ref _slots[slot];
        Unindex(slot);
        if ((s.Flags & SlotFlags.HasText) != 0)
        {
            _text.Remove(slot);
        }

        s.Flags = SlotFlags.None;
        s.List = _freeHead; // a free slot's List links the free list
        _freeHead = slot + 1;
        Count--;
    }

    // Takes the entry out of its list's host index or range table (not out of the slot array).
    private void Unindex(int slot)
    {
        ref AddressListSlot s = ref _slots[slot];
        if ((s.Flags & SlotFlags.Host) != 0)
        {
            _hostsByList[s.List]!.Remove(s.First, slot);
        }
        else if ((s.Flags & SlotFlags.Dns) == 0)
        {
            List<RangeEntry> ranges = _rangesByList[s.List];
            for (int r = 0; r < ranges.Count; r++)
            {
                if (ranges[r].Slot == slot)
                {
                    ranges.RemoveAt(r);
                    break;
                }
            }
        }
    }

    private int AllocateSlot()
    {
        if (_freeHead != 0)
        {
            int slot = _freeHead - 1;
            _freeHead = _slots[slot].List;
            return slot;
        }

        if (_used == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        return _used++;
    }

    // The host index answers "always matches" without reading the slot; keep that bit in step with the slot.
    private void SyncPermanent(int slot)
    {
        ref AddressListSlot s = ref _slots[slot];
        if ((s.Flags & SlotFlags.Host) != 0)
        {
            _hostsByList[s.List]!.SetPermanent(s.First, slot, (s.Flags & SlotFlags.Disabled) == 0 && s.ExpiresAt == long.MaxValue);
        }
    }
}
