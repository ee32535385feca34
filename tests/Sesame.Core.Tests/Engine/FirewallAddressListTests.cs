using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Engine;

public sealed class FirewallAddressListTests
{
    private const string Client = "198.51.100.9";

    private static FilterRule Add(AddressListTimeout? timeout) => Rule(FilterAction.AddSrcToAddressList) with
    {
        AddressList = "L",
        AddressListTimeout = timeout,
    };

    private static FilterRule DropListed(string list = "L", bool negated = false) =>
        Rule(FilterAction.Drop) with { SrcAddressList = new Negatable<string>(negated, list) };

    private static FirewallHarness WithEntries(FilterRule[] rules, params AddressListEntry[] entries) =>
        new(WithInterfaces(new FirewallConfig { Ipv4Filter = [.. rules], Ipv4AddressList = [.. entries] }));

    [Theory]
    [InlineData(60, 10, 30, 30)] // §10 item 1: a refresh may shorten the remaining time
    [InlineData(10, 5, 30, 30)] // and lengthen it
    public void Process_RefreshDynamicEntry_ResetsTimeoutToRulesValue(int firstSeconds, double elapsed, int secondSeconds, int expectedRemaining)
    {
        var h = new FirewallHarness(
            Add(AddressListTimeout.Timed(TimeSpan.FromSeconds(firstSeconds))) with { DstPort = Negatable<EquatableArray<PortRange>>.Is([new(1, 1)]), Protocol = Negatable<byte>.Is(6) },
            Add(AddressListTimeout.Timed(TimeSpan.FromSeconds(secondSeconds))) with { DstPort = Negatable<EquatableArray<PortRange>>.Is([new(2, 2)]), Protocol = Negatable<byte>.Is(6) });
        h.Tcp(Client, 1);
        DateTimeOffset created = h.Entry("L", Client).CreationTime;
        h.Advance(elapsed);
        h.Tcp(Client, 2);

        AddressListEntryState entry = h.Entry("L", Client);
        Assert.Equal(TimeSpan.FromSeconds(expectedRemaining), entry.Remaining);
        Assert.Equal(created, entry.CreationTime);
        Assert.Equal(
            [AddressListChangeKind.Added, AddressListChangeKind.Refreshed],
            h.Observer.Changes.Select(c => c.Kind));
        Assert.Equal(1, h.Observer.Changes[1].RuleIndex);
    }

    [Fact]
    public void Process_ShortenedEntry_ExpiresAtShorterTime()
    {
        var h = new FirewallHarness(
            Add(AddressListTimeout.Timed(TimeSpan.FromSeconds(60))) with { Protocol = Negatable<byte>.Is(IpProtocols.Tcp) },
            Add(AddressListTimeout.Timed(TimeSpan.FromSeconds(5))) with { Protocol = Negatable<byte>.Is(IpProtocols.Udp) });
        h.Tcp(Client, 1);
        h.Udp(Client, 1, "x");
        h.Advance(5);
        h.Firewall.ExpireDue();
        Assert.False(h.InList("L", Client));
        Assert.Equal(AddressListChangeKind.Expired, h.Observer.Changes[^1].Kind);
    }

    [Theory]
    [InlineData(AddressListTimeoutKind.NoneDynamic, true)]
    [InlineData(AddressListTimeoutKind.NoneStatic, false)]
    public void Process_NoneTimeouts_CreateEntryWithoutTimeout(AddressListTimeoutKind kind, bool dynamic)
    {
        var h = new FirewallHarness(Add(new AddressListTimeout(kind, TimeSpan.Zero)));
        h.Tcp(Client, 22);
        h.Advance(TimeSpan.FromDays(400).TotalSeconds);
        AddressListEntryState e = h.Entry("L", Client);
        Assert.Null(e.Remaining);
        Assert.Equal(dynamic, e.Dynamic);
    }

    [Fact]
    public void Process_DefaultTimeout_IsNoneDynamic()
    {
        var h = new FirewallHarness(Add(null));
        h.Tcp(Client, 22);
        AddressListEntryState e = h.Entry("L", Client);
        Assert.True(e.Dynamic);
        Assert.Null(e.Remaining);
        Assert.Null(h.Observer.Changes.Single().Timeout);
    }

