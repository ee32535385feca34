using Sesame.Engine.AddressLists;
using Sesame.Engine.Rules;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Engine;

public sealed partial class Firewall
{
    /// <summary>
    /// add-src/dst-to-address-list (ROUTEROS.md §3.4). The entry is looked up by exact address (a covering prefix does not
    /// count, overlaps are allowed). Absent: a new entry — dynamic with the rule's timeout, dynamic without timeout for
    /// none-dynamic, static for none-static. Existing dynamic: its timeout becomes the rule's, even when that is shorter
    /// than what was left (§10 item 1: "resets"); none-dynamic removes the timeout, none-static makes the entry static
    /// (§10 item 2: the rule asks for a permanent entry, so the end state is the same as when the address was absent).
    /// Existing static: unchanged. Existing disabled: unchanged and still not matching (§10 item 2: the rule does not
    /// re-enable what an admin disabled). Creation time never changes on a refresh.
    /// </summary>
    private void AddToAddressList(CompiledRule rule, IpFamily family, UInt128 address, long now)
    {
        IpRange host = IpRange.Host(family, address);
        AddressListTimeout timeout = rule.Timeout;
        TimeSpan? reported = timeout.Kind == AddressListTimeoutKind.Timed ? timeout.Duration : null;
        long expiresAt = timeout.Kind == AddressListTimeoutKind.Timed ? now + timeout.Duration.Ticks : long.MaxValue;
        int slot = _lists.Find(rule.AddressList, host);
        if (slot < 0)
        {
            bool dynamic = timeout.Kind != AddressListTimeoutKind.NoneStatic;
            _lists.Add(rule.AddressList, family, host, null, expiresAt, dynamic, false, null, now);
            Notify(AddressListChangeKind.Added, family, rule.AddressList, host, reported, rule.Index);
            return;
        }

        SlotFlags flags = _lists[slot].Flags;
        if ((flags & SlotFlags.Disabled) != 0 || (flags & SlotFlags.Dynamic) == 0)
        {
            return;
        }

        if (timeout.Kind == AddressListTimeoutKind.NoneStatic)
        {
            _lists.MakeStatic(slot);
        }
        else
        {
            _lists.SetExpiry(slot, expiresAt);
        }

        Notify(AddressListChangeKind.Refreshed, family, rule.AddressList, host, reported, rule.Index);
    }

    private void ExpireDue(long now)
    {
        while (_lists.TryExpireNext(now, out int list, out IpRange address))
        {
            Notify(AddressListChangeKind.Expired, address.Family, list, address, null, -1);
        }
    }

    private void Notify(AddressListChangeKind kind, IpFamily family, int list, IpRange address, TimeSpan? timeout, int ruleIndex)
    {
        IAddressListObserver? observer = Observer;
        if (observer is not null)
        {
            observer.OnAddressListChanged(new AddressListChange(kind, family, ListName(list), address, timeout, ruleIndex));
        }
    }
}
