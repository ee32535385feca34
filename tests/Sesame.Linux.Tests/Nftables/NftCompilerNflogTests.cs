using Sesame.Linux.Nftables;
using Sesame.Tests.Support;

namespace Sesame.Tests.Nftables;

/// <summary>The ruleset <c>serve</c> applies: with an NFLOG group, knocks are reported and general Layer7 regexps go to the daemon.</summary>
public sealed class NftCompilerNflogTests
{
    private static readonly NftCompilerOptions WithGroup = new() { NflogGroup = 77 };

    [Fact]
    public void Compile_WithGroup_AddToListRuleLogsBeforeItsSetUpdate()
    {
        NftCompilation compilation = NftCompiler.Compile(Configs.Seed("000-manual-old-en.rsc"), WithGroup);

        Assert.Contains(
            "tcp dport 555 ip saddr @v4_888 counter name \"v4_rule_2\" log prefix \"sesame:add:v4:2\" group 77 update @v4_555 { ip saddr timeout 30s }\n",
            compilation.Script,
            StringComparison.Ordinal);
        Assert.DoesNotContain("log prefix \"sesame:add:v4:4\"", compilation.Script, StringComparison.Ordinal); // the accept rule
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
            "add rule inet sesame v4_input meta l4proto udp udp dport 1234 counter name \"v4_rule_0\" log prefix \"sesame:l7:v4:0\" group 77 snaplen 2176\n",
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
