using Sesame.Linux.Daemon;
using Sesame.Linux.Netlink;
using Sesame.Tests.Netlink;

namespace Sesame.Tests.Daemon;

public sealed class TamperDetectorTests
{
    [Fact]
    public void Feed_ForeignFlushRuleset_OneFindingNamingTheDeletedTableFirst()
    {
        var detector = new TamperDetector(_ => false);

        List<TamperFinding> findings = FeedAll(detector, NftMonitorBytes.FlushRuleset);

        TamperFinding finding = Assert.Single(findings);
        Assert.Equal(["delete-table", "delete-chain:input", "delete-set:v4_secured"], finding.Changes);
        Assert.Equal(0x2569u, finding.ProcessId);
        Assert.Equal("nft", finding.ProcessName);
        Assert.True(finding.MayHaveDeletedSets);
    }

    [Fact]
    public void Feed_OwnTransaction_NoFinding()
    {
        var detector = new TamperDetector(pid => pid == 0x2569);

        Assert.Empty(FeedAll(detector, NftMonitorBytes.FlushRuleset));
    }

    [Fact]
    public void Feed_OwnTransactionThenForeignOne_OnlyTheForeignOneIsFound()
    {
        var detector = new TamperDetector(pid => pid == 0x2569);

        List<TamperFinding> findings = FeedAll(detector, [.. NftMonitorBytes.FlushRuleset, .. NftMonitorBytes.AddRule]);

        Assert.Equal(["add-rule:input"], Assert.Single(findings).Changes);
        Assert.False(findings[0].MayHaveDeletedSets);
    }

    [Fact]
    public void Feed_AnotherTableOnly_NoFinding()
    {
        var detector = new TamperDetector(_ => false);

        Assert.Empty(FeedAll(detector, NftMonitorBytes.AddOtherTable));
    }

    [Fact]
    public void Feed_ElementsAddedAndDeletedByAnotherProcess_NoFindingButEachIsHandedOn()
    {
        var elements = new List<string>();
        var detector = new TamperDetector(_ => false) { ElementChanged = c => elements.Add(c.Describe() + " " + c.Elements[0].Address) };

        List<TamperFinding> findings = FeedAll(detector, [.. NftMonitorBytes.AddElement, .. NftMonitorBytes.DeleteElement]);

        Assert.Empty(findings);
        Assert.Equal(["add-element:v4_secured 10.0.0.2", "delete-element:v4_secured 10.0.0.2"], elements);
    }

    [Fact]
    public void Lost_InTheMiddleOfATransaction_FindingWithUnknownProcess()
    {
        var detector = new TamperDetector(_ => true);
        FeedAll(detector, [NftMonitorBytes.AddRule[0]]);

        TamperFinding finding = detector.Lost("notifications-lost");
        List<TamperFinding> after = FeedAll(detector, [NftMonitorBytes.AddRule[1]]);

        Assert.Equal(["notifications-lost", "add-rule:input"], finding.Changes);
        Assert.Equal(0u, finding.ProcessId);
        Assert.True(finding.MayHaveDeletedSets);
        Assert.Empty(after);
    }

    [Fact]
    public void Feed_ManyDistinctChanges_NamesAtMostTheLimitAndCountsTheRest()
    {
        var detector = new TamperDetector(_ => false);
        var changes = new List<NftChange>();
        for (int i = 0; i < 20; i++)
        {
            changes.Add(new NftChange(NftMonitorConstants.NFT_MSG_DELRULE, NftMonitorConstants.NFPROTO_INET, "sesame", "chain" + i, []));
        }

        foreach (NftChange change in changes)
        {
            Assert.Null(detector.Feed(change));
        }

        TamperFinding? finding = detector.Feed(new NftChange(NftMonitorConstants.NFT_MSG_NEWGEN, 0, "", null, [], 9, 1234, "evil"));

        Assert.NotNull(finding);
        Assert.Equal(TamperDetector.MaxNamedChanges + 1, finding.Changes.Count);
        Assert.Equal("+12", finding.Changes[^1]);
    }

    private static List<TamperFinding> FeedAll(TamperDetector detector, IEnumerable<string> datagrams)
    {
        var findings = new List<TamperFinding>();
        foreach (NftChange change in NftMonitorReaderTests.ReadAll(datagrams))
        {
            if (detector.Feed(change) is { } finding)
            {
                findings.Add(finding);
            }
        }

        return findings;
    }
}
