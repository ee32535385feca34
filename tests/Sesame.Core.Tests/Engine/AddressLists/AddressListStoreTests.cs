using Sesame.Engine.AddressLists;
using Sesame.Net;

namespace Sesame.Tests.Engine.AddressLists;

public sealed class AddressListStoreTests
{
    [Fact]
    public void Contains_ManyHostsThroughRehashAndExpiry_StaysExact()
    {
        var store = new AddressListStore(2);
        const int count = 20_000;
        for (uint i = 0; i < count; i++)
        {
            // Even addresses expire at tick 100, odd ones never; list 1 gets a few as well.
            store.Add(0, IpFamily.V4, IpRange.Host(IpFamily.V4, i * 7), null, i % 2 == 0 ? 100 : long.MaxValue, true, false, null, 0);
        }

        store.Add(1, IpFamily.V4, IpRange.Host(IpFamily.V4, 14), null, long.MaxValue, false, false, null, 0);
        int expired = 0;
        while (store.TryExpireNext(100, out int list, out IpRange address))
        {
            Assert.Equal(0, list);
            Assert.Equal(UInt128.Zero, address.First % 14);
            expired++;
        }

        Assert.Equal(count / 2, expired);
        Assert.Equal((count / 2) + 1, store.Count);
        for (uint i = 0; i < count; i++)
        {
            Assert.Equal(i % 2 == 1, store.Contains(0, i * 7, 100));
        }

        Assert.True(store.Contains(1, 14, 100));
        Assert.False(store.Contains(1, 21, 100));
    }

    [Fact]
    public void SetExpiry_ExtendThenShorten_ExpiresAtLatestValueOnce()
    {
        var store = new AddressListStore(1);
        int slot = store.Add(0, IpFamily.V4, IpRange.Host(IpFamily.V4, 1), null, 10, true, false, null, 0);
        store.SetExpiry(slot, 50);
        Assert.False(store.TryExpireNext(49, out _, out _));
        store.SetExpiry(slot, 30);
        Assert.False(store.TryExpireNext(29, out _, out _));
        Assert.True(store.TryExpireNext(30, out _, out _));
        Assert.False(store.TryExpireNext(1000, out _, out _));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Remove_ReusedSlot_IgnoresStaleQueueItem()
    {
        var store = new AddressListStore(1);
        int first = store.Add(0, IpFamily.V4, IpRange.Host(IpFamily.V4, 1), null, 50, true, false, null, 0);
        store.SetExpiry(first, 10); // leaves a stale item at 50
        Assert.True(store.TryExpireNext(10, out _, out _));
        int second = store.Add(0, IpFamily.V4, IpRange.Host(IpFamily.V4, 2), null, 80, true, false, null, 10);
        Assert.Equal(first, second);
        Assert.False(store.TryExpireNext(50, out _, out _));
        Assert.True(store.Contains(0, 2, 50));
    }
}
