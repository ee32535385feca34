using Sesame.Engine.AddressLists;
using Sesame.Engine.Rules;
using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;

namespace Sesame.Engine;

public sealed partial class Firewall
{
    private readonly EntriesSnapshot?[] _entriesCache = new EntriesSnapshot?[2];

    /// <summary>
    /// The family's address-list entries in print order (the order they were added), after expiring what is due. Ids
    /// are stable for an entry's life (see <see cref="AddressListStore.IdOf"/>): a removed entry's id never names another.
    /// </summary>
    public IReadOnlyList<ScriptListEntry> GetEntries(IpFamily family)
    {
        long now = _time.GetUtcNow().UtcTicks;
        ExpireDue(now);
        // A script's finds between two changes at one instant (a stats script's three finds) read one snapshot.
        int cache = family == IpFamily.V6 ? 1 : 0;
        if (_entriesCache[cache] is { } cached && cached.Version == _lists.Version && cached.Now == now)
        {
            return cached.Entries;
        }

        var order = new List<(long Sequence, int Slot)>(_lists.Count);
        bool sorted = true;
        long last = 0;
        for (int slot = 0; slot < _lists.Capacity; slot++)
        {
            ref readonly AddressListSlot s = ref _lists[slot];
            if ((s.Flags & SlotFlags.Live) != 0 && AddressListStore.FamilyOf(s) == family)
            {
                sorted &= s.Sequence > last;
                last = s.Sequence;
                order.Add((s.Sequence, slot));
            }
        }

        if (!sorted)
        {
            order.Sort((a, b) => a.Sequence.CompareTo(b.Sequence)); // slots are reused after removals
        }

        var result = new ScriptListEntry[order.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Describe(order[i].Slot, now);
        }

        var entries = Array.AsReadOnly(result);
        _entriesCache[cache] = new EntriesSnapshot(_lists.Version, now, entries);
        return entries;
    }

    /// <summary>The entry with <paramref name="id"/> in the family, or null (removed, expired, never was, the other family).</summary>
    public ScriptListEntry? GetEntry(IpFamily family, long id)
    {
        long now = _time.GetUtcNow().UtcTicks;
        ExpireDue(now);
        int slot = _lists.SlotOfId(id);
        return slot >= 0 && AddressListStore.FamilyOf(_lists[slot]) == family ? Describe(slot, now) : null;
    }

    /// <summary>
    /// <c>address-list add</c> (ROUTEROS.md §1.10, §3.2): a list and an address (or DNS name) of the family that the list
    /// does not hold yet; with a timeout the entry is dynamic and expires, without one it is static unless
    /// <see cref="ScriptListEntryRequest.Dynamic"/>. Any list name is accepted, also one no rule names.
    /// </summary>
    /// <param name="by">The script making the change, reported to the <see cref="Observer"/>.</param>
    /// <exception cref="ScriptHostException"><c>failure: already have such entry</c>; an address of the other family; no address.</exception>
    public long AddEntry(IpFamily family, ScriptListEntryRequest request, string? by)
    {
        ArgumentNullException.ThrowIfNull(request);
        long now = _time.GetUtcNow().UtcTicks;
        ExpireDue(now);
        ValidateListName(request.List);
        if (request.Address is null && string.IsNullOrEmpty(request.DnsName))
        {
            throw new ScriptHostException("failure: address not set");
        }

        if (request.Address is IpRange a && a.Family != family)
        {
            throw new ScriptHostException($"invalid value for argument address: {a} is not an {(family == IpFamily.V6 ? "IPv6" : "IPv4")} address");
        }

        ValidateTimeout(request.Timeout);

        int list = ListId(request.List, family);
        if (request.Address is IpRange address ? _lists.Find(list, address) >= 0 : _lists.FindDns(list, request.DnsName!) >= 0)
        {
            throw new ScriptHostException("failure: already have such entry");
        }

        bool timed = request.Timeout is TimeSpan t && t > TimeSpan.Zero;
        long expiresAt = timed ? now + request.Timeout!.Value.Ticks : long.MaxValue;
        int slot = _lists.Add(list, family, request.Address, request.Address is null ? request.DnsName : null, expiresAt,
            timed || request.Dynamic, request.Disabled, request.Comment, now);
        NotifyScript(AddressListChangeKind.Added, slot, now, by);
        return _lists.IdOf(slot);
    }

