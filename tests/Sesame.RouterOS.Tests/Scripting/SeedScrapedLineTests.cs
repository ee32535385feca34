using Sesame.Diagnostics;
using Sesame.RouterOS;
using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

/// <summary>
/// The newest seed's three scripts exactly as its scraped page has them (shared/seeds/004_59cf5efe999316ea.txt lines
/// 47, 49 and 52, without the prose the scrape glued on): each whole <c>/system script add</c> on one line. They parse
/// as a configuration and each does what the page says.
/// </summary>
public sealed class SeedScrapedLineTests
{
    // Line 47, up to the script's closing "}}".
    private const string CheckAndGrantLine = """/system script add name=check-and-grant source={ :local knockedIPs [/ip firewall address-list find list=knock2] :foreach id in=$knockedIPs do={ :local ip [/ip firewall address-list get $id address] /ip firewall address-list add list=secured address=$ip timeout=30m comment="granted-by-script" /ip firewall address-list remove $id :log info "Port knock: granted access to $ip" }}""";

    // Line 49, whole.
    private const string LogKnockAttemptsLine = """/system script add name=log-knock-attempts source={ :local stage1 [/ip firewall address-list find list=knock1] :local stage2 [/ip firewall address-list find list=knock2] :local secured [/ip firewall address-list find list=secured] :log info ("Port knock stats: stage1=" . [:len $stage1] . " stage2=" . [:len $stage2] . " secured=" . [:len $secured])}""";

    // Line 52, up to the script's closing "}" (its two '#' comment lines lost their newlines too).
    private const string CleanKnockListsLine = """/system script add name=clean-knock-lists source={ # Address-list timeouts handle expiry automatically, but this # script can force-clean all intermediate stages on demand :foreach id in=[/ip firewall address-list find list=knock1] do={ /ip firewall address-list remove $id } :foreach id in=[/ip firewall address-list find list=knock2] do={ /ip firewall address-list remove $id } :log info "Knock intermediate lists cleared"}""";

    [Fact]
    public void CheckAndGrant_SeedLine_MovesEveryKnock2AddressToSecured()
    {
        (IScriptRunner runner, FakeScriptHost host, ListScriptLog log) = Load(CheckAndGrantLine);
        host.Add("knock2", "192.0.2.7", TimeSpan.FromSeconds(30));
        host.Add("knock2", "198.51.100.9", TimeSpan.FromSeconds(12));
        host.Add("knock1", "203.0.113.5", TimeSpan.FromSeconds(30));

        ScriptRunResultAssert.Succeeded(runner.Run(ScriptInvocation.Named("check-and-grant"), host, log));

        Assert.DoesNotContain(host.Entries(), e => e.List == "knock2");
        ScriptListEntry[] secured = [.. host.Entries().Where(e => e.List == "secured").OrderBy(e => e.Address!.Value.ToString())];
        Assert.Equal(["192.0.2.7", "198.51.100.9"], secured.Select(e => e.Address!.Value.ToString()));
        Assert.All(secured, e => Assert.Equal(TimeSpan.FromMinutes(30), e.Timeout));
        Assert.All(secured, e => Assert.Equal("granted-by-script", e.Comment));
        Assert.Single(host.Entries(), e => e.List == "knock1");
        Assert.Equal(["Port knock: granted access to 192.0.2.7", "Port knock: granted access to 198.51.100.9"],
            log.Entries.Where(e => e.Topic == "info").Select(e => e.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LogKnockAttempts_SeedLine_LogsTheCounts()
    {
        (IScriptRunner runner, FakeScriptHost host, ListScriptLog log) = Load(LogKnockAttemptsLine);
        host.Add("knock1", "192.0.2.1", TimeSpan.FromSeconds(30));
        host.Add("knock1", "192.0.2.2", TimeSpan.FromSeconds(30));
        host.Add("knock1", "192.0.2.3", TimeSpan.FromSeconds(30));
        host.Add("knock2", "192.0.2.4", TimeSpan.FromSeconds(30));
        host.Add("secured", "192.0.2.5", TimeSpan.FromMinutes(30));
        host.Add("secured", "192.0.2.6", TimeSpan.FromMinutes(30));

        ScriptRunResultAssert.Succeeded(runner.Run(ScriptInvocation.Named("log-knock-attempts"), host, log));

        ScriptLogEntry line = Assert.Single(log.Entries);
        Assert.Equal("info", line.Topic);
        Assert.Equal("Port knock stats: stage1=3 stage2=1 secured=2", line.Message);
    }

    [Fact]
    public void CleanKnockLists_SeedLine_EmptiesKnock1AndKnock2()
    {
        (IScriptRunner runner, FakeScriptHost host, ListScriptLog log) = Load(CleanKnockListsLine);
        host.Add("knock1", "192.0.2.1", TimeSpan.FromSeconds(30));
        host.Add("knock1", "2001:db8::1", TimeSpan.FromSeconds(30));
        host.Add("knock2", "192.0.2.2", TimeSpan.FromSeconds(30));
        host.Add("secured", "192.0.2.3", TimeSpan.FromMinutes(30));

        ScriptRunResultAssert.Succeeded(runner.Run(ScriptInvocation.Named("clean-knock-lists"), host, log));

        // IPv4 lists only (the script's menu is /ip firewall address-list): knock1 and knock2 are empty, secured kept.
        Assert.Equal(["secured"], host.Entries().Select(e => e.List));
        Assert.Single(host.Entries(Sesame.Net.IpFamily.V6));
        Assert.Equal(["Knock intermediate lists cleared"], log.Entries.Select(e => e.Message));
    }

    [Fact]
    public void CleanKnockLists_SeedLine_CheckNotesTheOneLineComment()
    {
        ScriptResult parsed = RouterOsScript.Parse(CleanKnockListsLine + "\n", "seed.rsc");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        // (knock1 and knock2 are also reported as never filled: this configuration has no knock rules.)
        Diagnostic d = Assert.Single(RouterOsScripts.Lint(parsed.Config), d => d.Code == "SES0704");
        Assert.Equal("SES0704", d.Code);
        Assert.Equal(Severity.Warning, d.Severity);
        // The first '#': the block's text starts at column 52 (after "source={ ").
        Assert.Equal((1, 52), (d.Location.Line, d.Location.Column));
        Assert.Contains("'#' comment", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllThree_SeedLines_WithTheScheduler_ParseAsOneConfiguration()
    {
        const string rules = "/ip firewall filter\n"
            + "add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 protocol=udp\n"
            + "add action=add-src-to-address-list address-list=knock2 address-list-timeout=30s chain=input dst-port=555 protocol=udp src-address-list=knock1\n";
        string config = rules + string.Join("\n", CheckAndGrantLine, LogKnockAttemptsLine,
            "/system scheduler add name=knock-logger interval=5m on-event=log-knock-attempts", CleanKnockListsLine) + "\n";
        ScriptResult parsed = RouterOsScript.Parse(config, "seed.rsc");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        Assert.Equal(["check-and-grant", "log-knock-attempts", "clean-knock-lists"], parsed.Config.Scripts.Select(s => s.Name));
        Assert.Equal(["SES0704", "SES0704", "SES0704"], RouterOsScripts.Lint(parsed.Config).Select(d => d.Code));
    }

    private static (IScriptRunner, FakeScriptHost, ListScriptLog) Load(string line)
    {
        ScriptResult parsed = RouterOsScript.Parse(line + "\n", "seed.rsc");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return (RouterOsScripts.CreateRunner(parsed.Config), new FakeScriptHost(), new ListScriptLog());
    }
}
