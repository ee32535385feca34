using Sesame.Diagnostics;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Spa;

namespace Sesame.Tests.Spa;

/// <summary>An SPA door's rule in the ruleset: handed to the daemon behind kernel checks under serve, a plain drop without it.</summary>
public sealed class NftCompilerSpaTests
{
    private static readonly NftCompilerOptions WithGroup = new() { NflogGroup = 77 };

    private static FirewallConfig Config() => SpaConfigs.Ssh(SpaKeys.Generate());

    [Fact]
    public void Compile_WithGroup_SpaRuleLogsTheWholePacketBehindLengthAndPerSourceLimitsThenDrops()
    {
        NftCompilation compilation = NftCompiler.Compile(Config(), WithGroup);

        const string Match = "add rule inet sesame v4_input iifname @if_WAN meta l4proto udp udp dport 62201";
        string expected = string.Join("\n",
            $"{Match} counter name \"v4_rule_1\" meta l4proto udp udp length != 148-1508 drop",
            $"{Match} update @spa_v4_1 {{ ip saddr limit rate over 10/second burst 20 packets }} drop",
            $"{Match} ip saddr != @spa_v4_1 limit rate over 200000/second burst 200000 packets drop",
            $"{Match} log prefix \"sesame:spa:v4:1\" group 77 snaplen 1628 drop") + "\n";
        Assert.Contains(expected, compilation.Script, StringComparison.Ordinal);
        Assert.Contains("add set inet sesame spa_v4_1 { type ipv4_addr; flags dynamic, timeout; size 262144; timeout 10s; }", compilation.Script, StringComparison.Ordinal);
        Assert.Empty(compilation.Diagnostics);
    }

    [Fact]
    public void Compile_WithGroup_Ipv6SourcesAreLimitedByTheirSlash64()
    {
        NftCompilation compilation = NftCompiler.Compile(Config(), WithGroup);

        Assert.Contains("update @spa_v6_2 { ip6 saddr & ffff:ffff:ffff:ffff:: limit rate over 10/second burst 20 packets } drop\n", compilation.Script, StringComparison.Ordinal);
        Assert.Contains("ip6 saddr & ffff:ffff:ffff:ffff:: != @spa_v6_2 limit rate over 200000/second", compilation.Script, StringComparison.Ordinal);
        Assert.Contains("log prefix \"sesame:spa:v6:2\" group 77 snaplen 1628 drop\n", compilation.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_WithoutGroup_SpaRuleIsAPlainDropAndWarnsThatTheDoorNeverOpens()
    {
        NftCompilation compilation = NftCompiler.Compile(Config());

        Assert.Contains("add rule inet sesame v4_input iifname @if_WAN meta l4proto udp udp dport 62201 counter name \"v4_rule_1\" drop\n", compilation.Script, StringComparison.Ordinal);
        Assert.DoesNotContain("sesame:spa", compilation.Script, StringComparison.Ordinal);
        Assert.DoesNotContain("spa_v4", compilation.Script, StringComparison.Ordinal);
        Diagnostic warning = Assert.Single(compilation.Diagnostics, d => d.Code == "SES0650"); // once for the door, not per family
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("never opens", warning.Message, StringComparison.Ordinal);
        Assert.Contains("add rule inet sesame v6_input iifname @if_WAN meta l4proto udp udp dport 62201 counter name \"v6_rule_2\" drop\n", compilation.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_RuleNamingAnUnknownDoor_DropsWithoutTheDaemonAndWarns()
    {
        FirewallConfig config = Config() with { SpaDoors = [] };

        NftCompilation compilation = NftCompiler.Compile(config, WithGroup);

        Assert.DoesNotContain("sesame:spa", compilation.Script, StringComparison.Ordinal);
        Assert.Contains(compilation.Diagnostics, d => d.Code == "SES0651");
    }

    [Fact]
    public void Compile_SourceRateOptions_AreTheKernelLimits()
    {
        NftCompilation compilation = NftCompiler.Compile(Config(), WithGroup with
        {
            SpaSourceRate = 3, SpaSourceBurst = 4, SpaSourceSetSize = 99, SpaSourceMemory = TimeSpan.FromSeconds(7), SpaOverflowRate = 50,
        });

        Assert.Contains("update @spa_v4_1 { ip saddr limit rate over 3/second burst 4 packets } drop", compilation.Script, StringComparison.Ordinal);
        Assert.Contains("limit rate over 50/second burst 50 packets drop", compilation.Script, StringComparison.Ordinal);
        Assert.Contains("size 99; timeout 7s;", compilation.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_WithGroup_EveryCommandPassesTheGuard()
    {
        NftCompilation compilation = NftCompiler.Compile(Config(), WithGroup);

        foreach (NftCommand command in compilation.Ruleset.JsonCommands)
        {
            NftCommandGuard.Check(command.ToJson());
        }
    }

    [Fact]
    public void LogPrefix_Spa_RoundTrips()
    {
        string prefix = NftLogPrefix.Format(NftLogKind.Spa, Sesame.Net.IpFamily.V6, 12);

        Assert.Equal("sesame:spa:v6:12", prefix);
        Assert.True(NftLogPrefix.TryParse(prefix, out NftLogKind kind, out Sesame.Net.IpFamily family, out int index));
        Assert.Equal((NftLogKind.Spa, Sesame.Net.IpFamily.V6, 12), (kind, family, index));
    }
}
