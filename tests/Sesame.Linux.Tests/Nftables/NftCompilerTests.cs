using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Nftables;

public sealed class NftCompilerTests
{
    public static TheoryData<string> Seeds => [.. SeedFixtures.Names];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Compile_Seed_MatchesGoldenFile(string seed)
    {
        NftCompilation compilation = NftCompiler.Compile(Configs.Seed(seed));

        GoldenFile.AssertMatches("seed-" + Path.GetFileNameWithoutExtension(seed), compilation.Script);
    }

    [Fact]
    public void Compile_EveryConstruct_MatchesGoldenFile()
    {
        FirewallConfig config = Configs.Parse("""
            /interface list add name=WAN include=LTE
            /interface list add name=LTE
            /interface list member add list=WAN interface=ether1
            /interface list member add list=LTE interface=lte1
            /ip firewall layer7-protocol add name=pass regexp="^Open Sesame!\$"
            /ip firewall layer7-protocol add name=prefix regexp="^GET /knock\\x2f"
            /ip firewall layer7-protocol add name=regex regexp="^(a|b)+\$"
            /ip firewall address-list add list=admins address=203.0.113.10
            /ip firewall address-list add list=admins address=198.51.100.0/24
            /ip firewall address-list add list=admins address=198.51.100.128/25
            /ip firewall address-list add list=admins address=192.0.2.10-192.0.2.20
            /ip firewall address-list add list=temp address=203.0.113.99 timeout=1h
            /ip firewall filter
            add chain=input connection-state=established,related action=accept
            add chain=input connection-state=!new action=drop
            add chain=input src-address-list=admins action=accept comment="admins \"always\""
            add chain=input src-address-list=!admins dst-address-list=temp action=passthrough
            add chain=input protocol=tcp dst-port=22,80,1000-2000 tcp-flags=syn,!ack action=jump jump-target=port-knock
            add chain=port-knock protocol=udp dst-port=888 layer7-protocol=pass action=add-src-to-address-list address-list=stage1 address-list-timeout=1000m
            add chain=port-knock protocol=tcp layer7-protocol=prefix action=add-dst-to-address-list address-list=stage1
            add chain=port-knock layer7-protocol=regex action=drop
            add chain=port-knock src-address=10.0.0.0/8 dst-address=!192.0.2.1 protocol=udp port=53 action=return
            add chain=port-knock in-interface=ether2 out-interface-list=!WAN packet-size=100-200 action=log log-prefix="knock"
            add chain=input dst-address-type=local protocol=tcp dst-port=22 connection-state=new connection-limit=3,24 action=reject reject-with=tcp-reset
            add chain=input protocol=icmp action=reject reject-with=icmp-admin-prohibited log=yes
            add chain=input protocol=tcp action=tarpit
            add chain=input address-list=secured action=add-src-to-address-list address-list-timeout=none-static
            add chain=forward action=fasttrack-connection connection-state=established
            add chain=forward nth=2,1 action=drop
            /ipv6 firewall filter
            add chain=input src-address=2001:db8::/32 packet-size=80 protocol=udp action=add-src-to-address-list address-list=v6knock address-list-timeout=30s
            add chain=input src-address-list=v6knock in-interface-list=all action=accept
            """);

        NftCompilation compilation = NftCompiler.Compile(config);

        GoldenFile.AssertMatches("constructs", compilation.Script);
    }

    [Theory]
    [InlineData("protocol=tcp dst-port=888", "meta l4proto tcp tcp dport 888")]
    [InlineData("protocol=udp dst-port=!53", "meta l4proto udp udp dport != 53")]
    [InlineData("protocol=!icmp", "meta l4proto != icmp")]
    [InlineData("src-address=203.0.113.77/24", "ip saddr 203.0.113.0/24")]
    [InlineData("dst-address=!192.0.2.1-192.0.2.9", "ip daddr != 192.0.2.1-192.0.2.9")]
    [InlineData("protocol=tcp tcp-flags=syn", "meta l4proto tcp tcp flags & (syn) == syn")]
    [InlineData("protocol=tcp tcp-flags=!syn,!ack", "meta l4proto tcp tcp flags & (syn | ack) == 0x0")]
    [InlineData("connection-state=established,related", "ct state established,related")]
    [InlineData("connection-state=!invalid", "ct state & (invalid) == 0")]
    [InlineData("packet-size=123", "ip length 123")]
    [InlineData("dst-address-type=local", "fib daddr type local")]
    [InlineData("dst-address-type=!unicast", "fib daddr type != { unicast, local }")]
    [InlineData("src-address-list=!secured", "ip saddr != @v4_secured")]
    [InlineData("in-interface=ether1", "iifname \"ether1\"")]
    [InlineData("in-interface-list=!none", "")]
    public void Compile_Matcher_BecomesNftMatch(string matcher, string expected)
    {
        string rule = SingleRule($"/ip firewall filter add chain=input action=accept {matcher}");

        Assert.Equal($"add rule inet sesame v4_input {expected}{(expected.Length > 0 ? " " : "")}counter name \"v4_rule_0\" accept", rule);
    }

