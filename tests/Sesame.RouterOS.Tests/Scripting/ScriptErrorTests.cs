using System.Diagnostics;
using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

/// <summary>Bad scripts end with a clear error naming the script, line and column; bounds stop runaways.</summary>
public sealed class ScriptErrorTests
{
    [Fact]
    public void RuntimeError_LoggedAsScriptError_WithLine()
    {
        var run = new ScriptRun(("check-and-grant", ":local a 1\n:put $a\n\n/ip firewall address-list remove *FF\n:put \"never\""));
        ScriptRunResult result = run.Script("check-and-grant");

        string error = ScriptRunResultAssert.Failed(result, "script check-and-grant: line 4 column 34: no such item");
        ScriptLogEntry logged = run.Log.Entries.Last();
        Assert.Equal("script,error", logged.Topic);
        Assert.Equal("check-and-grant", logged.Script);
        Assert.Equal(error, logged.Message);
        Assert.Equal(["1"], run.Log.Puts);
    }

    [Theory]
    [InlineData(":if (true) do={ :put 1 ", "line 1 column 15: syntax error: '{' is not closed")]
    [InlineData(":put 1\n:put 2 }", "line 2 column 8: syntax error: '}' without a matching '{'")]
    [InlineData(":put (1 + 2", "syntax error: '(' is not closed")]
    [InlineData(":put \"abc", "line 1 column 6: syntax error: string is not closed")]
    [InlineData(":put \"\\q\"", "unknown escape '\\q'")]
    [InlineData(":put \"\\4a\"", "two uppercase hex digits")]
    public void SyntaxError_RefusesTheWholeScript_WithPosition(string code, string fragment)
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code(code), fragment);
        Assert.Empty(run.Log.Puts);
    }

    [Theory]
    [InlineData("/tool fetch url=\"http://x\"", "/tool fetch is not supported by Sesame")]
    [InlineData(":resolve \"example.com\"", ":resolve is not supported by Sesame")]
    [InlineData(":execute \"x\"", ":execute is not supported by Sesame")]
    [InlineData("/interface ethernet set ether1 mtu=1400", "/interface ethernet set ether1 is not supported by Sesame")]
    [InlineData("/ip firewall nat add chain=dstnat", "/ip firewall nat add is not supported by Sesame")]
    [InlineData("/ip firewall address-list export", "/ip firewall address-list export is not supported by Sesame")]
    [InlineData("/ip firewall filter add chain=input", "/ip firewall filter add is not supported by Sesame")]
    [InlineData("frobnicate", "bad command name frobnicate")]
    public void UnsupportedCommand_IsARuntimeError(string code, string fragment)
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code(":put before\n" + code), "line 2 column 1: " + fragment);
        Assert.Equal(["before"], run.Log.Puts);
    }

    [Theory]
    [InlineData(":while (true) do={}", "statements in one run")]
    [InlineData(":local i 0\n:while (true) do={ :set i ($i + 1) }", "statements in one run")]
    [InlineData(":for i from=1 to=10 step=0 do={}", "statements in one run")]
    [InlineData(":do { :do {} while=(true) } on-error={ :put \"must not catch\" }", "statements in one run")]
    [InlineData(":global f do={ :global f; $f }\n$f", "nesting deeper than 64")]
    [InlineData(":while (true) do={ :delay 1m }", "add up to more than 1 hour")]
    public void Runaway_IsStopped_Quickly(string code, string fragment)
    {
        var run = new ScriptRun();
        var stopwatch = Stopwatch.StartNew();
        ScriptRunResultAssert.Failed(run.Code(code), fragment);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), stopwatch.Elapsed.ToString());
        Assert.Empty(run.Log.Puts);
    }

    [Fact]
    public void ScriptThatRunsItself_IsStoppedByDepth()
    {
        var run = new ScriptRun(("loop", ":log info \"again\"\n/system script run loop"));
        ScriptRunResultAssert.Failed(run.Script("loop"), "nesting deeper than 64");
        Assert.Equal(65, run.Log.Entries.Count(e => e.Topic == "info"));
    }

    [Fact]
    public void Cancellation_EndsTheRun()
    {
        var run = new ScriptRun();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        ScriptRunResult result = run.Runner.Run(new ScriptInvocation(null, ":while (true) do={}"), run.Host, run.Log, cts.Token);
        ScriptRunResultAssert.Failed(result, "cancelled");
    }

    [Theory]
    [InlineData(":put (1 + \"a\")", "line 1 column 9: ")]
    [InlineData(":local a 1\n:if ($a) do={ :put 1 }", "line 2 column 6: a condition must be bool")]
    [InlineData(":local x {1;2}\n\n  :put ($x - 1)", "line 3 column 12: ")]
    public void TypeError_HasPosition(string code, string fragment)
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code(code), fragment);
    }

    [Fact]
    public void Error_Command_StopsWithItsMessage()
    {
        var run = new ScriptRun(("s", ":put 1\n:error \"stop here\"\n:put 2"));
        ScriptRunResultAssert.Failed(run.Script("s"), "script s: line 2 column 1: stop here");
        Assert.Equal(["1"], run.Log.Puts);
    }

    [Fact]
    public void MissingScript_IsReported()
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Script("ghost"), "script ghost: no such script");
        Assert.Equal("script,error", Assert.Single(run.Log.Entries).Topic);
    }

    [Fact]
    public void UnknownArgument_IsAnError()
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code("/ip firewall address-list add list=x address=1.2.3.4 frob=1"), "unknown argument 'frob'");
    }
}
