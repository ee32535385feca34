using System.Text.Json.Nodes;
using Sesame.Linux.Nftables;

namespace Sesame.Tests.Nftables;

/// <summary>
/// The verifier against listings made from the compiled ruleset itself (what the kernel gives back when all went well),
/// then edited the way an intruder or a careless admin would.
/// </summary>
public sealed class NftRulesetVerifierTests
{
    private static readonly NftRuleset Expected =
        NftCompiler.Compile(Configs.Seed("000-manual-old-en.rsc"), new NftCompilerOptions { NflogGroup = 7 }).Ruleset;

    [Fact]
    public void Compare_ListingOfTheSameRuleset_HasNoDifference()
    {
        Assert.Empty(NftRulesetVerifier.Compare(Expected, Listing(Expected).ToJsonString()));
    }

    [Fact]
    public void Compare_ListingWithoutProtocolDependencies_HasNoDifference()
    {
        // nftables lists `meta l4proto tcp tcp dport 22` as `tcp dport 22`.
        JsonObject listing = Listing(Expected);
        foreach (JsonArray expr in Rules(listing).Select(r => r["expr"]!.AsArray()))
        {
            foreach (JsonNode? statement in expr.Where(s => s!["match"]?["left"]?["meta"]?["key"]?.GetValue<string>() == "l4proto").ToList())
            {
                expr.Remove(statement);
            }
        }

        Assert.Empty(NftRulesetVerifier.Compare(Expected, listing.ToJsonString()));
    }

    [Fact]
    public void Compare_AcceptInsertedAtTheTopOfInput_IsADifference()
    {
        JsonObject listing = Listing(Expected);
        JsonArray items = listing["nftables"]!.AsArray();
        int first = items.Select((n, i) => (n, i)).First(x => x.n!["rule"]?["chain"]?.GetValue<string>() == "input").i;
        items.Insert(first, JsonNode.Parse("""{"rule":{"family":"inet","table":"sesame","chain":"input","handle":999,"expr":[{"accept":null}]}}"""));

        IReadOnlyList<string> differences = NftRulesetVerifier.Compare(Expected, listing.ToJsonString());

        Assert.Contains(differences, d => d.StartsWith("chain input has 3 rules, expected 2", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("chain input rule 0:", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_VerdictChanged_IsADifference()
    {
        JsonObject listing = Listing(Expected);
        JsonObject drop = Rules(listing).Last(r => r["expr"]!.AsArray().Any(s => s!.AsObject().ContainsKey("drop")));
        JsonArray expr = drop["expr"]!.AsArray();
        expr[expr.Count - 1] = JsonNode.Parse("""{"accept":null}""");

        Assert.Single(NftRulesetVerifier.Compare(Expected, listing.ToJsonString()), d => d.Contains("expected", StringComparison.Ordinal) && d.Contains("drop", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_PolicyDropAndExtraBaseChain_AreDifferences()
    {
        JsonObject listing = Listing(Expected);
        JsonArray items = listing["nftables"]!.AsArray();
        items.First(n => n!["chain"]?["name"]?.GetValue<string>() == "input")!["chain"]!["policy"] = "drop";
        items.Add(JsonNode.Parse("""{"chain":{"family":"inet","table":"sesame","name":"sneaky","type":"filter","hook":"input","prio":-10,"policy":"accept"}}"""));

        IReadOnlyList<string> differences = NftRulesetVerifier.Compare(Expected, listing.ToJsonString());

        Assert.Contains("chain input: policy is drop, expected accept", differences);
        Assert.Contains("chain sneaky is an extra base chain (hook input)", differences);
    }

    [Fact]
    public void Compare_SetAndCounterMissingOrRetyped_AreDifferences()
    {
        JsonObject listing = Listing(Expected);
        JsonArray items = listing["nftables"]!.AsArray();
        items.Remove(items.First(n => n!["counter"]?["name"]?.GetValue<string>() == "v4_rule_1"));
        items.Remove(items.First(n => n!["set"]?["name"]?.GetValue<string>() == "v4_888"));
        items.First(n => n!["set"]?["name"]?.GetValue<string>() == "v4_secured")!["set"]!["type"] = "ipv6_addr";

        IReadOnlyList<string> differences = NftRulesetVerifier.Compare(Expected, listing.ToJsonString());

        Assert.Contains("counter v4_rule_1 is missing", differences);
        Assert.Contains("set v4_888 is missing", differences);
        Assert.Contains("set v4_secured: type is ipv6_addr, expected ipv4_addr", differences);
    }

    [Fact]
    public void Compare_NoTable_SaysSo()
    {
        Assert.Equal(["table inet sesame is missing"], NftRulesetVerifier.Compare(Expected, """{"nftables":[{"metainfo":{}}]}"""));
        Assert.Single(NftRulesetVerifier.Compare(Expected, "not json"));
    }

    [Fact]
    public void CompareSnapshot_PortChangedInARule_IsADifferenceTheFingerprintCannotSee()
    {
        JsonObject listing = Listing(Expected);
        IReadOnlyList<string> baseline = NftRulesetVerifier.RuleSnapshot(listing.ToJsonString());
        JsonObject knock = Rules(listing).First(r => r.ToJsonString().Contains("\"right\":888", StringComparison.Ordinal));
        knock["expr"] = JsonNode.Parse(knock["expr"]!.ToJsonString().Replace("\"right\":888", "\"right\":889", StringComparison.Ordinal));

        Assert.Empty(NftRulesetVerifier.Compare(Expected, listing.ToJsonString()));
        Assert.NotEmpty(NftRulesetVerifier.CompareSnapshot(baseline, listing.ToJsonString()));
        Assert.Empty(NftRulesetVerifier.CompareSnapshot(baseline, Listing(Expected).ToJsonString()));
    }

    /// <summary>What `nft -j list ruleset` gives for a table built from <paramref name="ruleset"/>: objects with handles, in order.</summary>
    private static JsonObject Listing(NftRuleset ruleset)
    {
        var items = new JsonArray(JsonNode.Parse("""{"metainfo":{"version":"1.0.6","json_schema_version":1}}"""));
        int handle = 1;
        foreach (string kind in (ReadOnlySpan<string>)["table", "set", "counter", "chain", "rule"])
        {
            foreach (NftCommand command in ruleset.JsonCommands.Where(c => c.Verb == "add" && c.Kind == kind))
            {
                var body = (JsonObject)command.Body!.DeepClone();
                body["handle"] = handle++;
                items.Add(new JsonObject { [kind] = body });
            }
        }

        return new JsonObject { ["nftables"] = items };
    }

    private static IEnumerable<JsonObject> Rules(JsonObject listing) =>
        listing["nftables"]!.AsArray().Where(n => n!.AsObject().ContainsKey("rule")).Select(n => n!["rule"]!.AsObject());
}
