using Sesame.Net;
using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

/// <summary>Hostile text in list names and comments is a value: never parsed again, kept byte for byte.</summary>
public sealed class ScriptHostileTests
{
    public static TheoryData<string> HostileNames => new()
    {
        "a\0b",
        "line\nbreak",
        "quote\"inside",
        "semi;colon",
        "brace}close",
        "brace{open",
        "dollar$x",
        "[:error \"boom\"]",
        "# not a comment",
        "esc\u001b[31m",
        "\\",
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void ListNameAndComment_FromHost_AreValues(string name)
    {
        var run = new ScriptRun();
        run.Host.Add(name, "192.0.2.1", null, name);
        run.Host.Add("other", "192.0.2.2");
        ScriptRunResultAssert.Succeeded(run.Code("""
            :foreach id in=[/ip firewall address-list find] do={
                :local l [/ip firewall address-list get $id list]
                :local c [/ip firewall address-list get $id comment]
                /ip firewall address-list add list=("copy-" . $l) address=192.0.2.9 comment=$c
                :log info "list=$l"
            }
            :put [:len [/ip firewall address-list find list=("copy-" . [/ip firewall address-list get [find address=192.0.2.1] list])]]
            """));
        Assert.Single(run.Host.Entries(), e => e.List == "copy-" + name && e.Comment == name);
        Assert.Contains(run.Log.Entries, e => e.Message == "list=" + name);
        Assert.Equal(["1"], run.Log.Puts);
    }

    [Fact]
    public void EscapedBytes_InScriptStrings_ReachTheHostExactly()
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Succeeded(run.Code("/ip firewall address-list add list=\"a\\00b;\\\"c\\7D\" address=192.0.2.1"));
        Assert.Equal("a\0b;\"c}", Assert.Single(run.Host.Entries()).List);
    }

    [Fact]
    public void OneMegabyteComment_IsKept()
    {
        var run = new ScriptRun();
        string big = new string('x', 1 << 20) + ";}\"\n";
        run.Host.Add("big", "192.0.2.1", null, big);
        ScriptRunResultAssert.Succeeded(run.Code("""
            :local c [/ip firewall address-list get [/ip firewall address-list find list=big] comment]
            :put [:len $c]
            /ip firewall address-list set [/ip firewall address-list find list=big] comment=($c . "!")
            """));
        Assert.Equal(((1 << 20) + 4).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(run.Log.Puts));
        Assert.Equal(big + "!", run.Host.Entries().Single().Comment);
    }

    [Fact]
    public void InterpolatedVariable_IsNotReparsed()
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Succeeded(run.Code(":local x \"\\$(:error boom)\"\n:put \"value: $x\"\n:put [:len $x]"));
        Assert.Equal(["value: $(:error boom)", "14"], run.Log.Puts);
    }

    [Fact]
    public void GrowingString_IsBounded()
    {
        var run = new ScriptRun();
        ScriptRunResult result = run.Code(":local s \"xxxxxxxxxxxxxxxx\"\n:while (true) do={ :set s ($s . $s) }");
        Assert.False(result.Succeeded);
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_Hostile_AddressText_IsRefused()
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code("/ipv6 firewall address-list add list=x address=\"2001:db8::1;drop\""), "invalid value for argument address");
        Assert.Empty(run.Host.Entries(IpFamily.V6));
    }

    [Theory]
    [InlineData("+1", 100_000)]
    [InlineData("->a", 100_000)]
    [InlineData(" and true", 100_000)]
    public void LongExpression_IsRefused_NotAStackOverflow(string repeated, int count)
    {
        var run = new ScriptRun();
        string code = ":local a {a=1}\n:put ($a" + string.Concat(Enumerable.Repeat(repeated, count)) + ")";
        ScriptRunResultAssert.Failed(run.Code(code), "deeper than 200 operators");
        var lint = Sesame.RouterOS.RouterOsScripts.Lint(run.Config with
        {
            Scripts = [new Sesame.Model.SystemScript("s", code, Sesame.Model.EquatableArray<Sesame.Model.RawProperty>.Empty)],
        });
        Assert.Equal("SES0705", Assert.Single(lint).Code);
    }

    [Fact]
    public void ManyNestedParentheses_AreRefused()
    {
        var run = new ScriptRun();
        string code = ":put " + new string('(', 10_000) + "1" + new string(')', 10_000);
        ScriptRunResultAssert.Failed(run.Code(code), "nested deeper than 100");
    }

    [Fact]
    public void ManyLongParts_InOneString_AreBounded()
    {
        var run = new ScriptRun();
        ScriptRunResult result = run.Code(":local s \"xxxxxxxxxxxxxxxx\"\n:for i from=1 to=20 do={ :set s ($s . $s) }\n:put \"$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s\"");
        ScriptRunResultAssert.Failed(result, "line 3");
    }

    [Fact]
    public void HugeDelay_IsBounded_NotAnOverflow()
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code(":delay 59m\n:delay 35w"), "more than 1 hour");
    }
}
