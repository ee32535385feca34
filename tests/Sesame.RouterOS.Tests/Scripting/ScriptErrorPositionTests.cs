using Sesame.Model;
using Sesame.RouterOS;
using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

/// <summary>
/// A runtime error points at the place that failed (the operator, the condition, the argument, the command's word),
/// and, for a script written in a configuration file, at that place in the file.
/// </summary>
public sealed class ScriptErrorPositionTests
{
    [Theory]
    [InlineData(":local a (\"a\" + 1)", "line 1 column 15: ")]
    [InlineData(":local a 1\n:local b (2 * ($a . \"x\" - 1))", "line 2 column 25: ")]
    [InlineData(":if (\"yes\") do={ :put 1 }", "line 1 column 6: a condition must be bool")]
    [InlineData(":while (1) do={ :put 1 }", "line 1 column 9: a condition must be bool")]
    [InlineData(":put [:pick \"abc\" x]", "line 1 column 19: expected a number")]
    [InlineData(":delay abc", "line 1 column 8: :delay expects a time")]
    [InlineData(":for i from=1 to=\"z\" do={}", "line 1 column 18: expected a number")]
    [InlineData(":if (true && 3) do={}", "line 1 column 14: a condition must be bool")]
    public void TypeError_PointsAtTheFailingExpression(string code, string fragment)
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code(code), fragment);
    }

    [Fact]
    public void HostRefusal_Add_PointsAtTheCommandWord()
    {
        var run = new ScriptRun();
        run.Host.Add("secured", "10.0.0.1");
        ScriptRunResultAssert.Failed(run.Code(":put x\n  /ip firewall address-list add list=secured address=10.0.0.1"),
            "line 2 column 29: failure: already have such entry");
    }

    [Theory]
    [InlineData("/ip firewall filter disable *9", "line 1 column 29: no such item")]
    [InlineData(":put [/ip firewall filter get *9 chain]", "line 1 column 31: no such item")]
    [InlineData(":put [/ip firewall address-list get [find list=none] address]", "line 1 column 37: no such item")]
    public void MissingItem_PointsAtTheItemsArgument(string code, string fragment)
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code(code), fragment);
    }

    [Fact]
    public void BadArgument_PointsAtTheArgument()
    {
        var run = new ScriptRun();
        ScriptRunResultAssert.Failed(run.Code("/ip firewall address-list add list=x address=10.0.0.1 timeout=soon"),
            "line 1 column 63: invalid value for argument timeout");
    }

    [Fact]
    public void BracedSource_ErrorNamesTheExactFilePlace()
    {
        const string config = "/system script\nadd name=grant source={\n    :local n 1\n    :put (\"a\" + $n)\n}\n";
        (IScriptRunner runner, FakeScriptHost host, ListScriptLog log) = Runner(config);
        ScriptRunResult result = runner.Run(ScriptInvocation.Named("grant"), host, log);

        // Script line 2 column 15 ('+') is router.rsc line 4 column 15: the block keeps the file's columns.
        Assert.Equal("script grant: line 2 column 15: cannot add num to str (router.rsc:4:15)", result.Error);
        Assert.Equal(result.Error, log.Entries[^1].Message);
    }

    [Fact]
    public void BracedSource_FirstLine_ColumnShiftedByWhereTheBlockStarts()
    {
        const string config = "# header\n/system script add name=one source={:put 1; :put (true + 1)}\n";
        (IScriptRunner runner, FakeScriptHost host, ListScriptLog log) = Runner(config);
        ScriptRunResult result = runner.Run(ScriptInvocation.Named("one"), host, log);

        // '{' is at column 36, the text starts at 37; '+' is script column 20, file column 56.
        ScriptRunResultAssert.Failed(result, "script one: line 1 column 20: ");
        Assert.EndsWith("(router.rsc:2:56)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedSource_ErrorNamesWhereTheSourceStarts()
    {
        const string config = "/system script\nadd name=q source=\":put 1\\n:put (\\\"a\\\" - 1)\"\n";
        (IScriptRunner runner, FakeScriptHost host, ListScriptLog log) = Runner(config);
        ScriptRunResult result = runner.Run(ScriptInvocation.Named("q"), host, log);

        // Escapes shift columns, so only the source's start (after the quote, column 20) is given.
        ScriptRunResultAssert.Failed(result, "script q: line 2 column 11: ");
        Assert.EndsWith("(the quoted source starts at router.rsc:2:20)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SchedulerCode_Braced_ErrorNamesTheExactFilePlace()
    {
        const string config = "/system scheduler\nadd interval=5m name=tick on-event={\n  :local a 1\n  :error (\"stop at \" . $a)\n}\n";
        (IScriptRunner runner, FakeScriptHost host, ListScriptLog log) = Runner(config, out FirewallConfig parsed);
        string code = parsed.Schedulers[0].Properties.AsImmutableArray().First(p => p.Name == "on-event").Value;
        ScriptRunResult result = runner.Run(new ScriptInvocation(null, code, "tick"), host, log);

        Assert.Equal("script tick: line 2 column 3: stop at 1 (router.rsc:4:3)", result.Error);
    }

    [Fact]
    public void SchedulerCode_Quoted_ErrorNamesWhereTheCodeStarts()
    {
        const string config = "/system scheduler\nadd interval=1m name=q on-event=\":put (\\\"a\\\" - 1)\"\n";
        (IScriptRunner runner, FakeScriptHost host, ListScriptLog log) = Runner(config, out FirewallConfig parsed);
        string code = parsed.Schedulers[0].Properties.AsImmutableArray().First(p => p.Name == "on-event").Value;
        ScriptRunResult result = runner.Run(new ScriptInvocation(null, code, "q"), host, log);

        Assert.Equal("script q: line 1 column 11: cannot subtract num from str (the quoted source starts at router.rsc:2:34)", result.Error);
    }

    [Fact]
    public void RunOfAnotherScript_ErrorNamesThatScriptsPlace()
    {
        const string config = "/system script\nadd name=outer source={ /system script run inner }\nadd name=inner source={\n:put 1\n/ip firewall address-list remove *99\n}\n";
        (IScriptRunner runner, FakeScriptHost host, ListScriptLog log) = Runner(config);
        ScriptRunResult result = runner.Run(ScriptInvocation.Named("outer"), host, log);

        Assert.Equal("script inner: line 2 column 34: no such item (router.rsc:5:34)", result.Error);
    }

    [Fact]
    public void CodeWithoutAFile_HasNoFilePart()
    {
        var run = new ScriptRun(("s", ":put (\"a\" + 1)"));
        Assert.Equal("script s: line 1 column 11: cannot add num to str", run.Script("s").Error);
    }

    private static (IScriptRunner, FakeScriptHost, ListScriptLog) Runner(string config) => Runner(config, out _);

    private static (IScriptRunner, FakeScriptHost, ListScriptLog) Runner(string config, out FirewallConfig parsed)
    {
        ScriptResult result = RouterOsScript.Parse(config, "router.rsc");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        parsed = result.Config;
        return (RouterOsScripts.CreateRunner(parsed), new FakeScriptHost(), new ListScriptLog());
    }
}