    [Theory]
    [InlineData(AddressListTimeoutKind.NoneStatic, false)] // §10 item 2: none-static makes an existing dynamic entry static
    [InlineData(AddressListTimeoutKind.NoneDynamic, true)] // none-dynamic removes the timeout, stays dynamic
    public void Process_NoneTimeoutOnTimedEntry_RemovesTimeout(AddressListTimeoutKind kind, bool dynamic)
    {
        var h = new FirewallHarness(
            Add(AddressListTimeout.Timed(TimeSpan.FromSeconds(30))) with { Protocol = Negatable<byte>.Is(IpProtocols.Tcp) },
            Add(new AddressListTimeout(kind, TimeSpan.Zero)) with { Protocol = Negatable<byte>.Is(IpProtocols.Udp) });
        h.Tcp(Client, 1);
        h.Udp(Client, 1, "x");
        h.Advance(60);
        AddressListEntryState e = h.Entry("L", Client);
        Assert.Null(e.Remaining);
        Assert.Equal(dynamic, e.Dynamic);
    }

    [Fact]
    public void Process_ExistingStaticEntry_StaysStaticWithoutTimeout()
    {
        var h = WithEntries([Add(AddressListTimeout.Timed(TimeSpan.FromSeconds(30)))], new AddressListEntry { List = "L", Address = Range(Client) });
        h.Tcp(Client, 22);
        AddressListEntryState e = h.Entry("L", Client);
        Assert.False(e.Dynamic);
        Assert.Null(e.Remaining);
        Assert.Empty(h.Observer.Changes);
    }

    [Fact]
    public void Process_ExistingDisabledEntry_StaysDisabledAndDoesNotMatch()
    {
        var h = WithEntries(
            [Add(AddressListTimeout.Timed(TimeSpan.FromSeconds(30))), DropListed()],
            new AddressListEntry { List = "L", Address = Range(Client), Disabled = true, Timeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22).Verdict);
        AddressListEntryState e = h.Entry("L", Client);
        Assert.True(e.Disabled);
        Assert.Equal(TimeSpan.FromSeconds(5), e.Remaining);
        Assert.Empty(h.Observer.Changes);
    }

    [Fact]
    public void Process_CoveringPrefix_DoesNotPreventHostEntry()
    {
        var h = WithEntries([Add(AddressListTimeout.Timed(TimeSpan.FromSeconds(30)))], new AddressListEntry { List = "L", Address = Range("198.51.100.0/24") });
        h.Tcp(Client, 22);
        Assert.Equal(2, h.Firewall.GetAddressLists(IpFamily.V4).Count);
        Assert.Equal(AddressListChangeKind.Added, h.Observer.Changes.Single().Kind);
    }

