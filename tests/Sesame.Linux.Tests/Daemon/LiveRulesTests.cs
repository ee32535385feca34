using Sesame.Linux.Daemon;
using Sesame.Linux.Nftables;
using Sesame.Model;

namespace Sesame.Tests.Daemon;

public sealed class LiveRulesTests
{
    private const string Config = """
        /ip firewall address-list
        add address=198.51.100.0/24 list=office
        /ip firewall filter
        add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 protocol=tcp
        add action=accept chain=input src-address-list=office
        add action=drop chain=input disabled=yes src-address-list=blacklist
        add action=accept chain=forward
        /ipv6 firewall filter
        add action=drop chain=input protocol=udp
        """;

    [Fact]
    public void Transition_OneRuleEnabled_ReplacesOnlyThatChainAndKeepsEverySet()
    {
        FirewallConfig config = Configs.Parse(Config);
        NftRuleset before = NftCompiler.Compile(config).Ruleset;
        FilterRule[] rules = [.. config.Ipv4Filter];
        rules[2] = rules[2] with { Disabled = false };
        NftRuleset after = NftCompiler.Compile(config with { Ipv4Filter = EquatableArray.Create<FilterRule>(rules) }).Ruleset;

        NftRuleset transition = LiveRules.Transition(before, after);

        string input = NftNames.Chain(Sesame.Net.IpFamily.V4, "input");
        Assert.Equal([input], transition.JsonCommands.Where(c => c is { Verb: "flush", Kind: "chain" }).Select(c => c.Field("name")));
        Assert.All(transition.JsonCommands.Where(c => c.Kind == "rule"), r => Assert.Equal(input, r.Field("chain")));
        Assert.Equal(after.Rules(input).Count(), transition.JsonCommands.Count(c => c.Kind == "rule"));
        Assert.DoesNotContain(transition.JsonCommands, c => c.Kind == "element" || c is { Verb: "flush", Kind: "set" } || c.Verb == "delete");
        Assert.Equal(after.Sets.Select(s => s.ToJsonString()), transition.Sets.Select(s => s.ToJsonString()));
    }

    [Fact]
    public void Transition_NothingChanged_OnlyDeclarations()
    {
        NftRuleset ruleset = NftCompiler.Compile(Configs.Parse(Config)).Ruleset;

        NftRuleset transition = LiveRules.Transition(ruleset, ruleset);

        Assert.All(transition.JsonCommands, c => Assert.Equal("add", c.Verb));
        Assert.DoesNotContain(transition.JsonCommands, c => c.Kind is "rule" or "element");
    }

    [Fact]
    public void SetDisabled_IndexOutOfRange_RefusedBeforeTheKernel()
    {
        var live = new LiveRules(Configs.Parse(Config), NftCompilerOptions.Default);
        using var nft = new NftContext(); // no kernel call: the index is checked first

        Assert.Throws<Sesame.Scripting.ScriptHostException>(() => live.SetDisabled(nft, Sesame.Net.IpFamily.V4, [9], true));
    }
}
