using System.Net;
using Sesame.Linux.Daemon;
using Sesame.Linux.Netlink;
using Sesame.Net;

namespace Sesame.Tests.Daemon;

/// <summary>The element changes of other processes' transactions, handed over when the transaction closes (fleet mode publishes them).</summary>
public sealed class TamperDetectorForeignElementsTests
{
    private const uint Own = 100;
    private const uint Other = 200;

    [Fact]
    public void Feed_ForeignTransaction_ItsElementsInOrderAtItsEnd()
    {
        var handed = new List<(IReadOnlyList<NftChange> Changes, bool Cut)>();
        var detector = new TamperDetector(pid => pid == Own) { ForeignElements = (c, cut) => handed.Add((c, cut)) };

        detector.Feed(Element(NftMonitorConstants.NFT_MSG_NEWSETELEM, "192.0.2.1"));
        detector.Feed(Element(NftMonitorConstants.NFT_MSG_DELSETELEM, "192.0.2.2"));
        Assert.Empty(handed); // not before the transaction's end says whose it was
        detector.Feed(Generation(Other));

        (IReadOnlyList<NftChange> changes, bool wasCut) = Assert.Single(handed);
        Assert.False(wasCut);
        Assert.Equal([NftMonitorConstants.NFT_MSG_NEWSETELEM, NftMonitorConstants.NFT_MSG_DELSETELEM], changes.Select(c => c.Type));
    }

    [Fact]
    public void Feed_OwnTransaction_NotHandedOver()
    {
        var handed = new List<IReadOnlyList<NftChange>>();
        var detector = new TamperDetector(pid => pid == Own) { ForeignElements = (c, _) => handed.Add(c) };

        detector.Feed(Element(NftMonitorConstants.NFT_MSG_NEWSETELEM, "192.0.2.1"));
        detector.Feed(Generation(Own));
        detector.Feed(Element(NftMonitorConstants.NFT_MSG_NEWSETELEM, "192.0.2.3"));
        detector.Feed(Generation(Other));

        Assert.Equal(IpRange.Host(IPAddress.Parse("192.0.2.3")), Assert.Single(Assert.Single(handed)).Elements[0].Address);
    }

    [Fact]
    public void Lost_ElementsOfAnUnattributedTransaction_Dropped()
    {
        var handed = new List<IReadOnlyList<NftChange>>();
        var detector = new TamperDetector(pid => pid == Own) { ForeignElements = (c, _) => handed.Add(c) };

        detector.Feed(Element(NftMonitorConstants.NFT_MSG_NEWSETELEM, "192.0.2.1"));
        detector.Lost("overrun");
        detector.Feed(Generation(Other));

        Assert.Empty(handed);
    }

    [Fact]
    public void Feed_TransactionBeyondTheLimit_HeldUpToItAndSaysSo()
    {
        var handed = new List<(IReadOnlyList<NftChange> Changes, bool Cut)>();
        var detector = new TamperDetector(_ => false) { ForeignElements = (c, cut) => handed.Add((c, cut)) };
        (IpRange, NftElementState)[] many = [.. Enumerable.Range(0, 1000).Select(i => (IpRange.Host(IpFamily.V4, (UInt128)(0x0A000000 + i)), new NftElementState(null, null)))];

        for (int i = 0; i < (TamperDetector.MaxHeldElements / 1000) + 5; i++)
        {
            detector.Feed(new NftChange(NftMonitorConstants.NFT_MSG_NEWSETELEM, NftMonitorConstants.NFPROTO_INET, "sesame", "v4_secured", many));
        }

        detector.Feed(Generation(Other));

        (IReadOnlyList<NftChange> changes, bool cut) = Assert.Single(handed);
        Assert.True(cut);
        Assert.Equal(TamperDetector.MaxHeldElements, changes.Sum(c => c.Elements.Count));
    }

    private static NftChange Element(byte type, string address) =>
        new(type, NftMonitorConstants.NFPROTO_INET, "sesame", "v4_secured", [(IpRange.Host(IPAddress.Parse(address)), new NftElementState(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)))]);

    private static NftChange Generation(uint pid) =>
        new(NftMonitorConstants.NFT_MSG_NEWGEN, 0, "", null, [], Generation: 7, ProcessId: pid, ProcessName: "nft");
}
