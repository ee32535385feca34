using System.Text.Json.Nodes;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Nftables;

public sealed class NftReloadPlannerTests
{
    private const string Old = """
        /ip firewall filter
        add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 protocol=tcp
        add action=accept chain=input src-address-list=knock1 dst-port=22 protocol=tcp
        add action=jump chain=input jump-target=side
        add action=add-src-to-address-list address-list=gone address-list-timeout=1h chain=side dst-port=999 protocol=tcp
        """;

    private const string New = """
        /ip firewall filter
        add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 protocol=tcp
        add action=accept chain=input src-address-list=knock1 dst-port=22 protocol=tcp
        """;

    [Fact]
    public void Plan_ListGone_ItsSetAndChainAndCountersAreDeletedAfterEveryFlush_TheOtherSetIsNotTouched()
    {
        NftRuleset old = NftCompiler.Compile(Configs.Parse(Old)).Ruleset;
        NftRuleset next = NftCompiler.Compile(Configs.Parse(New)).Ruleset;

        NftReloadPlan plan = NftReloadPlanner.Plan(old, next, Listing(old), dropStale: true, _ => throw new InvalidOperationException("nothing to migrate"));

        List<NftCommand> commands = [.. plan.Ruleset.JsonCommands];
        string side = NftNames.Chain(IpFamily.V4, "side");
        string gone = NftNames.HostSet(IpFamily.V4, "gone");
        Assert.Equal([(IpFamily.V4, "gone")], plan.DroppedLists);
        Assert.Equal([side], plan.DroppedChains);
        Assert.Empty(plan.MigratedSets);
        int lastFlush = commands.FindLastIndex(c => c.Verb == "flush");
        int lastRule = commands.FindLastIndex(c => c.Kind == "rule");
        int firstDelete = commands.FindIndex(c => c.Verb == "delete");
        Assert.True(firstDelete > lastFlush && firstDelete > lastRule, string.Join('\n', commands.Select(c => c.ToJson().ToJsonString())));
        Assert.Contains(commands, c => c is { Verb: "delete", Kind: "set" } && c.Field("name") == gone);
        Assert.Contains(commands, c => c is { Verb: "delete", Kind: "chain" } && c.Field("name") == side);
        Assert.Contains(commands, c => c is { Verb: "delete", Kind: "counter" } && c.Field("name") == NftNames.Counter(IpFamily.V4, 3));
        Assert.DoesNotContain(commands, c => c.Verb == "delete" && c.Field("name") == NftNames.HostSet(IpFamily.V4, "knock1"));
        Assert.DoesNotContain(commands, c => c.Kind == "element");
    }

    [Fact]
    public void Plan_DropsDeferred_KeepsTheSetsAndCounters_StillRemovesTheChainThatHeldThem()
    {
        NftRuleset old = NftCompiler.Compile(Configs.Parse(Old)).Ruleset;
        NftRuleset next = NftCompiler.Compile(Configs.Parse(New)).Ruleset;

        NftReloadPlan plan = NftReloadPlanner.Plan(old, next, Listing(old), dropStale: false, _ => []);

        Assert.Empty(plan.DroppedSets);
        Assert.Empty(plan.DroppedLists);
        Assert.Equal([NftNames.Chain(IpFamily.V4, "side")], plan.DroppedChains);
        Assert.DoesNotContain(plan.Ruleset.JsonCommands, c => c.Verb == "delete" && c.Kind is "set" or "counter");
    }

    [Fact]
    public void Plan_SetOfAnotherSize_IsRecreatedWithTheEntriesItHeld_AndEveryChainIsRefilled()
    {
        FirewallConfig config = Configs.Parse(New);
        NftRuleset current = NftCompiler.Compile(config, NftCompilerOptions.Default with { AddressListSize = 100 }).Ruleset;
        NftRuleset next = NftCompiler.Compile(config, NftCompilerOptions.Default with { AddressListSize = 200 }).Ruleset;
        string knock1 = NftNames.HostSet(IpFamily.V4, "knock1");
        JsonNode[] held = [NftExpr.TimedElement(NftExpr.Address(IpRange.Host(System.Net.IPAddress.Parse("192.0.2.7"))), 17), NftExpr.Address(IpRange.Host(System.Net.IPAddress.Parse("192.0.2.8")))];

        NftReloadPlan plan = NftReloadPlanner.Plan(current, next, Listing(current), dropStale: true, set => set == knock1 ? held : throw new InvalidOperationException(set));

        List<NftCommand> commands = [.. plan.Ruleset.JsonCommands];
        Assert.Equal([knock1], plan.MigratedSets);
        int delete = commands.FindIndex(c => c is { Verb: "delete", Kind: "set" } && c.Field("name") == knock1);
        int declare = commands.FindIndex(c => c is { Verb: "add", Kind: "set" } && c.Field("name") == knock1);
        int refill = commands.FindIndex(c => c is { Verb: "add", Kind: "element" } && c.Field("name") == knock1);
        Assert.True(delete >= 0 && delete < declare && declare < refill);
        Assert.True(commands.FindLastIndex(c => c is { Verb: "flush", Kind: "chain" }) < delete);
        Assert.Equal(held.Select(h => h.ToJsonString()), ((JsonArray)commands[refill].Body!["elem"]!).Select(e => e!.ToJsonString()));
        Assert.Equal(next.Chains.Count(), commands.Count(c => c is { Verb: "flush", Kind: "chain" }));
        Assert.Empty(plan.DroppedSets);
    }

    [Fact]
    public void Plan_NothingChanged_NoChainIsFlushed_NothingIsDeleted()
    {
        NftRuleset ruleset = NftCompiler.Compile(Configs.Parse(Old)).Ruleset;

        NftReloadPlan plan = NftReloadPlanner.Plan(ruleset, ruleset, Listing(ruleset), dropStale: true, _ => []);

        Assert.DoesNotContain(plan.Ruleset.JsonCommands, c => c.Verb is "flush" or "delete" || c.Kind == "rule");
    }

    [Fact]
    public void Plan_AStartWithoutKnownRules_FlushesAndRefillsEveryChain()
    {
        NftRuleset ruleset = NftCompiler.Compile(Configs.Parse(Old)).Ruleset;

        NftReloadPlan plan = NftReloadPlanner.Plan(null, ruleset, Listing(ruleset), dropStale: false, _ => []);

        Assert.Equal(ruleset.Chains.Count(), plan.Ruleset.JsonCommands.Count(c => c is { Verb: "flush", Kind: "chain" }));
        Assert.Equal(ruleset.JsonCommands.Count(c => c.Kind == "rule"), plan.Ruleset.JsonCommands.Count(c => c.Kind == "rule"));
    }

    /// <summary>What <c>nft -j -t list ruleset</c> shows of a table that holds <paramref name="ruleset"/>: its chains, sets and counters.</summary>
    private static string Listing(NftRuleset ruleset)
    {
        var items = new JsonArray { new JsonObject { ["table"] = new JsonObject { ["family"] = "inet", ["name"] = NftNames.Table } } };
        foreach (NftCommand command in ruleset.JsonCommands.Where(c => c is { Verb: "add", Kind: "chain" or "set" or "counter" }))
        {
            var body = (JsonObject)command.Body!.DeepClone();
            if (body["flags"] is JsonArray flags)
            {
                body["flags"] = new JsonArray([.. flags.Where(f => f!.GetValue<string>() != "dynamic").Select(f => f!.DeepClone())]);
            }

            items.Add(new JsonObject { [command.Kind] = body });
        }

        return new JsonObject { ["nftables"] = items }.ToJsonString();
    }
}
