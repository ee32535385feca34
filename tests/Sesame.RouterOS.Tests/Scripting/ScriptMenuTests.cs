using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Scripting;

/// <summary>Menu commands inside scripts: address lists of both families, filter rules, /system script run, the current menu.</summary>
public sealed class ScriptMenuTests
{
    private static ScriptRun WithEntries(params (string Name, string Source)[] scripts)
    {
        var run = new ScriptRun(scripts);
        run.Host.Add("knock1", "198.51.100.1", TimeSpan.FromSeconds(30), "first");
        run.Host.Add("knock2", "203.0.113.7", null, "x-granted-y");
        run.Host.Add("knock2", "1.2.3.4");
        run.Host.Add("trusted", "10.0.0.0/8");
        run.Host.Add("knock2", "2001:db8::7", TimeSpan.FromMinutes(1));
        return run;
    }

    [Theory]
    [InlineData("find list=knock2", 2)]
    [InlineData("find where list=knock2 and address=1.2.3.4", 1)]
    [InlineData("find where list=knock2 && address=9.9.9.9", 0)]
    [InlineData("find list=knock2 address=203.0.113.7", 1)]
    [InlineData("find comment~\"granted\"", 1)]
    [InlineData("find dynamic", 1)]
    [InlineData("find !dynamic", 3)]
    [InlineData("find where !dynamic and list=knock2", 2)]
    [InlineData("find", 4)]
    [InlineData("find where address in 1.0.0.0/8", 1)]
    [InlineData("find where list=knock1 or list=trusted", 2)]
    [InlineData("find where (list=knock1 or list=trusted) and dynamic", 1)]
    [InlineData("find li=knock2", 2)]
    public void Find_Conditions_CountMatches(string find, int expected)
    {
        ScriptRun run = WithEntries();
        ScriptRunResultAssert.Succeeded(run.Code($":put [:len [/ip firewall address-list {find}]]"));
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(run.Log.Puts));
    }

    [Fact]
    public void Find_ReturnsIds_GetReadsProperties()
    {
        ScriptRun run = WithEntries();
        ScriptRunResultAssert.Succeeded(run.Code("""
            :local ids [/ip firewall address-list find list=knock1]
            :put [:typeof ($ids->0)]
            :local id ($ids->0)
            :put [/ip firewall address-list get $id address]
            :put [:typeof [/ip firewall address-list get $id address]]
            :put [/ip firewall address-list get $id list]
            :put [/ip firewall address-list get $id comment]
            :put [/ip firewall address-list get $id timeout]
            :put [/ip firewall address-list get $id dynamic]
            :put [/ip firewall address-list get $id disabled]
            :put [:typeof [/ip firewall address-list get [find list=trusted] address]]
            :put [/ipv6 firewall address-list get [/ipv6 firewall address-list find list=knock2] address]
            """));
        Assert.Equal(
            ["id", "198.51.100.1", "ip", "knock1", "first", "00:00:30", "true", "false", "ip-prefix", "2001:db8::7"],
            run.Log.Puts);
    }

    [Fact]
    public void CurrentMenu_PathAloneChangesIt()
    {
        ScriptRun run = WithEntries();
        ScriptRunResultAssert.Succeeded(run.Code("""
            /ip firewall address-list
            add list=new address=192.0.2.1 comment="by menu"
            :put [:len [find list=new]]
            /ipv6 firewall address-list
            add list=new address=2001:db8::1
            :put [:len [find list=new]]
            """));
        Assert.Equal(["1", "1"], run.Log.Puts);
        Assert.Single(run.Host.Entries(), e => e.List == "new" && e.Comment == "by menu");
        Assert.Single(run.Host.Entries(IpFamily.V6), e => e.List == "new");
    }

    [Fact]
    public void SlashForm_AndAbbreviations_Work()
    {
        ScriptRun run = WithEntries();
        ScriptRunResultAssert.Succeeded(run.Code("""
            /ip/firewall/address-list/add list=slash address=192.0.2.2
            /ip fire address-list ad li=abbrev add=192.0.2.3 ti=1m
            :put [/ip firewall address-list print count-only where list=slash]
            :put [/ip firewall address-list pr count-only where list=abbrev]
            """));
        Assert.Equal(["1", "1"], run.Log.Puts);
        Assert.Equal(TimeSpan.FromMinutes(1), run.Host.Entries().Single(e => e.List == "abbrev").Timeout);
    }

    [Fact]
    public void Set_ChangesFields_RemoveTakesArrays()
    {
        ScriptRun run = WithEntries();
        ScriptRunResultAssert.Succeeded(run.Code("""
            /ip firewall address-list set numbers=[find list=knock1] comment="changed" timeout=1h
            /ip firewall address-list remove numbers=[find list=knock2]
            """));
        var entries = run.Host.Entries();
        Assert.Equal(["knock1", "trusted"], entries.Select(e => e.List));
        Assert.Equal("changed", entries[0].Comment);
        Assert.Equal(TimeSpan.FromHours(1), entries[0].Timeout);
        Assert.Single(run.Host.Entries(IpFamily.V6));
    }

    [Fact]
    public void Add_ReturnsId_AndWrongFamilyIsAnError()
    {
        ScriptRun run = WithEntries();
        ScriptRunResultAssert.Succeeded(run.Code("""
            :local id [/ip firewall address-list add list=ret address=192.0.2.9]
            :put [:typeof $id]
            :put [/ip firewall address-list get $id address]
            """));
        Assert.Equal(["id", "192.0.2.9"], run.Log.Puts);
        ScriptRunResultAssert.Failed(run.Code("/ip firewall address-list add list=x address=2001:db8::1"), "not an IPv4 address");
    }

    [Fact]
    public void Remove_PrintNumber_IsRefused()
    {
        ScriptRun run = WithEntries();
        ScriptRunResultAssert.Failed(run.Code("/ip firewall address-list remove 0"), "not a print number");
        Assert.Equal(4, run.Host.Entries().Count);
    }

    [Fact]
    public void Filter_EnableDisable_FindGet()
    {
        var run = new ScriptRun();
        run.Host.AddRule(new FilterRule { Chain = "input", Action = FilterAction.Accept, SrcAddressList = Negatable<string>.Is("secured"), Comment = "allow secured" });
        run.Host.AddRule(new FilterRule { Chain = "input", Action = FilterAction.Drop, Disabled = true, Comment = "blacklist" });
        run.Host.AddRule(new FilterRule { Chain = "forward", Action = FilterAction.Drop, Disabled = true, Comment = "blacklist" }, IpFamily.V6);
        ScriptRunResultAssert.Succeeded(run.Code("""
            :put [:len [/ip firewall filter find where disabled]]
            /ip firewall filter enable [find comment="blacklist"]
            /ipv6 firewall filter enable [/ipv6 firewall filter find comment~"black"]
            :put [/ip firewall filter get [find src-address-list=secured] chain]
            :put [/ip firewall filter get [find src-address-list=secured] action]
            :put [:len [/ip firewall filter find chain=input action=drop !disabled]]
            /ip firewall filter disable [find comment="allow secured"]
            """));
        Assert.Equal(["1", "input", "accept", "1"], run.Log.Puts);
        Assert.False(run.Host.GetRules(IpFamily.V4)[1].Disabled);
        Assert.True(run.Host.GetRules(IpFamily.V4)[0].Disabled);
        Assert.False(run.Host.GetRules(IpFamily.V6)[0].Disabled);
        Assert.Equal(3, run.Host.RuleChanges.Count);
    }

    [Fact]
    public void SystemScriptRun_RunsTheNamedScript_WithItsOwnMenu()
    {
        ScriptRun run = WithEntries(
            ("inner", "/ip firewall address-list\n:log info (\"inner sees \" . [:len [find list=knock2]])"),
            ("outer", "/ipv6 firewall address-list\n/system script run inner\n:log info (\"outer sees \" . [:len [find list=knock2]])"));
        ScriptRunResultAssert.Succeeded(run.Script("outer"));
        Assert.Equal(["inner sees 2", "outer sees 1"], run.Log.Entries.Select(e => e.Message));
        Assert.Equal(["inner", "outer"], run.Log.Entries.Select(e => e.Script));
    }

    [Fact]
    public void SystemScriptRun_Missing_IsAnError()
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code("/system script run nope"), "no such item");
    }
}
