using Sesame.Diagnostics;
using Sesame.RouterOS;

namespace Sesame.Tests.Scripting;

/// <summary>RouterOsScripts.Lint: what check says about scripts and schedulers, at file:line:column inside the script's source.</summary>
public sealed class ScriptLintTests
{
    private const string Rules = """
        /ip firewall filter
        add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 protocol=udp
        add action=add-src-to-address-list address-list=knock2 address-list-timeout=30s chain=input dst-port=555 protocol=udp src-address-list=knock1
        add action=accept chain=input dst-port=22 protocol=tcp src-address-list=secured

        """;

    private static IReadOnlyList<Diagnostic> Lint(string config)
    {
        ScriptResult parsed = RouterOsScript.Parse(config, "router.rsc");
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return RouterOsScripts.Lint(parsed.Config);
    }

    [Fact]
    public void SeedScripts_MultiLine_AreClean()
    {
        string config = Rules + "/system script\n"
            + "add name=check-and-grant source={\n" + SeedScripts.CheckAndGrant + "\n}\n"
            + "add name=log-knock-attempts source={\n" + SeedScripts.LogKnockAttempts + "\n}\n"
            + "add name=clean-knock-lists source={\n" + SeedScripts.CleanKnockLists + "\n}\n"
            + "/system scheduler\nadd name=knock-logger interval=5m on-event=log-knock-attempts\n";
        Assert.Empty(Lint(config));
    }

    [Fact]
    public void SeedScript_OneLine_NotedOnce()
    {
        string config = Rules + "/system script add name=check-and-grant source={" + SeedScripts.CheckAndGrantOneLine + "}\n";
        Diagnostic d = Assert.Single(Lint(config));
        Assert.Equal("SES0704", d.Code);
        Assert.Equal(Severity.Warning, d.Severity);
        Assert.Equal(5, d.Location.Line);
    }

    [Fact]
    public void UnsupportedCommand_AtFileLineColumn()
    {
        string config = Rules + """
            /system script
            add name=notify source={
                :log info "start"
                /tool fetch url="http://example.com/x"
                  :resolve "example.com"
            }
            """;
        var diagnostics = Lint(config);
        Assert.Collection(diagnostics,
            d =>
            {
                Assert.Equal("SES0710", d.Code);
                Assert.Equal(new SourceLocation("router.rsc", 8, 5), d.Location);
                Assert.Contains("script notify: /tool fetch will not run in Sesame", d.Message, StringComparison.Ordinal);
            },
            d =>
            {
                Assert.Equal(new SourceLocation("router.rsc", 9, 7), d.Location);
                Assert.Contains(":resolve will not run in Sesame", d.Message, StringComparison.Ordinal);
            });
    }

