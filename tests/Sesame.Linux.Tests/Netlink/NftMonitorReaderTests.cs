using Sesame.Linux.Netlink;
using Sesame.Net;

namespace Sesame.Tests.Netlink;

public sealed class NftMonitorReaderTests
{
    [Fact]
    public void TryReadNext_CapturedAddChain_NamesTableChainAndCommittingProcess()
    {
        List<NftChange> changes = ReadAll(NftMonitorBytes.AddChain);

        Assert.Equal(2, changes.Count);
        Assert.Equal(NftMonitorConstants.NFT_MSG_NEWCHAIN, changes[0].Type);
        Assert.Equal(NftMonitorConstants.NFPROTO_INET, changes[0].Family);
        Assert.Equal("sesame", changes[0].Table);
        Assert.Equal("input", changes[0].Name);
        Assert.Equal("add-chain:input", changes[0].Describe());
        Assert.True(changes[1].IsGeneration);
        Assert.Equal(0x2477u, changes[1].ProcessId);
        Assert.Equal("nft", changes[1].ProcessName);
        Assert.Equal(3u, changes[1].Generation);
    }

    [Fact]
    public void TryReadNext_CapturedAddRule_NamesTheRulesChain()
    {
        NftChange rule = ReadAll(NftMonitorBytes.AddRule)[0];

        Assert.Equal(NftMonitorConstants.NFT_MSG_NEWRULE, rule.Type);
        Assert.Equal("add-rule:input", rule.Describe());
    }

    [Fact]
    public void TryReadNext_CapturedFlushRuleset_YieldsEveryDeletionOfBothTables()
    {
        List<NftChange> changes = ReadAll(NftMonitorBytes.FlushRuleset);

        Assert.Equal(["delete-set:v4_secured", "delete-chain:input", "delete-table", "delete-table", "message-15"], changes.Select(c => c.Describe()));
        Assert.Equal(["sesame", "sesame", "sesame", "other"], changes.Take(4).Select(c => c.Table));
        Assert.Equal((byte)2, changes[3].Family); // NFPROTO_IPV4: table ip other
    }

    [Fact]
    public void TryReadNext_CapturedAddElement_DecodesAddressTimeoutAndTimeLeft()
    {
        NftChange added = ReadAll(NftMonitorBytes.AddElement)[0];

        Assert.Equal(NftMonitorConstants.NFT_MSG_NEWSETELEM, added.Type);
        Assert.Equal("v4_secured", added.Name);
        (IpRange address, NftElementState state) = Assert.Single(added.Elements);
        Assert.Equal(IpRange.Host(System.Net.IPAddress.Parse("10.0.0.2")), address);
        Assert.Equal(TimeSpan.FromMinutes(30), state.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(30), state.Expires);
    }

    [Fact]
    public void TryReadNext_CapturedDeleteElementV6_DecodesTheAddress()
    {
        NftChange deleted = ReadAll(NftMonitorBytes.DeleteElement)[0];
        NftChange addedV6 = ReadAll(NftMonitorBytes.AddElementV6)[0];

        Assert.Equal(NftMonitorConstants.NFT_MSG_DELSETELEM, deleted.Type);
        Assert.Equal(IpRange.Host(System.Net.IPAddress.Parse("10.0.0.2")), Assert.Single(deleted.Elements).Address);
        Assert.Equal(IpRange.Host(System.Net.IPAddress.Parse("2001:db8::5")), Assert.Single(addedV6.Elements).Address);
        Assert.Equal(TimeSpan.FromSeconds(1), addedV6.Elements[0].State.Timeout);
    }

    [Fact]
    public void TryReadNext_EveryTruncationOfACapturedDatagram_ReportsAnError()
    {
        byte[] datagram = Convert.FromHexString(NftMonitorBytes.FlushRuleset[0]);
        var boundaries = new HashSet<int>();
        for (int at = 0; at < datagram.Length; at += (BitConverter.ToInt32(datagram, at) + 3) & ~3)
        {
            boundaries.Add(at);
        }

        Assert.Equal(4, boundaries.Count);
        for (int cut = 1; cut < datagram.Length; cut++)
        {
            if (boundaries.Contains(cut))
            {
                continue; // a datagram of whole messages
            }

            var reader = new NftMonitorReader(datagram.AsSpan(0, cut));
            while (reader.TryReadNext(out _))
            {
            }

            Assert.True(reader.Error is not null, $"a datagram cut to {cut} of {datagram.Length} bytes was read without an error");
        }
    }

    [Fact]
    public void TryReadNext_AttributeLongerThanItsMessage_ErrorSticks()
    {
        byte[] datagram = [.. Convert.FromHexString(NftMonitorBytes.AddChain[0]), .. Convert.FromHexString(NftMonitorBytes.AddChain[1])];
        datagram[20] = 0xff; // the first attribute (NFTA_CHAIN_TABLE) claims 255 bytes

        var reader = new NftMonitorReader(datagram);
        bool any = reader.TryReadNext(out _);
        bool more = reader.TryReadNext(out _);

        Assert.False(any);
        Assert.False(more);
        Assert.Contains("truncated", reader.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadNext_AcknowledgementBetweenNotifications_IsSkipped()
    {
        byte[] ack = new byte[36];
        ack[0] = 36;
        ack[4] = 2; // NLMSG_ERROR with errno 0
        byte[] datagram = [.. ack, .. Convert.FromHexString(NftMonitorBytes.AddTable[0])];

        List<NftChange> changes = ReadAll([Convert.ToHexString(datagram)]);

        Assert.Equal("add-table", Assert.Single(changes).Describe());
    }

    internal static List<NftChange> ReadAll(IEnumerable<string> datagrams)
    {
        var changes = new List<NftChange>();
        foreach (string hex in datagrams)
        {
            var reader = new NftMonitorReader(Convert.FromHexString(hex));
            while (reader.TryReadNext(out NftChange change))
            {
                changes.Add(change);
            }

            Assert.Null(reader.Error);
        }

        return changes;
    }
}
