using Sesame.Diagnostics;
using Sesame.RouterOS;

namespace Sesame.Tests.Scripting;

/// <summary>A <c>source={…}</c> that is not closed: besides the outer '{', the message names the inner place at fault.</summary>
public sealed class ScriptBlockHintTests
{
    [Fact]
    public void InnerBraceNotClosed_NamedAtItsPlace()
    {
        const string config = "/system script\nadd name=a source={\n  :if (true) do={\n    :put 1\n}\n/ip firewall filter\nadd chain=input action=accept\n";
        Diagnostic[] errors = Errors(config);
        Assert.Equal(2, errors.Length);
        Assert.Equal((2, 19), (errors[0].Location.Line, errors[0].Location.Column));
        Assert.Contains("'{' is not closed", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal((3, 17), (errors[1].Location.Line, errors[1].Location.Column));
        Assert.Equal("this '{' is probably the one not closed: the '}' at 5:1 that closes it is less indented than its line", errors[1].Message);
    }

    [Fact]
    public void StringNotClosed_NamedAtItsQuote()
    {
        const string config = "/system script\nadd name=a source={\n  :put \"abc\n  :put 2\n}\n";
        Diagnostic[] errors = Errors(config);
        Assert.Equal(2, errors.Length);
        Assert.Equal((3, 8), (errors[1].Location.Line, errors[1].Location.Column));
        Assert.Contains("string is not closed", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingStandsOut_OnlyTheOuterBrace()
    {
        Diagnostic error = Assert.Single(Errors("/system script add name=a source={ :if (true) do={ :put 1 }\n"));
        Assert.Equal((1, 34), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void InnerParenNotClosed_CheckNamesItsPlace()
    {
        ScriptResult parsed = RouterOsScript.Parse("/system script add name=a source={\n  :put (1 + 2\n}\n", "router.rsc");
        Assert.False(parsed.HasErrors);
        Diagnostic d = Assert.Single(RouterOsScripts.Lint(parsed.Config));
        Assert.Equal(("SES0702", Severity.Error, 2, 8), (d.Code, d.Severity, d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void OneLineComment_InAValidMultiLineBlock_IsStillAComment()
    {
        // The one-line reading applies only where the block would otherwise not close.
        ScriptResult parsed = RouterOsScript.Parse("/system script add name=a source={ # note :put 1\n:put 2\n}\n", "router.rsc");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        var run = new ScriptRun(("a", parsed.Config.Scripts[0].Source));
        ScriptRunResultAssert.Succeeded(run.Script("a"));
        Assert.Equal(["2"], run.Log.Puts);
    }

    [Fact]
    public void HostileLongLineOfBraces_AnsweredQuickly()
    {
        string config = "/system script add name=a source={" + string.Concat(Enumerable.Repeat("{ }", 400_000)) + "\n"
            + string.Concat(Enumerable.Repeat("    {\n}\n", 20_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Diagnostic[] errors = Errors(config);
        watch.Stop();
        Assert.Equal(2, errors.Length);
        Assert.Equal((2, 5), (errors[1].Location.Line, errors[1].Location.Column));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    private static Diagnostic[] Errors(string config)
    {
        ScriptResult parsed = RouterOsScript.Parse(config, "router.rsc");
        return [.. parsed.Diagnostics.Where(d => d.Severity == Severity.Error)];
    }
}
