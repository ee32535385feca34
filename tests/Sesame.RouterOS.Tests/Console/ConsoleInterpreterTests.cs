using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.RouterOS;
using Sesame.RouterOS.Console;
using Sesame.RouterOS.Syntax;

namespace Sesame.Tests.Console;

public sealed class ConsoleInterpreterTests
{
    /// <summary>Five input rules commented r0..r4, printed, so numbers 0..4 are assigned.</summary>
    private const string FiveRules = "/ip firewall filter\n" +
        "add chain=input comment=r0\nadd chain=input comment=r1\nadd chain=input comment=r2\n" +
        "add chain=input comment=r3\nadd chain=input comment=r4\nprint\n";

    [Theory]
    [InlineData("add chain=input comment=new place-before=2", "r0,r1,new,r2,r3,r4")]
    [InlineData("add chain=input comment=new place-before=*1", "new,r0,r1,r2,r3,r4")]
    [InlineData("add chain=input comment=new place-before=r3", "r0,r1,r2,new,r3,r4")]
    [InlineData("add chain=input comment=new place-before=\"r3\"", "r0,r1,r2,new,r3,r4")]
    [InlineData("add chain=input comment=new place-before=[find comment=r4]", "r0,r1,r2,r3,new,r4")]
    [InlineData("add chain=input comment=new place-before=([find chain=input]->1)", "r0,new,r1,r2,r3,r4")]
    [InlineData("add chain=input comment=new", "r0,r1,r2,r3,r4,new")]
    public void Add_PlaceBefore_InsertsBeforeTheReferencedItem(string command, string order)
    {
        FirewallConfig config = Scripts.Config(FiveRules + command);

        Assert.Equal(order, Scripts.Comments(config.Ipv4Filter));
    }

    [Fact]
    public void Add_PlaceBeforeTwice_NumbersKeepTheirPrintMeaning()
    {
        // §1.6: after inserting before #2, "place-before=3" still means the rule printed as 3.
        FirewallConfig config = Scripts.Config(FiveRules + "add chain=input comment=a place-before=2\nadd chain=input comment=b place-before=3");

        Assert.Equal("r0,r1,a,r2,b,r3,r4", Scripts.Comments(config.Ipv4Filter));
    }

    [Fact]
    public void Add_PlaceBeforeMissingItem_ErrorAndNotAdded()
    {
        ScriptResult result = Scripts.Parse(FiveRules + "add chain=input comment=new place-before=9");

        Diagnostic d = Scripts.Single(result, "SES0205");
        Assert.Equal((8, 42), (d.Location.Line, d.Location.Column));
        Assert.Contains("item referred by 'place-before' does not exist", d.Message, StringComparison.Ordinal);
        Assert.Equal("r0,r1,r2,r3,r4", Scripts.Comments(result.Config.Ipv4Filter));
    }

    [Fact]
    public void Add_CopyFrom_StartsFromTheOtherItem()
    {
        FilterRule copy = Scripts.Config(FiveRules + "set 1 action=drop protocol=tcp dst-port=22\nadd copy-from=1 comment=copy").Ipv4Filter[5];

        Assert.Equal(("input", FilterAction.Drop, "copy"), (copy.Chain, copy.Action, copy.Comment));
        Assert.NotNull(copy.DstPort);
    }

    [Theory]
    [InlineData("move 0 3", "r1,r2,r0,r3,r4")]
    [InlineData("move numbers=0 destination=3", "r1,r2,r0,r3,r4")]
    [InlineData("move 4 0", "r4,r0,r1,r2,r3")]
    [InlineData("move 0,1", "r2,r3,r4,r0,r1")]
    [InlineData("move 0\nmove 1 0", "r2,r3,r4,r1,r0")]
    [InlineData("move 3 1\nmove 2 1", "r0,r3,r2,r1,r4")]
    public void Move_ItemsGoBeforeTheDestinationWithoutRenumbering(string commands, string order)
    {
        FirewallConfig config = Scripts.Config(FiveRules + commands);

        Assert.Equal(order, Scripts.Comments(config.Ipv4Filter));
    }

    [Fact]
    public void Set_ChangesAndUnsetsProperties()
    {
        FilterRule rule = Scripts.Config(FiveRules + "set 2 protocol=tcp dst-port=22 log=yes\nset 2 !dst-port !log protocol=udp").Ipv4Filter[2];

        Assert.Equal(Negatable<byte>.Is(IpProtocols.Udp), rule.Protocol);
        Assert.Null(rule.DstPort);
        Assert.False(rule.Log);
    }