    /// <summary><c>address-list remove</c>.</summary>
    /// <exception cref="ScriptHostException"><c>no such item</c>.</exception>
    public void RemoveEntry(IpFamily family, long id, string? by)
    {
        long now = _time.GetUtcNow().UtcTicks;
        ExpireDue(now);
        int slot = SlotOf(family, id);
        AddressListChange change = ScriptChange(AddressListChangeKind.Removed, slot, now, by) with { Timeout = null };
        _lists.RemoveSlot(slot);
        Observer?.OnAddressListChanged(change);
    }

    /// <summary>
    /// <c>address-list set</c>: the given fields change, the id stays. A new list or address that the target list already
    /// holds is refused (<c>failure: already have such entry</c>); a move is reported as removed from the old place and
    /// added at the new, other changes as <see cref="AddressListChangeKind.Changed"/>. A new timeout counts from now and
    /// makes the entry dynamic; <c>!timeout</c> leaves it without one.
    /// </summary>
    public void SetEntry(IpFamily family, long id, ScriptListEntryUpdate update, string? by)
    {
        ArgumentNullException.ThrowIfNull(update);
        long now = _time.GetUtcNow().UtcTicks;
        ExpireDue(now);
        int slot = SlotOf(family, id);
        if (update.List is not null)
        {
            ValidateListName(update.List);
        }

        if (update.Address is IpRange a && a.Family != family)
        {
            throw new ScriptHostException($"invalid value for argument address: {a} is not an {(family == IpFamily.V6 ? "IPv6" : "IPv4")} address");
        }

        ValidateTimeout(update.Timeout);

        ref readonly AddressListSlot s = ref _lists[slot];
        bool isDns = (s.Flags & SlotFlags.Dns) != 0;
        int oldList = s.List;
        int newList = update.List is null ? oldList : ListId(update.List, family);
        IpRange? oldAddress = isDns ? null : _lists.GetAddress(slot);
        IpRange? newAddress = update.Address ?? oldAddress;
        bool moves = newList != oldList || (update.Address is not null && update.Address != oldAddress);
        AddressListChange? removed = null;
        if (moves)
        {
            if (newAddress is IpRange target ? _lists.Find(newList, target) is int found && found >= 0 && found != slot
                : _lists.FindDns(newList, _lists.GetText(slot).Dns!) is int dns && dns >= 0 && dns != slot)
            {
                throw new ScriptHostException("failure: already have such entry");
            }

            removed = ScriptChange(AddressListChangeKind.Removed, slot, now, by) with { Timeout = null };
            if (newAddress is IpRange moved)
            {
                _lists.Rekey(slot, newList, moved);
            }
            else
            {
                _lists.RekeyDns(slot, newList);
            }
        }

        if (update.ClearTimeout)
        {
            _lists.SetExpiry(slot, long.MaxValue);
        }
        else if (update.Timeout is TimeSpan t)
        {
            _lists.SetExpiry(slot, t > TimeSpan.Zero ? now + t.Ticks : long.MaxValue);
            if (t > TimeSpan.Zero)
            {
                _lists.SetDynamic(slot, true);
            }
        }

        if (update.Disabled is bool disabled)
        {
            _lists.SetDisabled(slot, disabled);
        }

        if (update.ClearComment || update.Comment is not null)
        {
            (string? dnsName, _) = _lists.GetText(slot);
            _lists.SetText(slot, dnsName, update.ClearComment ? null : update.Comment);
        }

        if (removed is { } r)
        {
            Observer?.OnAddressListChanged(r);
            NotifyScript(AddressListChangeKind.Added, slot, now, by);
        }
        else
        {
            NotifyScript(AddressListChangeKind.Changed, slot, now, by);
        }
    }