    [Theory]
    [InlineData("198.51.100.9", "198.51.100.9", false, Verdict.Drop)]
    [InlineData("198.51.100.0/24", "198.51.100.200", false, Verdict.Drop)]
    [InlineData("198.51.100.0/24", "198.51.101.1", false, Verdict.Accept)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.9", false, Verdict.Drop)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.10", false, Verdict.Accept)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.4", false, Verdict.Accept)]
    [InlineData("198.51.100.9", "198.51.100.9", true, Verdict.Accept)]
    [InlineData("198.51.100.9", "198.51.100.10", true, Verdict.Drop)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", false, Verdict.Drop)]
    [InlineData("2001:db8::/32", "2001:db9::1", false, Verdict.Accept)]
    [InlineData("2001:db8::7", "2001:db8::7", false, Verdict.Drop)]
    public void Process_SrcAddressList_MatchesHostsPrefixesRanges(string entry, string source, bool negated, Verdict expected)
    {
        IpRange range = Range(entry);
        var config = WithInterfaces(new FirewallConfig
        {
            Ipv4Filter = [DropListed(negated: negated)],
            Ipv6Filter = [DropListed(negated: negated)],
            Ipv4AddressList = range.Family == IpFamily.V4 ? [new AddressListEntry { List = "L", Address = range }] : [],
            Ipv6AddressList = range.Family == IpFamily.V6 ? [new AddressListEntry { List = "L", Address = range }] : [],
        });
        var h = new FirewallHarness(config);
        string dst = Range(source).Family == IpFamily.V6 ? "2001:db8::1" : RouterAddress;
        Assert.Equal(expected, h.Tcp(source, 22, dst: dst).Verdict);
    }

    [Fact]
    public void Process_Ipv4AndIpv6Lists_AreSeparate()
    {
        var config = WithInterfaces(new FirewallConfig
        {
            Ipv6Filter = [DropListed()],
            Ipv4AddressList = [new AddressListEntry { List = "L", Address = Range("0.0.0.0/0") }],
        });
        var h = new FirewallHarness(config);
        Assert.Equal(Verdict.Accept, h.Tcp("2001:db8::5", 22, dst: "2001:db8::1").Verdict);
    }

    [Theory]
    [InlineData(false, Verdict.Accept)]
    [InlineData(true, Verdict.Drop)] // !list on an empty or unknown list matches everything
    public void Process_UnknownList_MatchesOnlyWhenNegated(bool negated, Verdict expected)
    {
        var h = new FirewallHarness(DropListed("nowhere", negated));
        Assert.Equal(expected, h.Tcp(Client, 22).Verdict);
    }

    [Fact]
    public void Process_DnsNameEntry_NeverMatches()
    {
        var h = WithEntries([DropListed()], new AddressListEntry { List = "L", DnsName = "example.com" });
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22).Verdict);
        Assert.Equal("example.com", h.Firewall.GetAddressLists(IpFamily.V4).Single().DnsName);
    }

    [Fact]
    public void Process_DstAddressList_MatchesDestination()
    {
        var h = WithEntries(
            [Rule(FilterAction.Drop) with { DstAddressList = Negatable<string>.Is("L") }],
            new AddressListEntry { List = "L", Address = Range(RouterAddress) });
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22).Verdict);
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22, dst: "192.0.2.2").Verdict);
    }

    [Fact]
    public void Firewall_InitialDynamicEntry_ExpiresFromConstruction()
    {
        var h = WithEntries(
            [DropListed()],
            new AddressListEntry { List = "L", Address = Range(Client), Timeout = TimeSpan.FromSeconds(10), Comment = "c" });
        AddressListEntryState e = h.Entry("L", Client);
        Assert.Equal((true, TimeSpan.FromSeconds(10), "c"), (e.Dynamic, e.Remaining!.Value, e.Comment));

        h.Advance(9.999);
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22).Verdict);
        h.Advance(0.001);
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22).Verdict);
        Assert.Equal(new AddressListChange(AddressListChangeKind.Expired, IpFamily.V4, "L", Range(Client), null, -1), h.Observer.Changes.Single());
    }

    [Fact]
    public void ExpireDue_SeveralEntries_ReportsInTimeOrder()
    {
        var h = WithEntries(
            [],
            new AddressListEntry { List = "b", Address = Range("10.0.0.1"), Timeout = TimeSpan.FromSeconds(30) },
            new AddressListEntry { List = "a", Address = Range("10.0.0.2"), Timeout = TimeSpan.FromSeconds(10) },
            new AddressListEntry { List = "a", Address = Range("10.0.0.3"), Timeout = TimeSpan.FromSeconds(20) });
        h.Advance(100);
        h.Firewall.ExpireDue();
        Assert.Equal(["10.0.0.2", "10.0.0.3", "10.0.0.1"], h.Observer.Changes.Select(c => c.Address.ToString()));
        Assert.Empty(h.Firewall.GetAddressLists(IpFamily.V4));
    }

    [Fact]
    public void GetAddressLists_OrdersByListThenInsertion()
    {
        var h = WithEntries(
            [],
            new AddressListEntry { List = "z", Address = Range("10.0.0.1") },
            new AddressListEntry { List = "a", Address = Range("10.0.0.9") },
            new AddressListEntry { List = "z", Address = Range("10.0.0.0/8") },
            new AddressListEntry { List = "a", Address = Range("10.0.0.2") });
        Assert.Equal(
            ["a 10.0.0.9", "a 10.0.0.2", "z 10.0.0.1", "z 10.0.0.0/8"],
            h.Firewall.GetAddressLists(IpFamily.V4).Select(e => $"{e.List} {e.Address}"));
    }
}