    [Fact]
    public void SyntaxError_IsAnError_AtItsPlace()
    {
        string config = "/system script\nadd name=broken source={\n    :if (true) do={\n        :put (1 + 2\n    }\n}\n";
        Diagnostic d = Assert.Single(Lint(config), x => x.IsError);
        Assert.Equal(new SourceLocation("router.rsc", 5, 5), d.Location);
        Assert.Contains("script broken: expected ')', found '}'", d.Message, StringComparison.Ordinal);
        Assert.Contains("will not run", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownVariable_Warned_DeclaredOnesNot()
    {
        string config = """
            /system script
            add name=a source={
                :global shared 1
                :local mine 2
                :put ($mine + $shared + $typo)
                :foreach i in={1;2} do={ :put $i }
                :put $i
            }
            add name=b source={
                :put $shared
            }
            """;
        var diagnostics = Lint(config);
        Assert.Equal(["$typo", "$i"], diagnostics.Select(d => d.Message.Split(' ')[2]));
        Assert.All(diagnostics, d => Assert.Equal("SES0711", d.Code));
        Assert.Equal(new SourceLocation("router.rsc", 5, 29), diagnostics[0].Location);
    }

    [Fact]
    public void MissingScript_InRun_WithSuggestion()
    {
        string config = """
            /system script
            add name=check-and-grant source={ :log info "x" }
            add name=caller source={ /system script run check-and-grnat }
            """;
        Diagnostic d = Assert.Single(Lint(config));
        Assert.Equal("SES0712", d.Code);
        Assert.Contains("did you mean 'check-and-grant'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListNeverFilled_BlogTypo_NamesSimilarList()
    {
        string config = Rules + """
            /system script
            add name=stats source={
                :log info [:len [/ip firewall address-list find list=secure]]
                :log info [:len [/ip firewall address-list find list=knock2]]
                :log info [:len [/ip firewall filter find src-address-list=secure]]
            }
            """;
        var diagnostics = Lint(config);
        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("SES0713", d.Code);
            Assert.Contains("'secure'", d.Message, StringComparison.Ordinal);
            Assert.Contains("did you mean 'secured'", d.Message, StringComparison.Ordinal);
        });
        Assert.Equal(new SourceLocation("router.rsc", 7, 58), diagnostics[0].Location);
    }

    [Fact]
    public void ListFilledByAScript_IsNotReported()
    {
        string config = """
            /system script
            add name=fill source={ /ip firewall address-list add list=granted address=192.0.2.1 }
            add name=read source={ :put [/ip firewall address-list find list=granted] }
            """;
        Assert.Empty(Lint(config));
    }

    [Theory]
    [InlineData(":while (true) do={ :put 1 }", "SES0714")]
    [InlineData(":do { :put 1 } while=(true)", "SES0714")]
    [InlineData(":for i from=1 to=2 step=0 do={ :put $i }", "SES0714")]
    [InlineData("/system script run self", "SES0715")]
    public void NeverFinishes_Warned(string code, string expected)
    {
        string config = "/system script\nadd name=self source={ " + code + " }\n";
        Diagnostic d = Assert.Single(Lint(config));
        Assert.Equal(expected, d.Code);
        Assert.Equal(2, d.Location.Line);
    }

    [Fact]
    public void WhileTrue_WithReturn_IsFine()
    {
        Assert.Empty(Lint("/system script\nadd name=s source={ :local i 0; :while (true) do={ :set i ($i + 1); :if ($i > 3) do={ :return 1 } } }\n"));
    }

    [Fact]
    public void MutualRun_Warned()
    {
        string config = "/system script\nadd name=a source={ /system script run b }\nadd name=b source={ /system script run a }\n";
        Assert.Equal(["SES0715", "SES0715"], Lint(config).Select(d => d.Code));
    }

    [Fact]
    public void SchedulerCode_IsLinted_AtItsPlace()
    {
        string config = "/system scheduler\nadd name=boot start-time=startup on-event=\":log info \\$undefinedThing\"\n";
        Diagnostic d = Assert.Single(Lint(config));
        Assert.Equal("SES0711", d.Code);
        Assert.StartsWith("scheduler boot:", d.Message, StringComparison.Ordinal);
        Assert.Equal(2, d.Location.Line);
        Assert.Contains("(scheduler line 1 column 11)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuotedSource_PlacesAtItsStart_WithInnerPosition()
    {
        string config = "/system script\nadd name=q source=\":put 1\\r\\n/tool fetch url=x\"\n";
        Diagnostic d = Assert.Single(Lint(config));
        Assert.Equal(new SourceLocation("router.rsc", 2, 20), d.Location);
        Assert.Contains("(script line 2 column 1)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownArgument_Warned()
    {
        string config = "/system script\nadd name=s source={ /ip firewall address-list add list=x address=192.0.2.1 timout=1m }\n";
        Diagnostic d = Assert.Single(Lint(config));
        Assert.Equal("SES0716", d.Code);
        Assert.Equal(new SourceLocation("router.rsc", 2, 76), d.Location);
        Assert.Contains("unknown argument 'timout'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SchedulerNamingNoScript_LeftToTheBuilder()
    {
        ScriptResult parsed = RouterOsScript.Parse("/system scheduler\nadd name=s interval=5m on-event=log-knock-attempts\n", "router.rsc");
        Assert.Equal("SES0311", Assert.Single(parsed.Diagnostics).Code);
        Assert.Empty(RouterOsScripts.Lint(parsed.Config));
    }
}
