
namespace Sesame.Tests.Commands;

public sealed class CheckCommandTests
{
    [Fact]
    public void Check_UsableExample_ExitsZero()
    {
        CliRun run = CliRun.Of("check", RepoPaths.Combine("deploy", "examples", "three-knock.rsc"));

        Assert.Equal(0, run.Exit);
        Assert.Contains("0 errors", run.Out, StringComparison.Ordinal);
        Assert.Contains("usable", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ConfigWithErrors_ListsEveryErrorAndExitsOne()
    {
        using var config = new TempFile("bad.rsc", """
            /ip firewall filter
            add chain=input action=explode
            add chain=input protocol=tcp dst-port=1-99999
            add chain=input action=accept in-interface-list=NOPE
            """);

        CliRun run = CliRun.Of("check", config.Path);

        Assert.Equal(1, run.Exit);
        string[] errors = [.. run.Out.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal))];
        Assert.Equal(3, errors.Length);
        Assert.StartsWith($"{config.Path}:2:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith($"{config.Path}:3:", errors[1], StringComparison.Ordinal);
        Assert.StartsWith($"{config.Path}:4:", errors[2], StringComparison.Ordinal);
        Assert.Contains("not usable", run.Out, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Check_ListNeverFilled_WarnsWithTheNearName()
    {
        using var config = new TempFile("typo.rsc", """
            /ip firewall filter
            add action=add-src-to-address-list address-list=secure address-list-timeout=30m chain=input dst-port=888 protocol=tcp
            add action=accept chain=input src-address-list=secured
            add action=drop chain=input
            """);

        CliRun run = CliRun.Of("check", config.Path);

        Assert.Equal(0, run.Exit);
        Assert.Contains($"{config.Path}:3:", run.Out, StringComparison.Ordinal);
        Assert.Contains("SES0501", run.Out, StringComparison.Ordinal);
        Assert.Contains("did you mean 'secure'?", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RuleAfterCatchAllDrop_IsNeverReached()
    {
        using var config = new TempFile("order.rsc", """
            /ip firewall filter
            add action=drop chain=input
            add action=add-src-to-address-list address-list=k1 chain=input dst-port=888 protocol=tcp
            """);

        CliRun run = CliRun.Of("check", config.Path);

        Assert.Contains($"{config.Path}:3:1: warning SES0503", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_StrictMode_TurnsSeedVariantsIntoErrors()
    {
        using var config = new TempFile("zh.rsc", "/ip firewall filter\nadd action =accept chain =input\n");

        Assert.Equal(0, CliRun.Of("check", config.Path).Exit);
        Assert.Equal(1, CliRun.Of("check", config.Path, "--strict").Exit);
    }

    [Fact]
    public void Check_SeedsFilterIpv4Only_WarnsThatIpv6IsNotFilteredAtTheDrop()
    {
        string seed = RepoPaths.Combine("tests", "fixtures", "seeds", "000-manual-old-en.rsc");

        CliRun run = CliRun.Of("check", seed);

        Assert.Equal(0, run.Exit);
        Assert.Contains($"{seed}:22:1: warning SES0540: IPv6 is not filtered: all input behind the door 888 → 555 → 222 (tcp/22 ssh,", run.Out, StringComparison.Ordinal);
        Assert.Contains("add /ipv6 firewall filter rules or run serve --ipv6=mirror", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DoorProfile_HasNoIpv6Warning()
    {
        CliRun run = CliRun.Of("check", RepoPaths.Combine("deploy", "examples", "ssh-door.yaml"));

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("SES0540", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Scripts_LintedAtFileLineColumn()
    {
        using var config = new TempFile("scripts.rsc", """
            /ip firewall filter
            add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=888 protocol=tcp
            /system script
            add name=stats source={
                :log info [:len [/ip firewall address-list find list=secure]]
                /tool fetch url="http://example.com/"
                /system script run missing
            }
            """);

        CliRun run = CliRun.Of("check", config.Path);

        Assert.Equal(0, run.Exit);
        Assert.Contains($"{config.Path}:5:58: warning SES0713: script stats: reads IPv4 list 'secure'", run.Out, StringComparison.Ordinal);
        Assert.Contains("did you mean 'secured'?", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:6:5: warning SES0710: script stats: /tool fetch will not run in Sesame", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:7:24: warning SES0712: script stats: /system script run missing", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ScriptSyntaxError_IsAnError()
    {
        using var config = new TempFile("broken.rsc", "/system script\nadd name=broken source={\n    :put (1 + 2\n}\n");

        CliRun run = CliRun.Of("check", config.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{config.Path}:3:10: error SES0702: script broken: '(' is not closed before the end of the script; the script will not run", run.Out, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Check_ScriptInnerBraceNotClosed_NamesTheInnerPlace()
    {
        using var config = new TempFile("inner.rsc", "/system script\nadd name=a source={\n  :if (true) do={\n    :put 1\n}\n/ip firewall filter\nadd chain=input action=accept\n");

        CliRun run = CliRun.Of("check", config.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{config.Path}:2:19: error SES0103: '{{' is not closed before the end of the script", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:3:17: error SES0103: this '{{' is probably the one not closed: the '}}' at 5:1 that closes it is less indented than its line", run.Out, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Check_ScriptStringNotClosed_NamesItsQuote()
    {
        using var config = new TempFile("string.rsc", "/system script\nadd name=a source={\n  :log info \"done\n}\n");

        CliRun run = CliRun.Of("check", config.Path);

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{config.Path}:3:13: error SES0103: this string is not closed", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ScriptConstantTypeErrors_WarnAtTheirPlace()
    {
        using var config = new TempFile("types.rsc", "/system script\nadd name=t source={\n    :local a (\"a\" + 1)\n    :if (\"yes\") do={ :delay abc }\n}\n");

        CliRun run = CliRun.Of("check", config.Path);

        Assert.Equal(0, run.Exit);
        Assert.Contains($"{config.Path}:3:19: warning SES0717: script t: cannot add", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:4:10: warning SES0717: script t: the condition is the str \"yes\", not a bool", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:4:29: warning SES0717: script t: :delay of the str \"abc\", which is not a time: the run stops here", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SeedScrapedCleanupLine_ParsesAndNotesTheOneLineComment()
    {
        using var config = new TempFile("seed.rsc", "/ip firewall filter\n"
            + "add action=add-src-to-address-list address-list=knock1 chain=input dst-port=888 protocol=udp\n"
            + "add action=add-src-to-address-list address-list=knock2 chain=input dst-port=555 protocol=udp src-address-list=knock1\n"
            + """/system script add name=clean-knock-lists source={ # Address-list timeouts handle expiry automatically, but this # script can force-clean all intermediate stages on demand :foreach id in=[/ip firewall address-list find list=knock1] do={ /ip firewall address-list remove $id } :foreach id in=[/ip firewall address-list find list=knock2] do={ /ip firewall address-list remove $id } :log info "Knock intermediate lists cleared"}""" + "\n");

        CliRun run = CliRun.Of("check", config.Path);

        Assert.Equal(0, run.Exit);
        Assert.Contains($"{config.Path}:4:52: warning SES0704: script clean-knock-lists: a '#' comment on a script of one line ends where the next command starts", run.Out, StringComparison.Ordinal);
        Assert.Contains("0 errors, 1 warning", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ListFilledOnlyByAScript_IsNotReportedAsNeverFilled()
    {
        using var config = new TempFile("grant.rsc", """
            /ip firewall filter
            add action=add-src-to-address-list address-list=knock2 address-list-timeout=30s chain=input dst-port=555 protocol=udp
            add action=accept chain=input dst-port=22 protocol=tcp src-address-list=secured
            add action=accept chain=input dst-port=23 protocol=tcp src-address-list=secure
            /system script
            add name=grant source={
                :foreach id in=[/ip firewall address-list find list=knock2] do={
                    /ip firewall address-list add list=secured address=[/ip firewall address-list get $id address] timeout=30m
                }
            }
            """);

        CliRun run = CliRun.Of("check", config.Path);

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("src-address-list=secured", run.Out, StringComparison.Ordinal);
        Assert.Contains($"{config.Path}:4:1: warning SES0501: src-address-list=secure: no rule", run.Out, StringComparison.Ordinal);
        Assert.Contains("0 errors, 1 warning", run.Out, StringComparison.Ordinal);
    }
}