    [Fact]
    public void Set_PlaceBefore_NotAParameterOfSet()
    {
        ScriptResult result = Scripts.Parse(FiveRules + "set 0 place-before=2");

        Assert.Equal(8, Scripts.Single(result, "SES0204").Location.Line);
    }

    [Theory]
    [InlineData("remove 1,3", "r0,r2,r4")]
    [InlineData("remove numbers=*2", "r0,r2,r3,r4")]
    [InlineData("remove [find comment~\"^r[12]$\"]", "r0,r3,r4")]
    [InlineData("remove [find where comment!=r0 and !(comment=r4 or comment=r3)]", "r0,r3,r4")]
    [InlineData("remove [find chain=input comment=r2]", "r0,r1,r3,r4")]
    [InlineData("disable 0\nremove [find disabled]", "r1,r2,r3,r4")]
    [InlineData("disable 0\nremove [find !disabled]", "r0")]
    [InlineData("disable 0\nremove [find not disabled && comment=r1]", "r0,r2,r3,r4")]
    [InlineData("disable 0,1\nremove [find disabled=yes]", "r2,r3,r4")]
    [InlineData("remove [find action=accept comment=r4]", "r0,r1,r2,r3")]
    [InlineData("remove [find comment=none]", "r0,r1,r2,r3,r4")]
    [InlineData("remove 2\nremove 3", "r0,r1,r4")]
    public void Remove_ByReferenceOrFind_RemovesThoseItems(string commands, string remaining)
    {
        FirewallConfig config = Scripts.Config(FiveRules + commands);

        Assert.Equal(remaining, Scripts.Comments(config.Ipv4Filter));
    }

    [Fact]
    public void EnableDisableComment_ChangeTheItems()
    {
        FirewallConfig config = Scripts.Config(FiveRules + "disable 1,2,3\nenable numbers=2\ncomment 4 \"the end\"\ncomment numbers=0 comment=first");

        Assert.Equal([false, true, false, true, false], config.Ipv4Filter.Select(r => r.Disabled));
        Assert.Equal("first,r1,r2,r3,the end", Scripts.Comments(config.Ipv4Filter));
    }

