using Sesame.Engine.AddressLists;
using Sesame.Net;

namespace Sesame.Tests.Engine.AddressLists;

public sealed class HostIndexTests
{
    [Theory]
    [InlineData(IpFamily.V4)]
    [InlineData(IpFamily.V6)]
    public void Contains_RandomAddsAndRemovals_MatchesReferenceSet(IpFamily family)
    {
        // Few distinct addresses in a small space, so probe runs collide, wrap and are shifted back on removal.
        var store = new AddressListStore(1);
        var reference = new Dictionary<UInt128, int>();
        var random = new Random(3);
        long now = 0;
        for (int step = 0; step < 30_000; step++)
        {
            UInt128 address = Address(family, random.Next(600));
            if (reference.ContainsKey(address))
            {
                continue;
            }

            // Each entry lives 1 to 400 ticks; the clock moves one tick per step, so about 200 are listed at a time.
            long expiresAt = now + 1 + random.Next(400);
            reference[address] = store.Add(0, family, IpRange.Host(family, address), null, expiresAt, true, false, null, now);
            now++;
            while (store.TryExpireNext(now, out _, out IpRange gone))
            {
                Assert.True(reference.Remove(gone.First));
            }

            UInt128 probe = Address(family, random.Next(600));
            Assert.Equal(reference.ContainsKey(probe), store.Contains(0, probe, now));
            Assert.Equal(reference.TryGetValue(probe, out int slot) ? slot : -1, store.Find(0, IpRange.Host(family, probe)));
        }

        Assert.Equal(reference.Count, store.Count);
    }

    [Fact]
    public void Contains_V4ListAskedForV6Address_False()
    {
        var store = new AddressListStore(1);
        store.Add(0, IpFamily.V4, IpRange.Host(IpFamily.V4, 5), null, long.MaxValue, false, false, null, 0);
        Assert.True(store.Contains(0, 5, 0));
        Assert.False(store.Contains(0, (UInt128.One << 64) | 5, 0));
    }

    [Fact]
    public void Contains_PermanentEntryGetsTimeout_ExpiresWithIt()
    {
        var store = new AddressListStore(1);
        int slot = store.Add(0, IpFamily.V4, IpRange.Host(IpFamily.V4, 9), null, long.MaxValue, true, false, null, 0);
        store.SetExpiry(slot, 100);
        Assert.True(store.Contains(0, 9, 99));
        Assert.False(store.Contains(0, 9, 100));
        store.MakeStatic(slot);
        Assert.True(store.Contains(0, 9, 1_000_000));
    }

    [Fact]
    public void Contains_DisabledHostWithoutTimeout_False()
    {
        var store = new AddressListStore(1);
        store.Add(0, IpFamily.V6, IpRange.Host(IpFamily.V6, 9), null, long.MaxValue, false, true, null, 0);
        Assert.False(store.Contains(0, 9, 0));
        Assert.Equal(0, store.Find(0, IpRange.Host(IpFamily.V6, 9)));
    }

    // IPv6 addresses differ in both halves so the fingerprint, not a truncation, tells them apart.
    private static UInt128 Address(IpFamily family, int n) =>
        family == IpFamily.V4 ? (UInt128)(0xC6336400u + (uint)n) : new UInt128(0x2001_0DB8_0000_0000UL + ((ulong)n << 16), (ulong)n * 0x1_0001);
}
