using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS;
using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

/// <summary><c>set … !timeout</c> / <c>!comment</c>, <c>print</c> (lines to the console) and <c>print count-only</c> with conditions.</summary>
public sealed class ScriptPrintAndUnsetTests
{
    [Fact]
    public void Set_UnsetTimeoutAndComment_EntryLosesThem()
    {
        var run = new ScriptRun();
        long id = run.Host.Add("secured", "192.0.2.7", TimeSpan.FromMinutes(30), "granted-by-script");
        run.Host.Add("secured", "192.0.2.8", TimeSpan.FromMinutes(30), "kept");
        ScriptRunResultAssert.Succeeded(run.Code("""
            :local id [/ip firewall address-list find address=192.0.2.7]
            /ip firewall address-list set $id !timeout
            /ip firewall address-list set !comment numbers=$id
            :put [:typeof [/ip firewall address-list get $id timeout]]
            :put ("[" . [/ip firewall address-list get $id comment] . "]")
            """));
        ScriptListEntry entry = run.Host.Entries().Single(e => e.Id == id);
        Assert.Null(entry.Timeout);
        Assert.Null(entry.Comment);
        Assert.Equal(["nothing", "[]"], run.Log.Puts);
        ScriptListEntry other = run.Host.Entries().Single(e => e.Id != id);
        Assert.Equal((TimeSpan.FromMinutes(30), "kept"), (other.Timeout!.Value, other.Comment));
    }

    [Fact]
    public void Set_UnsetBothAtOnce_OnAnArrayOfIds_AndIpv6()
    {
        var run = new ScriptRun();
        run.Host.Add("knock2", "2001:db8::1", TimeSpan.FromSeconds(30), "a");
        run.Host.Add("knock2", "2001:db8::2", TimeSpan.FromSeconds(30), "b");
        ScriptRunResultAssert.Succeeded(run.Code("/ipv6 firewall address-list set [find list=knock2] !time !comm list=secured"));
        Assert.All(run.Host.Entries(IpFamily.V6), e => Assert.Equal(("secured", (TimeSpan?)null, (string?)null), (e.List, e.Timeout, e.Comment)));
    }

    [Theory]
    [InlineData("/ip firewall address-list set $id !address", "line 2 column 35: set: !address: only !timeout and !comment can be unset")]
    [InlineData("/ip firewall address-list set $id !timeout timeout=1m", "line 2 column 35: set: !timeout and timeout= together")]
    public void Set_BadUnset_IsAnErrorAtIt(string line, string fragment)
    {
        var run = new ScriptRun();
        run.Host.Add("x", "192.0.2.1", TimeSpan.FromMinutes(1));
        ScriptRunResultAssert.Failed(run.Code(":local id [/ip firewall address-list find]\n" + line), fragment);
        Assert.Equal(TimeSpan.FromMinutes(1), run.Host.Entries()[0].Timeout);
    }

    [Fact]
    public void Print_WritesOneLinePerEntry_AsPutLines()
    {
        var run = new ScriptRun();
        run.Host.Add("knock2", "192.0.2.7", TimeSpan.FromSeconds(29));
        run.Host.Add("secured", "192.0.2.8", TimeSpan.FromMinutes(30), "granted by \"script\"");
        run.Host.Add("knock2", "198.51.100.0/24");
        ScriptRunResultAssert.Succeeded(run.Code("/ip firewall address-list print where list=knock2\n/ip firewall address-list print terse where comment~\"granted\""));
        string[] expected =
            [
                "0  D list=knock2 address=192.0.2.7 timeout=00:00:29 creation-time=\"2026-12-01 12:00:00\"",
                "1    list=knock2 address=198.51.100.0/24 creation-time=\"2026-12-01 12:00:00\"",
                "0  D list=secured address=192.0.2.8 timeout=00:30:00 comment=\"granted by \\\"script\\\"\" creation-time=\"2026-12-01 12:00:00\"",
            ];
        string[] puts = [.. run.Log.Puts];
        Assert.Equal(expected.Length, puts.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], puts[i]);
        }

        Assert.All(run.Log.Entries, e => Assert.Equal("put", e.Topic));
    }

    [Fact]
    public void Print_FilterRules_ShowsFlagsAndProperties()
    {
        var run = new ScriptRun();
        run.Host.AddRule(new FilterRule { Chain = "input", Action = FilterAction.Accept, SrcAddressList = Negatable<string>.Is("secured"), Comment = "allow secured" });
        run.Host.AddRule(new FilterRule { Chain = "input", Action = FilterAction.Drop, Disabled = true, Comment = "blacklist" });
        ScriptRunResultAssert.Succeeded(run.Code("/ip firewall filter print\n:put [/ip firewall filter print count-only where disabled]"));
        string[] puts = [.. run.Log.Puts];
        Assert.Equal(3, puts.Length);
        Assert.StartsWith("0    chain=input action=accept", puts[0], StringComparison.Ordinal);
        Assert.Contains("src-address-list=secured", puts[0], StringComparison.Ordinal);
        Assert.Contains("comment=\"allow secured\"", puts[0], StringComparison.Ordinal);
        Assert.StartsWith("1 X  chain=input action=drop", puts[1], StringComparison.Ordinal);
        Assert.Equal("1", puts[2]);
    }

    [Theory]
    [InlineData("print count-only", "4")]
    [InlineData("print count-only where list=knock1", "2")]
    [InlineData("print count-only list=knock1", "2")]
    [InlineData("print count-only where list=knock1 and address in 192.0.2.0/24", "1")]
    [InlineData("print count-only where list=knock1 or list=secured", "3")]
    [InlineData("print count-only where !(list=knock1) && dynamic", "1")]
    [InlineData("print count-only where comment~\"^gr\"", "1")]
    [InlineData("print count-only where dynamic", "3")]
    [InlineData("print count-only where list=nothing-here", "0")]
    public void PrintCountOnly_WithConditions(string command, string expected)
    {
        var run = new ScriptRun();
        run.Host.Add("knock1", "192.0.2.1", TimeSpan.FromSeconds(30));
        run.Host.Add("knock1", "198.51.100.1", TimeSpan.FromSeconds(30));
        run.Host.Add("knock2", "192.0.2.2", TimeSpan.FromSeconds(30));
        run.Host.Add("secured", "192.0.2.3", comment: "granted");
        ScriptRunResultAssert.Succeeded(run.Code($":put [/ip firewall address-list {command}]"));
        Assert.Equal([expected], run.Log.Puts);
    }

    [Fact]
    public void PrintAsValue_NotSupported_AtTheOption()
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code(":put 1\n/ip firewall address-list print as-value"), "line 2 column 33: print as-value is not supported by Sesame");
    }

    [Fact]
    public void Lint_PrintIsClean_AsValueAndBadUnsetAreNamed()
    {
        const string config = "/ip firewall filter\nadd action=add-src-to-address-list address-list=knock2 chain=input\n/system script\nadd name=p source={\n/ip firewall address-list print where list=knock2\n/ip firewall address-list set [find list=knock2] !timeout !comment\n/ip firewall address-list print as-value\n/ip firewall address-list set [find list=knock2] !list\n}\n";
        ScriptResult parsed = RouterOsScript.Parse(config, "router.rsc");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        Diagnostic[] found = [.. RouterOsScripts.Lint(parsed.Config)];
        Assert.Equal(2, found.Length);
        Assert.Equal(("SES0710", 7, 33), (found[0].Code, found[0].Location.Line, found[0].Location.Column));
        Assert.Equal(("SES0716", 8, 50), (found[1].Code, found[1].Location.Line, found[1].Location.Column));
    }
}
