using Sesame.Diagnostics;
using Sesame.RouterOS;

namespace Sesame.Tests.Scripting;

/// <summary>check finds type errors visible without running (SES0717, a warning), at file:line:column, and the run agrees.</summary>
public sealed class ScriptLintTypeTests
{
    [Theory]
    [InlineData(":local a (\"a\" + 1)", 15, "cannot add")]
    [InlineData(":put (true + 1)", 12, "")]
    [InlineData(":put (1 + (2 * \"x\"))", 14, "")]
    [InlineData(":if (\"yes\") do={ :put 1 }", 6, "not a bool")]
    [InlineData(":while (1) do={ :put 1 }", 9, "not a bool")]
    [InlineData(":do { :put 1 } while=(\"x\")", 23, "not a bool")]
    [InlineData(":if (true && 3) do={}", 14, "not a bool")]
    [InlineData(":delay abc", 8, ":delay of the str \"abc\", which is not a time")]
    [InlineData(":delay \"5 minutes\"", 8, "not a time")]
    [InlineData(":put [:totime \"soon\"]", 15, "gives nil")]
    [InlineData(":for i from=1 to=\"z\" do={}", 18, "not a number")]
    [InlineData("/ip firewall address-list add list=x address=10.0.0.1 timeout=soon", 63, "timeout= is the str \"soon\", not a time")]
    [InlineData("/ip firewall address-list add list=x address=10.0.0.1 timeout=36w", 63, "not a time from 0s")]
    [InlineData("/ipv6 firewall address-list add list=x address=10.0.0.1", 48, "not an IPv6 address")]
    [InlineData("/ip firewall address-list add list=x address=\"not an address!\"", 46, "not an address")]
    public void ConstantTypeError_WarnedAtItsPlace_AndTheRunStopsOrAgrees(string code, int column, string fragment)
    {
        // The second line of the script is line 4 of the file, indented by two blanks (kept: columns map one to one).
        string config = "/system script\nadd name=t source={\n  :put start\n  " + code + "\n}\n";
        ScriptResult parsed = RouterOsScript.Parse(config, "router.rsc");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        Diagnostic d = Assert.Single(RouterOsScripts.Lint(parsed.Config));
        Assert.Equal(("SES0717", Severity.Warning), (d.Code, d.Severity));
        Assert.Equal(("router.rsc", 4, column + 2), (d.Location.File, d.Location.Line, d.Location.Column));
        Assert.Contains(fragment, d.Message, StringComparison.Ordinal);
        Assert.StartsWith("script t: ", d.Message, StringComparison.Ordinal);

        var run = new ScriptRun(("t", parsed.Config.Scripts[0].Source));
        var result = run.Script("t");
        if (code.Contains(":totime", StringComparison.Ordinal))
        {
            ScriptRunResultAssert.Succeeded(result);
        }
        else
        {
            // The run stops at the same place check pointed at.
            ScriptRunResultAssert.Failed(result, $"line 2 column {column + 2}: ");
        }
    }

    [Theory]
    [InlineData(":local a (\"a\" . 1)")]
    [InlineData(":local a (1.2.3.4 + 1)")]
    [InlineData(":local a (1h + 30m)")]
    [InlineData(":local a (10.0.0.1 in 10.0.0.0/8)")]
    [InlineData(":if (1 < 2) do={}")]
    [InlineData(":delay 1s")]
    [InlineData(":delay \"00:00:01\"")]
    [InlineData(":local n 1\n:put (\"a\" + $n)")]
    [InlineData(":put [/ip firewall address-list find where list=(\"a\" + 1)]")]
    [InlineData("/ip firewall address-list add list=x address=example.com timeout=30m")]
    [InlineData("/ipv6 firewall address-list add list=x address=2001:db8::/32 timeout=1d")]
    [InlineData(":local ip 10.0.0.1\n/ipv6 firewall address-list add list=x address=$ip timeout=\"00:30:00\"")]
    public void ValidOrRunDependent_NoTypeWarning(string code)
    {
        ScriptResult parsed = RouterOsScript.Parse("/system script add name=t source={\n" + code + "\n}\n", "router.rsc");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        Assert.DoesNotContain(RouterOsScripts.Lint(parsed.Config), d => d.Code == "SES0717");
    }
}