    /// <summary>Whether the rule at <paramref name="ruleIndex"/> of the family's filter is disabled now.</summary>
    public bool IsRuleDisabled(IpFamily family, int ruleIndex)
    {
        RuleSet rules = family == IpFamily.V6 ? _v6 : _v4;
        ArgumentOutOfRangeException.ThrowIfNegative(ruleIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ruleIndex, rules.Disabled.Length);
        return rules.Disabled[ruleIndex];
    }

    /// <summary>
    /// <c>filter enable|disable</c>: the rules at <paramref name="indices"/> in one step. A disabled rule is skipped by
    /// <see cref="Process"/>; its counters are kept. Enabling a rule that reads connection tracking turns tracking on from
    /// now (decision: connections seen before are not known, as after a conntrack flush).
    /// </summary>
    public void SetRulesDisabled(IpFamily family, IReadOnlyList<int> indices, bool disabled)
    {
        ArgumentNullException.ThrowIfNull(indices);
        RuleSet rules = family == IpFamily.V6 ? _v6 : _v4;
        foreach (int index in indices)
        {
            if (index < 0 || index >= rules.Disabled.Length)
            {
                throw new ScriptHostException("no such item");
            }
        }

        rules.SetDisabled(indices, disabled);
        _tracking |= rules.ObservesConnections;
    }

    private sealed record EntriesSnapshot(long Version, long Now, IReadOnlyList<ScriptListEntry> Entries);

    // ROUTEROS.md §1.10: a timeout from 0 to 35w3d13h13m56s.
    private static void ValidateTimeout(TimeSpan? timeout)
    {
        if (timeout is TimeSpan t && (t < TimeSpan.Zero || t > RouterOsTime.Max))
        {
            throw new ScriptHostException("value of timeout is out of range (00:00:00 .. 35w3d13:13:56)");
        }
    }

    private static void ValidateListName(string list)
    {
        if (string.IsNullOrEmpty(list))
        {
            throw new ScriptHostException("failure: list not set");
        }
    }

    private int SlotOf(IpFamily family, long id)
    {
        int slot = _lists.SlotOfId(id);
        if (slot < 0 || AddressListStore.FamilyOf(_lists[slot]) != family)
        {
            throw new ScriptHostException("no such item");
        }

        return slot;
    }

    private ScriptListEntry Describe(int slot, long now)
    {
        ref readonly AddressListSlot s = ref _lists[slot];
        (string? dns, string? comment) = _lists.GetText(slot);
        return new ScriptListEntry(
            _lists.IdOf(slot),
            ListName(s.List),
            (s.Flags & SlotFlags.Dns) != 0 ? null : _lists.GetAddress(slot),
            dns,
            s.ExpiresAt == long.MaxValue ? null : TimeSpan.FromTicks(s.ExpiresAt - now),
            (s.Flags & SlotFlags.Dynamic) != 0,
            (s.Flags & SlotFlags.Disabled) != 0,
            comment,
            new DateTimeOffset(s.CreatedAt, TimeSpan.Zero));
    }

    private AddressListChange ScriptChange(AddressListChangeKind kind, int slot, long now, string? by)
    {
        ref readonly AddressListSlot s = ref _lists[slot];
        (string? dns, string? comment) = _lists.GetText(slot);
        bool isDns = (s.Flags & SlotFlags.Dns) != 0;
        return new AddressListChange(
            kind,
            AddressListStore.FamilyOf(s),
            ListName(s.List),
            isDns ? default : _lists.GetAddress(slot),
            s.ExpiresAt == long.MaxValue ? null : TimeSpan.FromTicks(s.ExpiresAt - now),
            -1)
        {
            Script = by,
            Comment = comment,
            DnsName = isDns ? dns : null,
            Disabled = (s.Flags & SlotFlags.Disabled) != 0,
        };
    }

    private void NotifyScript(AddressListChangeKind kind, int slot, long now, string? by) =>
        Observer?.OnAddressListChanged(ScriptChange(kind, slot, now, by));
}
