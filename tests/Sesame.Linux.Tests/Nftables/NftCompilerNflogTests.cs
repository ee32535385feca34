using Sesame.Linux.Nftables;

namespace Sesame.Tests.Nftables;

/// <summary>The ruleset <c>serve</c> applies: with an NFLOG group, knocks are reported and general Layer7 regexps go to the daemon.</summary>
public sealed class NftCompilerNflogTests
{
    private static readonly NftCompilerOptions WithGroup = new() { NflogGroup = 77 };

    [Fact]
    public void Compile_WithGroup_AddToListRuleReportsAfterItsSetUpdateWithinItsRate()
    {
        NftCompilation compilation = NftCompiler.Compile(Configs.Seed("000-manual-old-en.rsc"), WithGroup);

        Assert.Contains(
            "tcp dport 555 ip saddr @v4_888 counter name \"v4_rule_2\" update @v4_555 { ip saddr timeout 30s } limit rate 100/second burst 100 packets log prefix \"sesame:add:v4:2\" group 77\n",
            compilation.Script,
            StringComparison.Ordinal);
        Assert.DoesNotContain("log prefix \"sesame:add:v4:4\"", compilation.Script, StringComparison.Ordinal); // the accept rule
    }

    [Fact]
    public void Compile_WithGroup_EachAddToListRuleIsFollowedByItsFullSetCheck()
    {
        NftCompilation compilation = NftCompiler.Compile(Configs.Seed("000-manual-old-en.rsc"), WithGroup with { ReportRate = 7 });

        string rule = "add rule inet sesame v4_input iifname @if_WAN meta l4proto tcp tcp dport 555 ip saddr @v4_888 counter name \"v4_rule_2\" update @v4_555 { ip saddr timeout 30s } limit rate 7/second burst 7 packets log prefix \"sesame:add:v4:2\" group 77\n";
        string check = "add rule inet sesame v4_input iifname @if_WAN meta l4proto tcp tcp dport 555 ip saddr @v4_888 ip saddr != @v4_555 limit rate 1/second burst 1 packets log prefix \"sesame:full:v4:2\" group 77\n";
        Assert.Contains(rule + check, compilation.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_WithGroup_ConnectionLimitRuleHasNoFullSetCheck()
    {
        Sesame.Model.FirewallConfig config = Configs.Parse("""
            /ip firewall filter
            add action=add-src-to-address-list address-list=busy address-list-timeout=1m chain=input protocol=tcp dst-port=22 connection-limit=3,32
            add action=add-dst-to-address-list address-list=seen address-list-timeout=1m chain=output protocol=tcp dst-port=443
            """);

        NftCompilation compilation = NftCompiler.Compile(config, WithGroup);

        // The check would evaluate `ct count` a second time for the same packet.
        Assert.DoesNotContain("sesame:full:v4:0", compilation.Script, StringComparison.Ordinal);
        Assert.Contains("ip daddr != @v4_seen limit rate 1/second burst 1 packets log prefix \"sesame:full:v4:1\" group 77\n", compilation.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void RecreatingSet_DeletesOnlyThatSetBeforeItIsDeclaredAgain()
    {
        NftCompilation compilation = NftCompiler.Compile(Configs.Seed("000-manual-old-en.rsc"), WithGroup);

        string script = NftTextWriter.Write(compilation.RecreatingSet("v4_888"));

        Assert.Contains("delete set inet sesame v4_888\nadd set inet sesame v4_888 {", script, StringComparison.Ordinal);
        Assert.Single(script.Split('\n'), l => l.StartsWith("delete ", StringComparison.Ordinal));
        Assert.True(script.IndexOf("flush chain inet sesame v4_input", StringComparison.Ordinal) < script.IndexOf("delete set", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => compilation.RecreatingSet("v4_nope"));
    }

    [Fact]
    public void Compile_WithoutGroup_LogsNothingToNflog()
    {
        NftCompilation compilation = NftCompiler.Compile(Configs.Seed("000-manual-old-en.rsc"));

        Assert.DoesNotContain(" group ", compilation.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_GeneralLayer7RegexWithGroup_SendsCandidatesToDaemonInsteadOfUpdatingTheSet()
    {
        Sesame.Model.FirewallConfig config = Configs.Parse("""
            /ip firewall layer7-protocol add name=otp regexp="^open-[0-9]+\$"
            /ip firewall filter
            add action=add-src-to-address-list address-list=k1 address-list-timeout=30s chain=input dst-port=1234 protocol=udp layer7-protocol=otp
            add action=drop chain=input protocol=udp dst-port=9 layer7-protocol=otp
            """);

        NftCompilation compilation = NftCompiler.Compile(config, WithGroup);

        Assert.Contains(
            "add rule inet sesame v4_input meta l4proto udp udp dport 1234 counter name \"v4_rule_0\" limit rate 1000/second burst 1000 packets log prefix \"sesame:l7:v4:0\" group 77 snaplen 2176\n",
            compilation.Script,
            StringComparison.Ordinal);
        Assert.DoesNotContain("update @v4_k1", compilation.Script, StringComparison.Ordinal);
        // A terminal action cannot wait for the daemon's answer: that rule still never matches in the kernel.
        Assert.Contains("# v4 rule 1, chain=input action=drop\n#   never matches: layer7-protocol otp is a general regexp\n", compilation.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_GeneralLayer7RegexWithoutGroup_NeverMatches()
    {
        Sesame.Model.FirewallConfig config = Configs.Parse("""
            /ip firewall layer7-protocol add name=otp regexp="^open-[0-9]+\$"
            /ip firewall filter
            add action=add-src-to-address-list address-list=k1 address-list-timeout=30s chain=input dst-port=1234 protocol=udp layer7-protocol=otp
            """);

        NftCompilation compilation = NftCompiler.Compile(config);

        Assert.Contains("#   never matches: layer7-protocol otp is a general regexp\n", compilation.Script, StringComparison.Ordinal);
        Assert.DoesNotContain("add rule inet sesame v4_input meta l4proto udp", compilation.Script, StringComparison.Ordinal);
    }
}
