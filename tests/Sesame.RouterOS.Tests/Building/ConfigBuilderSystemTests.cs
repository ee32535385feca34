using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.RouterOS;

namespace Sesame.Tests.Building;

/// <summary><c>/system script</c> and <c>/system scheduler</c> as RouterOS exports and prints them (ROUTEROS.md §1.3, §1.12).</summary>
public sealed class ConfigBuilderSystemTests
{
    [Fact]
    public void Script_ExportedProperties_KeptAndReadOnlyOnesDropped()
    {
        // A script as 'print detail' shows it, pasted back: owner is kept, the counters RouterOS computes are not.
        SystemScript script = Assert.Single(Scripts.Config(
            "/system script add name=grant owner=admin policy=read,write,test dont-require-permissions=yes comment=\"g\" " +
            "run-count=3 last-started=2026-01-01 invalid=no source=\":log info x\"").Scripts);

        Assert.Equal(("grant", ":log info x"), (script.Name, script.Source));
        Assert.Equal(
            [new RawProperty("owner", "admin"), new RawProperty("policy", "read,write,test"), new RawProperty("dont-require-permissions", "yes"), new RawProperty("comment", "g")],
            script.Properties);
    }

    [Fact]
    public void Scheduler_ExportedProperties_KeptAndReadOnlyOnesDropped()
    {
        SystemScheduler job = Assert.Single(Scripts.Config(
            "/system script add name=s source=x\n" +
            "/system scheduler add name=j interval=1d on-event=s start-date=2026-01-31 start-time=03:00:00 " +
            "policy=read,write comment=nightly disabled=yes owner=admin run-count=12 next-run=2026-02-01").Schedulers);

        Assert.Equal("j", job.Name);
        Assert.Equal(
            ["interval", "on-event", "start-date", "start-time", "policy", "comment", "disabled"],
            job.Properties.Select(p => p.Name));
    }

    [Theory]
    [InlineData("start-time=startup")]
    [InlineData("start-time=3:00:00")]
    [InlineData("start-date=jan/31/2026 start-time=23:59:59")]
    [InlineData("start-date=2026-01-31")]
    [InlineData("interval=0")]
    [InlineData("interval=1w2d3h")]
    [InlineData("interval=00:05:00")]
    public void Scheduler_TimesAndDates_Accepted(string properties)
    {
        Assert.Single(Scripts.Config("/system scheduler add name=j on-event=\":log info x\" " + properties).Schedulers);
    }

    [Theory]
    [InlineData("/system scheduler add name=j interval=soon", 39)]
    [InlineData("/system scheduler add name=j start-time=noon", 41)]
    [InlineData("/system scheduler add name=j start-time=24:00:00", 41)]
    [InlineData("/system scheduler add name=j start-date=2026-13-01", 41)]
    [InlineData("/system scheduler add name=j start-date=31/01/2026", 41)]
    [InlineData("/system scheduler add name=j disabled=maybe", 39)]
    [InlineData("/system scheduler add name=j policy=read,fly", 37)]
    [InlineData("/system script add name=s dont-require-permissions=maybe", 52)]
    [InlineData("/system script add name=s policy=", 27)]
    public void SystemItems_BadValue_ErrorAtTheValue(string text, int column)
    {
        Diagnostic d = Assert.Single(Scripts.Parse(text).Diagnostics);

        Assert.Equal(("SES0301", true, column), (d.Code, d.IsError, d.Location.Column));
    }

    [Fact]
    public void Script_SameNameTwice_AlreadyHaveSuchName()
    {
        ScriptResult result = Scripts.Parse("/system script\nadd name=s source=a\nadd name=s source=b");

        Assert.Equal(3, Scripts.Single(result, "SES0301").Location.Line);
        Assert.Equal("a", Assert.Single(result.Config.Scripts).Source);
    }

    [Theory]
    [InlineData("on-event=clean-lists", true)]
    [InlineData("on-event=\"clean-lists\"", true)]
    [InlineData("on-event=grant", false)]
    [InlineData("on-event=\"/system script run grant\"", false)]
    [InlineData("on-event=\":log info tick\"", false)]
    [InlineData("on-event={ /ip firewall address-list remove [find list=knock1] }", false)]
    [InlineData("on-event=/system/reboot", false)]
    public void Scheduler_OnEventWordThatNamesNoScript_Warning(string onEvent, bool warned)
    {
        ScriptResult result = Scripts.Parse("/system script add name=grant source=\":log info g\"\n/system scheduler add name=j interval=5m " + onEvent);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal(warned, result.Diagnostics.Any(d => d is { Code: "SES0311", Severity: Severity.Warning, Location.Line: 2, Location.Column: 51 }));
        Assert.Equal(warned ? 1 : 0, result.Diagnostics.Count);
    }

    [Fact]
    public void Scheduler_ScriptAddedAfterTheScheduler_NoWarning()
    {
        // The whole script is read before the check, as an export lists /system scheduler before /system script.
        ScriptResult result = Scripts.Parse("/system scheduler add name=j on-event=later\n/system script add name=later source=x");

        Assert.Empty(result.Diagnostics);
    }
}
