using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Engine;

public sealed class FirewallScriptApiTests
{
    private const string Client = "198.51.100.9";

    private static ScriptListEntryRequest Request(string list, string address, TimeSpan? timeout = null, string? comment = null) =>
        new(list, Range(address), null, timeout, false, false, comment);

    private static FilterRule DropListed(string list) => Rule(FilterAction.Drop) with { SrcAddressList = new Negatable<string>(false, list) };

    [Fact]
    public void AddEntry_ListNoRuleNames_IsKeptAndPrinted()
    {
        var h = new FirewallHarness(DropListed("blocked"));

        long id = h.Firewall.AddEntry(IpFamily.V4, Request("fresh-list", Client, comment: "by hand"), "s");

        ScriptListEntry entry = Assert.Single(h.Firewall.GetEntries(IpFamily.V4));
        Assert.Equal(id, entry.Id);
        Assert.Equal("fresh-list", entry.List);
        Assert.Equal(Range(Client), entry.Address);
        Assert.Equal("by hand", entry.Comment);
        Assert.Null(entry.Timeout);
        Assert.False(entry.Dynamic);
        Assert.True(h.InList("fresh-list", Client));
    }

    [Fact]
    public void AddEntry_ListARuleMatches_RuleSeesTheEntry()
    {
        var h = new FirewallHarness(DropListed("blocked"));
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22).Verdict);

        h.Firewall.AddEntry(IpFamily.V4, Request("blocked", Client), "s");

        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22).Verdict);
    }

    [Fact]
    public void AddEntry_SameAddressTwice_FailsAsRouterOs()
    {
        var h = new FirewallHarness();
        h.Firewall.AddEntry(IpFamily.V4, Request("L", Client), "s");

        var ex = Assert.Throws<ScriptHostException>(() => h.Firewall.AddEntry(IpFamily.V4, Request("L", Client), "s"));

        Assert.Equal("failure: already have such entry", ex.Message);
        Assert.Single(h.Firewall.GetEntries(IpFamily.V4));
        // The same address in another list is another entry.
        h.Firewall.AddEntry(IpFamily.V4, Request("M", Client), "s");
        Assert.Equal(2, h.Firewall.GetEntries(IpFamily.V4).Count);
    }

    [Fact]
    public void AddEntry_DuplicateOfConfigEntry_Fails()
    {
        var h = new FirewallHarness(WithInterfaces(new FirewallConfig
        {
            Ipv4AddressList = [new AddressListEntry { List = "L", Address = Range("10.0.0.0/8") }],
        }));

        Assert.Throws<ScriptHostException>(() => h.Firewall.AddEntry(IpFamily.V4, Request("L", "10.0.0.0/8"), "s"));
        h.Firewall.AddEntry(IpFamily.V4, Request("L", "10.0.0.0/16"), "s"); // an overlap is another entry
    }

    [Fact]
    public void AddEntry_AddressOfOtherFamily_Refused()
    {
        var h = new FirewallHarness();

        Assert.Throws<ScriptHostException>(() => h.Firewall.AddEntry(IpFamily.V4, Request("L", "2001:db8::1"), "s"));
        Assert.Throws<ScriptHostException>(() => h.Firewall.AddEntry(IpFamily.V6, Request("L", Client), "s"));
        Assert.Empty(h.Firewall.GetEntries(IpFamily.V4));
        Assert.Empty(h.Firewall.GetEntries(IpFamily.V6));
    }

    [Fact]
    public void AddEntry_Ipv6_KeptApartFromIpv4ListOfSameName()
    {
        var h = new FirewallHarness(WithInterfaces(new FirewallConfig
        {
            Ipv6Filter = [Rule(FilterAction.Drop) with { SrcAddressList = new Negatable<string>(false, "L") }],
        }));

        long v6 = h.Firewall.AddEntry(IpFamily.V6, Request("L", "2001:db8::9", TimeSpan.FromMinutes(30)), "s");
        h.Firewall.AddEntry(IpFamily.V4, Request("L", Client), "s");

        ScriptListEntry entry = Assert.Single(h.Firewall.GetEntries(IpFamily.V6));
        Assert.Equal(v6, entry.Id);
        Assert.True(entry.Dynamic);
        Assert.Equal(TimeSpan.FromMinutes(30), entry.Timeout);
        Assert.Null(h.Firewall.GetEntry(IpFamily.V4, v6));
        Assert.Equal(Verdict.Drop, h.Tcp("2001:db8::9", 22, dst: "2001:db8::1").Verdict);
        Assert.Equal(Verdict.Accept, h.Tcp("2001:db8::8", 22, dst: "2001:db8::1").Verdict);
    }

    [Fact]
    public void GetEntries_AfterRemovalsAndReuse_InsertionOrderAndStableIds()
    {
        var h = new FirewallHarness();
        long a = h.Firewall.AddEntry(IpFamily.V4, Request("L", "10.0.0.1"), "s");
        long b = h.Firewall.AddEntry(IpFamily.V4, Request("L", "10.0.0.2"), "s");
        h.Firewall.RemoveEntry(IpFamily.V4, a, "s");
        long c = h.Firewall.AddEntry(IpFamily.V4, Request("L", "10.0.0.3"), "s"); // reuses a's slot

        Assert.Equal([b, c], h.Firewall.GetEntries(IpFamily.V4).Select(e => e.Id));
        Assert.NotEqual(a, c);
        Assert.Null(h.Firewall.GetEntry(IpFamily.V4, a));
        Assert.Equal(Range("10.0.0.3"), h.Firewall.GetEntry(IpFamily.V4, c)!.Address);
        var ex = Assert.Throws<ScriptHostException>(() => h.Firewall.RemoveEntry(IpFamily.V4, a, "s"));
        Assert.Equal("no such item", ex.Message);
    }

    [Fact]
    public void GetEntry_ExpiredEntry_Gone()
    {
        var h = new FirewallHarness();
        long id = h.Firewall.AddEntry(IpFamily.V4, Request("L", Client, TimeSpan.FromSeconds(10)), "s");
        h.Advance(4);
        Assert.Equal(TimeSpan.FromSeconds(6), h.Firewall.GetEntry(IpFamily.V4, id)!.Timeout);

        h.Advance(6);

        Assert.Null(h.Firewall.GetEntry(IpFamily.V4, id));
        Assert.Equal(AddressListChangeKind.Expired, h.Observer.Changes[^1].Kind);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    [InlineData((2L << 32) | 0)] // sequence 2 in slot 0: the slot holds sequence 1
    [InlineData((1L << 32) | 1)] // sequence 1 in slot 1: an unused slot
    public void GetEntry_BogusId_Null(long id)
    {
        var h = new FirewallHarness();
        h.Firewall.AddEntry(IpFamily.V4, Request("L", Client), "s");

        Assert.Null(h.Firewall.GetEntry(IpFamily.V4, id));
        Assert.Throws<ScriptHostException>(() => h.Firewall.SetEntry(IpFamily.V4, id, new ScriptListEntryUpdate(Comment: "x"), "s"));
    }

    [Fact]
    public void RemoveEntry_StaticEntry_StopsMatchingAndIsReported()
    {
        var h = new FirewallHarness(DropListed("blocked"));
        long id = h.Firewall.AddEntry(IpFamily.V4, Request("blocked", Client, comment: "c"), "cleaner");

        h.Firewall.RemoveEntry(IpFamily.V4, id, "cleaner");

        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22).Verdict);
        AddressListChange removed = h.Observer.Changes[^1];
        Assert.Equal(AddressListChangeKind.Removed, removed.Kind);
        Assert.Equal("blocked", removed.List);
        Assert.Equal(Range(Client), removed.Address);
        Assert.Equal("cleaner", removed.Script);
        Assert.Equal(-1, removed.RuleIndex);
    }

    [Fact]
    public void AddEntry_Observer_ToldWithCommentTimeoutAndScript()
    {
        var h = new FirewallHarness();

        h.Firewall.AddEntry(IpFamily.V4, Request("secured", Client, TimeSpan.FromMinutes(30), "granted-by-script"), "check-and-grant");

        AddressListChange added = Assert.Single(h.Observer.Changes);
        Assert.Equal(AddressListChangeKind.Added, added.Kind);
        Assert.Equal("secured", added.List);
        Assert.Equal(TimeSpan.FromMinutes(30), added.Timeout);
        Assert.Equal("granted-by-script", added.Comment);
        Assert.Equal("check-and-grant", added.Script);
    }

    [Fact]
    public void SetEntry_TimeoutCommentDisabled_ChangedInPlace()
    {
        var h = new FirewallHarness(DropListed("L"));
        long id = h.Firewall.AddEntry(IpFamily.V4, Request("L", Client, comment: "old"), "s");

        h.Firewall.SetEntry(IpFamily.V4, id, new ScriptListEntryUpdate(Timeout: TimeSpan.FromSeconds(20), Comment: "new"), "s");
        ScriptListEntry entry = h.Firewall.GetEntry(IpFamily.V4, id)!;
        Assert.Equal(TimeSpan.FromSeconds(20), entry.Timeout);
        Assert.True(entry.Dynamic);
        Assert.Equal("new", entry.Comment);
        Assert.Equal(AddressListChangeKind.Changed, h.Observer.Changes[^1].Kind);
        Assert.Equal("new", h.Observer.Changes[^1].Comment);

        h.Firewall.SetEntry(IpFamily.V4, id, new ScriptListEntryUpdate(Disabled: true), "s");
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22).Verdict);
        h.Firewall.SetEntry(IpFamily.V4, id, new ScriptListEntryUpdate(Disabled: false, ClearTimeout: true, ClearComment: true), "s");
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22).Verdict);
        entry = h.Firewall.GetEntry(IpFamily.V4, id)!;
        Assert.Null(entry.Timeout);
        Assert.Null(entry.Comment);
        h.Advance(60);
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22).Verdict); // the timeout is gone, so it never expires
    }

    [Fact]
    public void SetEntry_ShorterTimeout_ExpiresAtNewTime()
    {
        var h = new FirewallHarness();
        long id = h.Firewall.AddEntry(IpFamily.V4, Request("L", Client, TimeSpan.FromHours(1)), "s");

        h.Firewall.SetEntry(IpFamily.V4, id, new ScriptListEntryUpdate(Timeout: TimeSpan.FromSeconds(5)), "s");
        h.Advance(5);

        Assert.Empty(h.Firewall.GetEntries(IpFamily.V4));
    }

    [Fact]
    public void SetEntry_NewListAndAddress_MovesKeepingIdAndReportsRemovedThenAdded()
    {
        var h = new FirewallHarness(DropListed("secured"));
        long id = h.Firewall.AddEntry(IpFamily.V4, Request("knock2", Client, TimeSpan.FromSeconds(30)), "s");

        h.Firewall.SetEntry(IpFamily.V4, id, new ScriptListEntryUpdate(List: "secured", Address: Range("198.51.100.10")), "mover");

        ScriptListEntry entry = Assert.Single(h.Firewall.GetEntries(IpFamily.V4));
        Assert.Equal(id, entry.Id);
        Assert.Equal("secured", entry.List);
        Assert.Equal(Range("198.51.100.10"), entry.Address);
        Assert.Equal(Verdict.Drop, h.Tcp("198.51.100.10", 22).Verdict);
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22).Verdict);
        Assert.Equal(
            [(AddressListChangeKind.Removed, "knock2"), (AddressListChangeKind.Added, "secured")],
            h.Observer.Changes.Skip(1).Select(c => (c.Kind, c.List)));
        h.Advance(30);
        Assert.Empty(h.Firewall.GetEntries(IpFamily.V4)); // the timeout moved with it
    }

    [Fact]
    public void SetEntry_MoveOntoExistingEntry_Refused()
    {
        var h = new FirewallHarness();
        long id = h.Firewall.AddEntry(IpFamily.V4, Request("knock2", Client), "s");
        h.Firewall.AddEntry(IpFamily.V4, Request("secured", Client), "s");

        var ex = Assert.Throws<ScriptHostException>(() => h.Firewall.SetEntry(IpFamily.V4, id, new ScriptListEntryUpdate(List: "secured"), "s"));

        Assert.Equal("failure: already have such entry", ex.Message);
        Assert.Equal("knock2", h.Firewall.GetEntry(IpFamily.V4, id)!.List);
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("\u001b[31mred")]
    [InlineData("x\"; /system reset-configuration; #}")]
    [InlineData("nul\0byte")]
    public void AddEntry_HostileCommentAndListName_KeptVerbatim(string text)
    {
        var h = new FirewallHarness();

        long id = h.Firewall.AddEntry(IpFamily.V4, Request(text, Client, comment: text), "s");

        ScriptListEntry entry = h.Firewall.GetEntry(IpFamily.V4, id)!;
        Assert.Equal(text, entry.List);
        Assert.Equal(text, entry.Comment);
        Assert.Equal(text, h.Observer.Changes.Single().Comment);
    }

    [Fact]
    public void AddEntry_MegabyteComment_Kept()
    {
        var h = new FirewallHarness();
        string comment = new('c', 1 << 20);

        long id = h.Firewall.AddEntry(IpFamily.V4, Request("L", Client, comment: comment), "s");

        Assert.Equal(comment, h.Firewall.GetEntry(IpFamily.V4, id)!.Comment);
    }

    [Fact]
    public void AddEntry_ManyNewLists_RulesStillMatchTheirOwn()
    {
        var h = new FirewallHarness(DropListed("blocked"));
        for (int i = 0; i < 100; i++)
        {
            h.Firewall.AddEntry(IpFamily.V4, Request($"list{i}", Client), "s");
            h.Firewall.AddEntry(IpFamily.V6, Request($"list{i}", "2001:db8::9"), "s");
        }

        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22).Verdict);
        h.Firewall.AddEntry(IpFamily.V4, Request("blocked", Client), "s");
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22).Verdict);
        Assert.Equal(101, h.Firewall.GetEntries(IpFamily.V4).Count);
    }

    [Fact]
    public void SetRulesDisabled_DisableAndEnable_SkippedWhileDisabledCountersKept()
    {
        var h = new FirewallHarness(Rule(FilterAction.Drop) with { Protocol = Negatable<byte>.Is(IpProtocols.Tcp) });
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22).Verdict);

        h.Firewall.SetRulesDisabled(IpFamily.V4, [0], disabled: true);
        Assert.True(h.Firewall.IsRuleDisabled(IpFamily.V4, 0));
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22).Verdict);
        Assert.Equal(1, h.Firewall.GetCounter(IpFamily.V4, 0).Packets);

        h.Firewall.SetRulesDisabled(IpFamily.V4, [0], disabled: false);
        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22).Verdict);
        Assert.Equal(2, h.Firewall.GetCounter(IpFamily.V4, 0).Packets);
    }

    [Fact]
    public void SetRulesDisabled_ConfigDisabledRule_CanBeEnabled()
    {
        var h = new FirewallHarness(Rule(FilterAction.Drop) with { Disabled = true });
        Assert.True(h.Firewall.IsRuleDisabled(IpFamily.V4, 0));
        Assert.Equal(Verdict.Accept, h.Tcp(Client, 22).Verdict);

        h.Firewall.SetRulesDisabled(IpFamily.V4, [0], disabled: false);

        Assert.Equal(Verdict.Drop, h.Tcp(Client, 22).Verdict);
    }

    [Fact]
    public void SetRulesDisabled_EnableStatefulRule_TrackingTurnsOn()
    {
        FilterRule established = Rule(FilterAction.Accept) with
        {
            ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established),
            Disabled = true,
        };
        var firewall = new Firewall(WithInterfaces(new FirewallConfig { Ipv4Filter = [established] }), new Time.ManualTimeProvider(), ConnectionTracking.Auto);
        Assert.False(firewall.TracksConnections);

        firewall.SetRulesDisabled(IpFamily.V4, [0], disabled: false);

        Assert.True(firewall.TracksConnections);
    }

    [Fact]
    public void SetRulesDisabled_IndexOutOfRange_NoSuchItemAndNothingChanged()
    {
        var h = new FirewallHarness(Rule(FilterAction.Drop));

        Assert.Throws<ScriptHostException>(() => h.Firewall.SetRulesDisabled(IpFamily.V4, [0, 5], disabled: true));

        Assert.False(h.Firewall.IsRuleDisabled(IpFamily.V4, 0));
        Assert.Throws<ScriptHostException>(() => h.Firewall.SetRulesDisabled(IpFamily.V6, [0], disabled: true));
    }

    [Fact]
    public void GetEntries_AfterEachKindOfChange_SeesIt()
    {
        var h = new FirewallHarness(Rule(FilterAction.AddSrcToAddressList) with { AddressList = "L", AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromSeconds(5)) });
        Assert.Empty(h.Firewall.GetEntries(IpFamily.V4));

        h.Tcp(Client, 22); // a rule adds
        ScriptListEntry added = Assert.Single(h.Firewall.GetEntries(IpFamily.V4));
        Assert.Same(h.Firewall.GetEntries(IpFamily.V4), h.Firewall.GetEntries(IpFamily.V4)); // nothing changed: one snapshot

        h.Firewall.SetEntry(IpFamily.V4, added.Id, new ScriptListEntryUpdate(Comment: "c"), "s");
        Assert.Equal("c", Assert.Single(h.Firewall.GetEntries(IpFamily.V4)).Comment);

        h.Advance(1); // time moves: the timeout left is read again
        Assert.Equal(TimeSpan.FromSeconds(4), Assert.Single(h.Firewall.GetEntries(IpFamily.V4)).Timeout);

        h.Tcp(Client, 22); // a rule refreshes
        Assert.Equal(TimeSpan.FromSeconds(5), Assert.Single(h.Firewall.GetEntries(IpFamily.V4)).Timeout);

        h.Advance(5); // it expires
        Assert.Empty(h.Firewall.GetEntries(IpFamily.V4));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(21474837.0)]
    public void AddEntry_TimeoutOutOfRange_RefusedAsRouterOs(double seconds)
    {
        var h = new FirewallHarness();

        var ex = Assert.Throws<ScriptHostException>(() => h.Firewall.AddEntry(IpFamily.V4, Request("L", Client, TimeSpan.FromSeconds(seconds)), "s"));

        Assert.Equal("value of timeout is out of range (00:00:00 .. 35w3d13:13:56)", ex.Message);
        Assert.Empty(h.Firewall.GetEntries(IpFamily.V4));
        long id = h.Firewall.AddEntry(IpFamily.V4, Request("L", Client, RouterOsTime.Max), "s");
        Assert.Throws<ScriptHostException>(() => h.Firewall.SetEntry(IpFamily.V4, id, new ScriptListEntryUpdate(Timeout: TimeSpan.FromSeconds(seconds)), "s"));
        Assert.Equal(RouterOsTime.Max, h.Firewall.GetEntry(IpFamily.V4, id)!.Timeout);
    }
}
