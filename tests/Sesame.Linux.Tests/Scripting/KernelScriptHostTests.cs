using Sesame.Linux.Scripting;
using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

public sealed class KernelScriptHostTests
{
    private static readonly IpRange A = Ip.Range("203.0.113.7");
    private static readonly IpRange B = Ip.Range("203.0.113.8");
    private static readonly IpRange V6 = Ip.Range("2001:db8::5");

    private readonly FakeClock _clock = new();
    private readonly FakeAddressListStore _store;
    private readonly List<ScriptListChange> _changes = [];

    public KernelScriptHostTests()
    {
        _store = new FakeAddressListStore(_clock, (IpFamily.V4, "knock2"), (IpFamily.V4, "secured"), (IpFamily.V6, "secured"));
    }

    [Fact]
    public void GetEntries_ElementsOfEveryList_InAddedOrderWithStableIds()
    {
        _store.Seed("knock2", A, TimeSpan.FromSeconds(30));
        _clock.Advance(TimeSpan.FromSeconds(5));
        _store.Seed("secured", B, TimeSpan.FromMinutes(30), "by hand");
        KernelScriptHost host = Host();

        IReadOnlyList<ScriptListEntry> first = host.GetEntries(IpFamily.V4);
        IReadOnlyList<ScriptListEntry> second = host.GetEntries(IpFamily.V4);

        Assert.Equal(["knock2", "secured"], first.Select(e => e.List));
        Assert.Equal(first.Select(e => e.Id), second.Select(e => e.Id));
        Assert.Equal(TimeSpan.FromSeconds(25), first[0].Timeout);
        Assert.True(first[0].Dynamic);
        Assert.Equal("by hand", first[1].Comment);
        Assert.Empty(host.GetEntries(IpFamily.V6));
    }

    [Fact]
    public void AddEntry_TimeoutAndComment_WrittenToTheSetAndReported()
    {
        KernelScriptHost host = Host();

        long id = host.AddEntry(IpFamily.V4, new ScriptListEntryRequest("secured", A, null, TimeSpan.FromMinutes(30), false, false, "granted-by-script"));

        Assert.Equal((TimeSpan.FromMinutes(30), "granted-by-script"), _store.Element("secured", A));
        ScriptListEntry entry = host.GetEntry(IpFamily.V4, id)!;
        Assert.Equal(A, entry.Address);
        Assert.Equal("granted-by-script", entry.Comment);
        Assert.Equal([new ScriptListChange("secured", A, TimeSpan.FromMinutes(30), true, "test")], _changes);
    }

    [Fact]
    public void AddEntry_AddressAlreadyInList_FailsAsRouterOs()
    {
        _store.Seed("secured", A, TimeSpan.FromMinutes(1));
        KernelScriptHost host = Host();

        var e = Assert.Throws<ScriptHostException>(() => host.AddEntry(IpFamily.V4, Request("secured", A)));

        Assert.Equal("failure: already have such entry", e.Message);
        Assert.Equal(0, _store.Writes);
    }

    [Fact]
    public void AddEntry_ListTheTableHasNoSetFor_RefusedNamingItWithoutWriting()
    {
        KernelScriptHost host = Host();

        var e = Assert.Throws<ScriptHostException>(() => host.AddEntry(IpFamily.V4, Request("secure", A)));

        Assert.Contains("no IPv4 address list 'secure'", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _store.Writes);
        Assert.Throws<ScriptHostException>(() => host.AddEntry(IpFamily.V6, Request("knock2", V6)));
    }