    [Fact]
    public void Print_WithFilter_NumbersTheWholeList()
    {
        // §1.5: numbering is over the whole menu, so after "print chain=forward" the forward rule is 1, not 0.
        const string text = "/ip firewall filter\nadd chain=input comment=a\nadd chain=forward comment=b\nadd chain=input comment=c\n" +
            "print chain=forward\nset 1 comment=changed";

        Assert.Equal("a,changed,c", Scripts.Comments(Scripts.Config(text).Ipv4Filter));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Numbers_WithoutPrint_NumberedAsIfPrinted(bool strict)
    {
        ScriptResult result = Scripts.Parse("/ip firewall filter\nadd chain=input comment=a\nadd chain=input comment=b\nremove 0", strict);

        Diagnostic d = Scripts.Single(result, "SES0206");
        Assert.Equal((4, 8, strict), (d.Location.Line, d.Location.Column, d.IsError));
        Assert.Equal("b", Scripts.Comments(result.Config.Ipv4Filter));
    }

    [Fact]
    public void Numbers_RemovedSincePrint_NoSuchItem()
    {
        ScriptResult result = Scripts.Parse(FiveRules + "remove 1\nenable 1");

        Assert.Equal(9, Scripts.Single(result, "SES0205").Location.Line);
    }

    [Fact]
    public void Names_LayerSevenByName()
    {
        FirewallConfig config = Scripts.Config("/ip firewall layer7-protocol\nadd name=a regexp=x\nadd name=b regexp=y\nset b regexp=z\nremove a");

        Assert.Equal(("b", "z"), (config.Layer7Protocols[0].Name, config.Layer7Protocols[0].Regexp));
        Assert.Single(config.Layer7Protocols);
    }

    [Theory]
    [InlineData("/ip firewall filter\npr\nad chain=input act=drop comm=x")]
    [InlineData("/ip firewall filter\nadd chain=input action=drop comment=x")]
    [InlineData("/ip/firewall/filter/add chain=input action=drop comment=x")]
    [InlineData("ip firewall filter\nadd chain=input action=drop comment=x")]
    [InlineData("/ip firewall address-list\n.. filter\nadd chain=input action=drop comment=x")]
    [InlineData("/ip firewall filter add chain=input action=drop comment=x")]
    [InlineData("/ip firewall filter\n/ip firewall layer7-protocol add name=p regexp=q\n/ip firewall filter\nadd chain=input action=drop comment=x")]
    public void Paths_AndAbbreviations_ReachTheFilterMenu(string text)
    {
        FilterRule rule = Assert.Single(Scripts.Config(text).Ipv4Filter);

        Assert.Equal((FilterAction.Drop, "x"), (rule.Action, rule.Comment));
    }

    [Fact]
    public void InlinePath_DoesNotChangeTheCurrentMenu()
    {
        // §1.2 decision: "/ip firewall address-list add …" leaves the current menu at /ip firewall filter.
        ScriptResult result = Scripts.Parse("/ip firewall filter\n/ip firewall address-list add list=a address=10.0.0.1\nadd chain=input");

        Assert.Single(result.Config.Ipv4Filter);
        Assert.Single(result.Config.Ipv4AddressList);
        Diagnostic d = Scripts.Single(result, "SES0210");
        Assert.Equal((Severity.Warning, 3), (d.Severity, d.Location.Line));
    }

    [Theory]
    [InlineData("/ip firewall filter\ne 0", "SES0203")]
    [InlineData("/ip firewall filter\nre 0", "SES0203")]
    [InlineData("/ip firewall filter\nfrobnicate", "SES0202")]
    [InlineData("/ip firewall filter\nadd chain=input a=drop", "SES0203")]
    [InlineData("/ip firewall filter\nadd chain=input foo=bar", "SES0204")]
    [InlineData("/ip firewall filter\nadd chain=input 5", "SES0208")]
    [InlineData("/ip firewall filter\nprint where nosuch=1", "SES0209")]
    [InlineData("/ip firewall filter\nprint where comment~\"(\"", "SES0209")]
    [InlineData("/ip firewall filter\nset comment=x", "SES0208")]
    [InlineData("/ip firewall address-list\nadd list=a address=1.2.3.4 frob=1", "SES0204")]
    public void Commands_Wrong_ErrorOnTheSecondLine(string text, string code)
    {
        ScriptResult result = Scripts.Parse(text);

        Diagnostic d = Assert.Single(result.Diagnostics, x => x.IsError);
        Assert.Equal((code, 2), (d.Code, d.Location.Line));
    }

    [Fact]
    public void RootMenu_ItemCommandsWithChain_FilterRulesAndOneWarning()
    {
        ScriptResult result = Scripts.Parse("add chain=input comment=a\n/ip firewall address-list add list=x address=10.0.0.1\nad chain=forward comment=b");

        Diagnostic d = Scripts.Single(result, "SES0212");
        Assert.Equal((Severity.Warning, 1), (d.Severity, d.Location.Line));
        Assert.False(result.HasErrors);
        Assert.Equal("a,b", Scripts.Comments(result.Config.Ipv4Filter));
        Assert.Single(result.Config.Ipv4AddressList);
    }

    [Theory]
    [InlineData("add list=x address=10.0.0.1")]
    [InlineData("add comment=no-chain")]
    [InlineData("remove 0")]
    [InlineData("set 0 comment=x")]
    public void RootMenu_ItemCommandWithoutChain_BadCommandName(string line)
    {
        ScriptResult result = Scripts.Parse(line);

        Diagnostic d = Assert.Single(result.Diagnostics);
        Assert.Equal(("SES0202", true, 1, 1), (d.Code, d.IsError, d.Location.Line, d.Location.Column));
        Assert.StartsWith("bad command name", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RootMenu_AfterAMenuLine_NoAssumption()
    {
        ScriptResult result = Scripts.Parse("/ip firewall address-list\nadd list=x address=10.0.0.1 chain=input");

        Assert.Equal("SES0204", Assert.Single(result.Diagnostics).Code);
        Assert.Empty(result.Config.Ipv4Filter);
    }

    [Fact]
    public void UnknownMenus_WarnedAndSkippedAlsoInStrictMode()
    {
        const string text = "/interface wireguard add name=wg listen-port=51820\n/ip service\nset telnet disabled=yes\n" +
            "/ip firewall nat add chain=srcnat action=masquerade\n/ip/service/set www disabled=yes\n/ip firewall filter\nadd chain=input";

        ScriptResult result = Scripts.Parse(text, strict: true);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Equal([1, 2, 3, 4, 5], result.Diagnostics.Where(d => d.Code == "SES0201").Select(d => d.Location.Line));
        Assert.Contains("/interface wireguard", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Single(result.Config.Ipv4Filter);
    }

    [Fact]
    public void GlobalCommands_SkippedWithWarning()
    {
        ScriptResult result = Scripts.Parse(":local x 1\n:foreach i in=[/ip firewall filter find] do={ :put $i }\n/ip firewall filter add chain=input");

        Assert.Equal([1, 2], result.Diagnostics.Where(d => d.Code == "SES0108").Select(d => d.Location.Line));
        Assert.False(result.HasErrors);
        Assert.Single(result.Config.Ipv4Filter);
    }

    [Theory]
    [InlineData("add list=a address=10.0.0.1\nadd list=a address=10.0.0.1")]
    [InlineData("add list=a address=10.0.0.7/24\nadd list=a address=10.0.0.0/24")]
    [InlineData("add list=a address=10.0.0.0-10.0.0.255\nadd list=a address=10.0.0.0/24")]
    [InlineData("add list=a address=host.example\nadd list=a address=HOST.example")]
    public void AddressListAdd_SameListAndAddress_AlreadyHaveSuchEntry(string lines)
    {
        ScriptResult result = Scripts.Parse("/ip firewall address-list\n" + lines + "\nadd list=b address=10.0.0.1");

        Diagnostic d = Scripts.Single(result, "SES0207");
        Assert.Equal((3, 1), (d.Location.Line, d.Location.Column));
        Assert.StartsWith("failure: already have such entry", d.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b"], result.Config.Ipv4AddressList.Select(e => e.List));
    }

    [Theory]
    [InlineData("add list=a address=10.0.0.1\nremove [find]\nadd list=a address=10.0.0.1", 0)]
    [InlineData("add list=a address=10.0.0.1\nset [find] address=10.0.0.2\nadd list=a address=10.0.0.1", 0)]
    [InlineData("add list=a address=10.0.0.1\nset [find] address=10.0.0.2\nadd list=a address=10.0.0.2", 1)]
    [InlineData("add list=a address=10.0.0.1\nset [find] list=b\nadd list=b address=10.0.0.1/32", 1)]
    public void AddressListAdd_AfterRemoveOrSet_DuplicateCheckSeesTheEdit(string lines, int duplicates)
    {
        ScriptResult result = Scripts.Parse("/ip firewall address-list\n" + lines);

        Assert.Equal(duplicates, result.Diagnostics.Count(d => d.Code == "SES0207"));
    }

    /// <summary>The duplicate check once walked every entry for each add: 20 000 entries took minutes, 100 000 hours.</summary>
    [Fact]
    public void AddressListAdd_TwentyThousandEntries_OneDuplicateFoundQuickly()
    {
        var script = new System.Text.StringBuilder("/ip firewall address-list\n");
        for (int i = 0; i < 20_000; i++)
        {
            script.Append(System.Globalization.CultureInfo.InvariantCulture, $"add list=bl address=10.0.{i >> 8}.{i & 255}\n");
        }

        script.Append("add list=bl address=10.0.0.7/32\nremove [find]\nadd list=bl address=10.0.0.7\n");

        ScriptResult result = Scripts.Parse(script.ToString());

        Diagnostic d = Scripts.Single(result, "SES0207");
        Assert.Equal(20_002, d.Location.Line);
        Assert.Single(result.Config.Ipv4AddressList);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddressListAdd_AddressListTimeout_ReadAsTimeout(bool strict)
    {
        ScriptResult result = Scripts.Parse("/ip firewall address-list add address=10.0.0.1 list=secured address-list-timeout=1d", strict);

        Diagnostic d = Scripts.Single(result, "SES0211");
        Assert.Equal((61, strict), (d.Location.Column, d.IsError));
        Assert.Equal(TimeSpan.FromDays(1), Assert.Single(result.Config.Ipv4AddressList).Timeout);
    }

    [Fact]
    public void Menus_ItemIdsAreHexAndNeverReused()
    {
        var diagnostics = new ScriptDiagnostics(strict: false);
        var console = new ConsoleInterpreter(diagnostics);

        console.Run(ScriptParser.Parse(new SourceText(string.Concat(Enumerable.Repeat("/ip firewall filter add chain=input\n", 11)) + "/ip firewall filter remove *A", "t.rsc"), diagnostics));

        MenuState menu = console.Menu(MenuKind.Ipv4Filter);
        Assert.Equal(["*1", "*2", "*3", "*4", "*5", "*6", "*7", "*8", "*9", "*B"], menu.Items.Select(i => i.IdText));
        Assert.Empty(diagnostics.Bag.Items);
    }
}