    [Theory]
    [InlineData("action=drop", "drop")]
    [InlineData("action=reject", "reject with icmp type net-unreachable")]
    [InlineData("action=reject reject-with=icmp-port-unreachable", "reject with icmp type port-unreachable")]
    [InlineData("action=tarpit protocol=tcp", "drop")]
    [InlineData("action=add-src-to-address-list address-list=k1 address-list-timeout=30s", "update @v4_k1 { ip saddr timeout 30s }")]
    [InlineData("action=add-src-to-address-list address-list=k1 address-list-timeout=1d2h3m4s", "update @v4_k1 { ip saddr timeout 1d2h3m4s }")]
    [InlineData("action=add-dst-to-address-list address-list=k1", "delete @v4_k1 { ip daddr } add @v4_k1 { ip daddr timeout 248d13h13m56s }")]
    [InlineData("action=add-src-to-address-list address-list=k1 address-list-timeout=none-static", "delete @v4_k1 { ip saddr } add @v4_k1 { ip saddr }")]
    [InlineData("action=jump jump-target=knock", "jump v4_knock")]
    [InlineData("action=return", "return")]
    [InlineData("action=passthrough", "")]
    [InlineData("action=log log-prefix=KNOCK", "log prefix \"KNOCK input: \"")]
    public void Compile_Action_FollowsTheCounter(string action, string expected)
    {
        string rule = SingleRule($"/ip firewall filter add chain=input {action}");

        string statements = rule[(rule.IndexOf("counter name", StringComparison.Ordinal) + "counter name \"v4_rule_0\"".Length)..].Trim();
        Assert.Equal(expected, statements);
    }

    [Fact]
    public void Compile_AddressListWithPrefixes_SplitsIntoExclusiveAlternativesSharingTheCounter()
    {
        FirewallConfig config = Configs.Parse("""
            /ip firewall address-list add list=ok address=10.0.0.0/8
            /ip firewall address-list add list=ok address=192.0.2.7
            /ip firewall filter add chain=input src-address-list=ok action=accept
            """);

        string[] rules = RuleLines(NftCompiler.Compile(config).Script);

        Assert.Equal(
            [
                "add rule inet sesame v4_input ip saddr @v4_ok counter name \"v4_rule_0\" accept",
                "add rule inet sesame v4_input ip saddr != @v4_ok ip saddr @v4net_ok counter name \"v4_rule_0\" accept",
            ],
            rules);
    }