    [Theory]
    [InlineData("10.0.0.0/24", "prefixes and ranges")]
    [InlineData("2001:db8::1", "not an IPv4 address")]
    public void AddEntry_NotOneAddressOfTheFamily_Refused(string address, string message)
    {
        KernelScriptHost host = Host();

        var e = Assert.Throws<ScriptHostException>(() => host.AddEntry(IpFamily.V4, Request("secured", Ip.Range(address))));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _store.Writes);
    }

    [Theory]
    [InlineData("a\0b", "NUL")]
    [InlineData(null, "at most 128")]
    public void AddEntry_CommentTheKernelCannotKeep_Refused(string? comment, string message)
    {
        KernelScriptHost host = Host();
        comment ??= new string('x', 129);

        var e = Assert.Throws<ScriptHostException>(() =>
            host.AddEntry(IpFamily.V4, new ScriptListEntryRequest("secured", A, null, TimeSpan.FromMinutes(1), false, false, comment)));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Equal(0, _store.Writes);
    }

    [Fact]
    public void AddEntry_HostileCommentWithinTheLimit_KeptAsData()
    {
        KernelScriptHost host = Host();
        const string hostile = "x\"; flush ruleset; }\n# \u001b[31m";

        host.AddEntry(IpFamily.V4, new ScriptListEntryRequest("secured", A, null, TimeSpan.FromMinutes(1), false, false, hostile));

        Assert.Equal(hostile, _store.Element("secured", A).Comment);
    }

    [Fact]
    public void RemoveEntry_EntryThatExpiredMeanwhile_NoSuchItem()
    {
        _store.Seed("knock2", A, TimeSpan.FromSeconds(30));
        KernelScriptHost host = Host();
        long id = host.GetEntries(IpFamily.V4)[0].Id;
        _clock.Advance(TimeSpan.FromSeconds(31));

        var e = Assert.Throws<ScriptHostException>(() => host.RemoveEntry(IpFamily.V4, id));

        Assert.Equal("no such item", e.Message);
        Assert.Null(host.GetEntry(IpFamily.V4, id));
    }

    [Fact]
    public void RemoveEntry_Present_GoneAndReported()
    {
        _store.Seed("knock2", A, TimeSpan.FromSeconds(30));
        KernelScriptHost host = Host();
        long id = host.GetEntries(IpFamily.V4)[0].Id;

        host.RemoveEntry(IpFamily.V4, id);

        Assert.False(_store.Contains("knock2", A));
        Assert.Equal([new ScriptListChange("knock2", A, null, false, "test")], _changes);
        Assert.Throws<ScriptHostException>(() => host.RemoveEntry(IpFamily.V4, id));
    }

    [Fact]
    public void SetEntry_CommentOnly_KeepsTheTimeLeft()
    {
        _store.Seed("secured", A, TimeSpan.FromMinutes(30));
        KernelScriptHost host = Host();
        long id = host.GetEntries(IpFamily.V4)[0].Id;
        _clock.Advance(TimeSpan.FromMinutes(10));

        host.SetEntry(IpFamily.V4, id, new ScriptListEntryUpdate(Comment: "note"));

        Assert.Equal((TimeSpan.FromMinutes(20), "note"), _store.Element("secured", A));
        Assert.Equal(id, host.GetEntries(IpFamily.V4).Single().Id);
    }

    [Fact]
    public void SetEntry_OtherList_MovesKeepingTheId()
    {
        _store.Seed("knock2", A, TimeSpan.FromSeconds(30), "c");
        KernelScriptHost host = Host();
        long id = host.GetEntries(IpFamily.V4)[0].Id;

        host.SetEntry(IpFamily.V4, id, new ScriptListEntryUpdate(List: "secured", Timeout: TimeSpan.FromMinutes(30)));

        Assert.False(_store.Contains("knock2", A));
        Assert.Equal((TimeSpan.FromMinutes(30), "c"), _store.Element("secured", A));
        Assert.Equal("secured", host.GetEntry(IpFamily.V4, id)!.List);
    }

    [Fact]
    public void Entries_ConfigurationPrefix_ShownAndReadOnly()
    {
        FirewallConfig config = Configs.Parse("""
            /ip firewall address-list
            add address=198.51.100.0/24 list=secured comment=office
            """);
        KernelScriptHost host = Host(config);

        ScriptListEntry office = Assert.Single(host.GetEntries(IpFamily.V4));

        Assert.Equal(("secured", "office", false), (office.List, office.Comment, office.Dynamic));
        var e = Assert.Throws<ScriptHostException>(() => host.RemoveEntry(IpFamily.V4, office.Id));
        Assert.Contains("configuration", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedGrantScript_EveryKnock2Address_MovesToSecuredWithCommentAndTimeout()
    {
        IpRange[] knocked = [.. Enumerable.Range(1, 50).Select(i => Ip.Range($"198.51.100.{i}"))];
        foreach (IpRange address in knocked)
        {
            _store.Seed("knock2", address, TimeSpan.FromSeconds(30));
        }

        KernelScriptHost host = Host();

        // The seed's check-and-grant, step by step as the interpreter calls the host.
        foreach (ScriptListEntry entry in host.GetEntries(IpFamily.V4).Where(e => e.List == "knock2").ToList())
        {
            IpRange ip = host.GetEntry(IpFamily.V4, entry.Id)!.Address!.Value;
            host.AddEntry(IpFamily.V4, new ScriptListEntryRequest("secured", ip, null, TimeSpan.FromMinutes(30), false, false, "granted-by-script"));
            host.RemoveEntry(IpFamily.V4, entry.Id);
        }

        Assert.All(knocked, a => Assert.Equal((TimeSpan.FromMinutes(30), "granted-by-script"), _store.Element("secured", a)));
        Assert.DoesNotContain(host.GetEntries(IpFamily.V4), e => e.List == "knock2");
    }

    private KernelScriptHost Host(FirewallConfig? config = null) =>
        new(config ?? FirewallConfig.Empty, _store, new ReadOnlyFilterRules(config ?? FirewallConfig.Empty), _clock, _changes.Add, "test");

    private static ScriptListEntryRequest Request(string list, IpRange address) =>
        new(list, address, null, TimeSpan.FromMinutes(1), false, false, null);
}