    [Fact]
    public void Compile_StaticHostEntry_IsAddedDeletedAndAddedSoItLosesAnyTimeout()
    {
        FirewallConfig config = Configs.Parse("/ip firewall address-list add list=ok address=192.0.2.7");

        string script = NftCompiler.Compile(config).Script;

        Assert.Contains(
            "add element inet sesame v4_ok { 192.0.2.7 }\ndelete element inet sesame v4_ok { 192.0.2.7 }\nadd element inet sesame v4_ok { 192.0.2.7 }\n",
            script,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_Reapply_DeclaresSetsWithoutFlushingThemAndFlushesChains()
    {
        string script = NftCompiler.Compile(Configs.Seed("000-manual-old-en.rsc")).Script;
        string[] lines = script.Split('\n');

        Assert.DoesNotContain(lines, l => l.StartsWith("flush table", StringComparison.Ordinal) || l.StartsWith("delete table", StringComparison.Ordinal));
        Assert.DoesNotContain("flush set inet sesame v4_", script, StringComparison.Ordinal);
        Assert.Contains("flush chain inet sesame v4_input", lines);
        Assert.All(lines.Where(l => l.Length > 0 && !l.StartsWith('#')), l => Assert.Contains(" inet sesame", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("nth=2,1", "SES0601")]
    [InlineData("layer7-protocol=general protocol=udp", "SES0602")]
    [InlineData("layer7-protocol=exact protocol=tcp", "SES0609")]
    public void Compile_RuleNftablesCannotMatch_NeverMatchesAndWarns(string matcher, string code)
    {
        FirewallConfig config = Configs.Parse($"""
            /ip firewall layer7-protocol add name=general regexp="^(a|b)\$"
            /ip firewall layer7-protocol add name=exact regexp="^pass\$"
            /ip firewall filter add chain=input action=drop {matcher}
            """);

        NftCompilation compilation = NftCompiler.Compile(config);

        Assert.Empty(RuleLines(compilation.Script));
        Assert.Contains("add counter inet sesame v4_rule_0\n", compilation.Script, StringComparison.Ordinal);
        Assert.Contains(compilation.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void Compile_PortsWithoutProtocol_MatchTheTransportHeaderOfPortProtocols()
    {
        var rule = new FilterRule
        {
            Chain = "input",
            Action = FilterAction.Drop,
            DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(21, 22), new PortRange(10000, 60000)]),
        };

        string[] rules = RuleLines(NftCompiler.Compile(new FirewallConfig { Ipv4Filter = [rule] }).Script);

        Assert.Equal(["add rule inet sesame v4_input meta l4proto { 6, 17, 33, 132, 136 } th dport { 21-22, 10000-60000 } counter name \"v4_rule_0\" drop"], rules);
    }

    [Fact]
    public void Compile_UndefinedLayer7Protocol_NeverMatchesAndWarns()
    {
        var rule = new FilterRule { Chain = "input", Action = FilterAction.Drop, Layer7Protocol = "missing" };

        NftCompilation compilation = NftCompiler.Compile(new FirewallConfig { Ipv4Filter = [rule] });

        Assert.Empty(RuleLines(compilation.Script));
        Assert.Contains(compilation.Diagnostics, d => d.Code == "SES0608");
    }

    /// <summary>
    /// What the engine never matches, the kernel must not match either: a regexp the engine cannot compile, and a literal
    /// longer than the 2 KB the engine looks at (which would also be a rule nft cannot hold).
    /// </summary>
    [Theory]
    [InlineData(2049)]
    [InlineData(1 << 20)]
    public void Compile_Layer7LiteralLongerThanTheEnginesWindow_NeverMatches(int length)
    {
        var rule = new FilterRule { Chain = "input", Action = FilterAction.AddSrcToAddressList, AddressList = "k1", Layer7Protocol = "pw" };
        var config = new FirewallConfig { Ipv4Filter = [rule], Layer7Protocols = [new Layer7Protocol("pw", "^" + new string('a', length))] };

        Assert.Empty(RuleLines(NftCompiler.Compile(config).Script));
        Assert.Empty(RuleLines(NftCompiler.Compile(config, new NftCompilerOptions { NflogGroup = 5 }).Script));
    }

    [Fact]
    public void Compile_LongLayer7Literal_IsAPayloadMatch()
    {
        var rule = new FilterRule { Chain = "input", Action = FilterAction.AddSrcToAddressList, AddressList = "k1", Protocol = Negatable<byte>.Is(IpProtocols.Udp), Layer7Protocol = "pw" };
        var config = new FirewallConfig { Ipv4Filter = [rule], Layer7Protocols = [new Layer7Protocol("pw", "^" + new string('a', 256))] };

        Assert.Contains("@th,64,128", Assert.Single(RuleLines(NftCompiler.Compile(config).Script)), StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_JumpLoop_CompilesTheClosingJumpToDrop()
    {
        FirewallConfig config = Configs.Parse("""
            /ip firewall filter
            add chain=input action=jump jump-target=a
            add chain=a action=jump jump-target=b
            add chain=b action=jump jump-target=a
            """);

        NftCompilation compilation = NftCompiler.Compile(config);

        Assert.Equal(
            [
                "add rule inet sesame v4_input counter name \"v4_rule_0\" jump v4_a",
                "add rule inet sesame v4_a counter name \"v4_rule_1\" jump v4_b",
                "add rule inet sesame v4_b counter name \"v4_rule_2\" drop",
            ],
            RuleLines(compilation.Script));
        Assert.Contains(compilation.Diagnostics, d => d.Code == "SES0605");
    }

    [Fact]
    public void Compile_InterfaceListWithIncludeAndExclude_HoldsTheEffectiveMembers()
    {
        FirewallConfig config = Configs.Parse("""
            /interface list add name=WAN include=UPLINKS exclude=BACKUP
            /interface list add name=UPLINKS
            /interface list add name=BACKUP
            /interface list member add list=UPLINKS interface=ether1
            /interface list member add list=UPLINKS interface=ether2
            /interface list member add list=BACKUP interface=ether2
            /ip firewall filter add chain=input in-interface-list=WAN action=drop
            """);

        string script = NftCompiler.Compile(config).Script;

        Assert.Contains("add element inet sesame if_WAN { \"ether1\" }\n", script, StringComparison.Ordinal);
    }

    private static string SingleRule(string script)
    {
        string[] rules = RuleLines(NftCompiler.Compile(Configs.Parse(script)).Script);
        return Assert.Single(rules);
    }

    /// <summary>The rules compiled from the model, without the hooks' dispatch rules.</summary>
    private static string[] RuleLines(string script) =>
        [.. script.Split('\n').Where(l => l.StartsWith("add rule inet sesame v", StringComparison.Ordinal))];
}
