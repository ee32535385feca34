using System.Globalization;
using System.Text.Json.Nodes;

namespace Sesame.Linux.Nftables;

/// <summary>
/// Compares what the kernel holds (a terse JSON <c>list ruleset</c>) with a compiled <see cref="NftRuleset"/>: the table,
/// each declared chain (and a base chain's type, hook, priority, policy), each declared set (type, flags, size), each
/// named counter, and per chain the number and order of rules, each rule by its fingerprint. Pure: the caller lists.
/// </summary>
/// <remarks>
/// A rule's fingerprint is every statement that is not a match (counter name, log prefix and group, limit, set update
/// with its set and timeout, verdict, jump target, reject), the set references its matches make with their operator, and
/// how many matches it has beside <c>meta l4proto</c> ones: nftables lists a rule without the protocol matches it
/// can infer (<c>meta l4proto tcp tcp dport 22</c> comes back as <c>tcp dport 22</c>) and spells some values in other
/// words (protocol numbers as names, a flag list as <c>!</c>), so the values of matches are not compared; a rule inserted,
/// removed, reordered, or with another verdict, counter, log or set is. Sets and chains a former configuration left are
/// not differences, except an extra base chain (one with a hook), which sees packets. Set flags are compared without
/// <c>dynamic</c>, which the JSON listing of nftables 1.0.6 leaves out.
/// </remarks>
public static class NftRulesetVerifier
{
    /// <summary>Every difference between <paramref name="expected"/> and <paramref name="listedJson"/>; empty when they agree.</summary>
    public static IReadOnlyList<string> Compare(NftRuleset expected, string listedJson)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(listedJson);
        var differences = new List<string>();
        JsonArray items;
        try
        {
            items = JsonNode.Parse(listedJson)?["nftables"] as JsonArray ?? throw new FormatException("no nftables array");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return [$"the listing is not libnftables JSON: {e.Message}"];
        }

        List<JsonObject> own = [.. Own(items)];
        if (!own.Any(o => o.ContainsKey("table")))
        {
            return ["table inet sesame is missing"];
        }

        Dictionary<string, JsonObject> chains = Index(own, "chain");
        Dictionary<string, JsonObject> sets = Index(own, "set");
        Dictionary<string, JsonObject> counters = Index(own, "counter");
        var expectedChains = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonObject chain in expected.Chains)
        {
            string name = (NftJson.Str(chain["name"]) ?? "");
            expectedChains.Add(name);
            if (!chains.TryGetValue(name, out JsonObject? listed))
            {
                differences.Add($"chain {name} is missing");
                continue;
            }

            foreach (string key in (ReadOnlySpan<string>)["type", "hook", "prio", "policy"])
            {
                string want = Text(chain[key]);
                string have = Text(listed[key]);
                if (want != have)
                {
                    differences.Add($"chain {name}: {key} is {Shown(have)}, expected {Shown(want)}");
                }
            }
        }

        foreach ((string name, JsonObject chain) in chains)
        {
            if (!expectedChains.Contains(name) && chain.ContainsKey("hook"))
            {
                differences.Add($"chain {name} is an extra base chain (hook {Text(chain["hook"])})");
            }
        }

        foreach (string name in expectedChains.Where(chains.ContainsKey))
        {
            CompareRules(name, [.. expected.Rules(name)], [.. own.Where(o => o["rule"] is JsonObject r && NftJson.Str(r["chain"]) == name).Select(o => (JsonObject)o["rule"]!)], differences);
        }

        foreach (JsonObject set in expected.Sets)
        {
            string name = (NftJson.Str(set["name"]) ?? "");
            if (!sets.TryGetValue(name, out JsonObject? listed))
            {
                differences.Add($"set {name} is missing");
                continue;
            }

            if (Text(set["type"]) != Text(listed["type"]))
            {
                differences.Add($"set {name}: type is {Shown(Text(listed["type"]))}, expected {Shown(Text(set["type"]))}");
            }

            if (Flags(set) != Flags(listed))
            {
                differences.Add($"set {name}: flags are {Shown(Flags(listed))}, expected {Shown(Flags(set))}");
            }

            if (set["size"] is not null && Text(set["size"]) != Text(listed["size"]))
            {
                differences.Add($"set {name}: size is {Shown(Text(listed["size"]))}, expected {Text(set["size"])}");
            }

            if (Text(set["timeout"]) != Text(listed["timeout"]))
            {
                differences.Add($"set {name}: timeout is {Shown(Text(listed["timeout"]))}, expected {Shown(Text(set["timeout"]))}");
            }
        }

        foreach (string counter in expected.Counters)
        {
            if (!counters.ContainsKey(counter))
            {
                differences.Add($"counter {counter} is missing");
            }
        }

        return differences;
    }

    /// <summary>
    /// The rules of table inet sesame's chains in <paramref name="listedJson"/>, without handles and counter values, one
    /// line each: a snapshot to compare a later listing with exactly (<see cref="NftContext.Verify(NftRuleset, IReadOnlyList{string}, out IReadOnlyList{string})"/>).
    /// </summary>
    public static IReadOnlyList<string> RuleSnapshot(string listedJson)
    {
        ArgumentNullException.ThrowIfNull(listedJson);
        JsonArray items = JsonNode.Parse(listedJson)?["nftables"] as JsonArray ?? [];
        var lines = new List<string>();
        foreach (JsonObject o in Own(items))
        {
            if (o["rule"] is JsonObject rule)
            {
                var copy = (JsonObject)rule.DeepClone();
                copy.Remove("handle");
                lines.Add(copy.ToJsonString());
            }
            else if (o["chain"] is JsonObject chain)
            {
                var copy = (JsonObject)chain.DeepClone();
                copy.Remove("handle");
                lines.Add(copy.ToJsonString());
            }
        }

        return lines;
    }

    /// <summary>The differences between a snapshot taken after the last apply and the rules listed now.</summary>
    public static IReadOnlyList<string> CompareSnapshot(IReadOnlyList<string> baseline, string listedJson)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        IReadOnlyList<string> now = RuleSnapshot(listedJson);
        var differences = new List<string>();
        foreach (string gone in baseline.Except(now, StringComparer.Ordinal))
        {
            differences.Add("changed or removed since the last apply: " + Shorten(gone));
        }

        foreach (string added in now.Except(baseline, StringComparer.Ordinal))
        {
            differences.Add("added since the last apply: " + Shorten(added));
        }

        if (differences.Count == 0 && !baseline.SequenceEqual(now, StringComparer.Ordinal))
        {
            differences.Add("the rules of table inet sesame are in another order than after the last apply");
        }

        return differences;
    }

    private static void CompareRules(string chain, List<JsonObject> expected, List<JsonObject> listed, List<string> differences)
    {
        if (expected.Count != listed.Count)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"chain {chain} has {listed.Count} rules, expected {expected.Count}"));
        }

        for (int i = 0; i < Math.Min(expected.Count, listed.Count); i++)
        {
            string want = Fingerprint(expected[i]);
            string have = Fingerprint(listed[i]);
            if (want != have)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"chain {chain} rule {i}: {Shown(have)}, expected {Shown(want)}"));
            }
        }
    }

    /// <summary>A rule's statements as they survive nftables' listing (see the remarks of the class).</summary>
    internal static string Fingerprint(JsonObject rule)
    {
        var parts = new List<string>();
        int matches = 0;
        JsonArray statements = rule["expr"] as JsonArray ?? [];
        // In an inet table nft adds `meta nfproto ipv4|ipv6` in front of `reject with icmp(v6) …` and lists it: a
        // dependency it infers, like the l4proto ones, so it is not counted on a rule that rejects.
        bool rejects = statements.Any(n => n is JsonObject o && o.ContainsKey("reject"));
        foreach (JsonNode? node in statements)
        {
            if (node is not JsonObject statement || statement.Count != 1)
            {
                parts.Add("?");
                continue;
            }

            (string key, JsonNode? value) = statement.First();
            if (key == "match")
            {
                if (value?["left"]?["meta"]?["key"] is JsonValue meta && (NftJson.Str(meta) == "l4proto" || (rejects && NftJson.Str(meta) == "nfproto")))
                {
                    continue;
                }

                matches++;
                if (value?["right"] is JsonValue right && NftJson.Str(right) is { } r && r.StartsWith('@'))
                {
                    parts.Add($"{NftJson.Str(value["op"])} {r}");
                }

                continue;
            }

            parts.Add(key switch
            {
                "counter" => "counter " + Text(value),
                "log" => $"log {Text(value?["prefix"])} {Text(value?["group"])} {Text(value?["snaplen"])}",
                "limit" => $"limit {Text(value?["rate"])}/{Text(value?["per"])} {Text(value?["burst"])} {Text(value?["inv"])}",
                "jump" or "goto" => $"{key} {Text(value?["target"])}",
                "reject" => $"reject {Text(value?["type"])} {Text(value?["expr"])}",
                "set" => $"{Text(value?["op"])} {Text(value?["set"])} timeout {Text(value?["elem"]?["elem"]?["timeout"])} {(value?["stmt"] is JsonArray s ? Canonical(s) : "")}",
                _ => key,
            });
        }

        parts.Insert(0, string.Create(CultureInfo.InvariantCulture, $"{matches} matches"));
        return string.Join(", ", parts);
    }

    /// <summary>
    /// A statement nested in a set update as JSON with its keys in order: nftables lists a <c>limit</c> with its keys in
    /// another order than Sesame writes them (rate, burst, per, inv).
    /// </summary>
    private static string Canonical(JsonNode? node) =>
        node switch
        {
            JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
            JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
            null => "null",
            _ => node.ToJsonString(),
        };

    private static IEnumerable<JsonObject> Own(JsonArray items)
    {
        foreach (JsonNode? item in items)
        {
            if (item is not JsonObject o || o.Count != 1)
            {
                continue;
            }

            (string kind, JsonNode? body) = o.First();
            if (NftJson.IsSesame(kind, body))
            {
                yield return o;
            }
        }
    }

    private static Dictionary<string, JsonObject> Index(List<JsonObject> own, string kind)
    {
        var index = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (JsonObject o in own)
        {
            if (o[kind] is JsonObject body && NftJson.Str(body["name"]) is { } name)
            {
                index[name] = body;
            }
        }

        return index;
    }

    private static string Flags(JsonObject set) =>
        set["flags"] switch
        {
            JsonArray a => string.Join(",", a.Select(f => NftJson.Str(f)).Where(f => f != "dynamic").Order(StringComparer.Ordinal)),
            JsonValue v => NftJson.Str(v) == "dynamic" ? "" : NftJson.Str(v) ?? "",
            _ => "",
        };

    private static string Text(JsonNode? node) =>
        node switch
        {
            null => "",
            JsonValue v when v.TryGetValue(out string? s) => s,
            _ => node.ToJsonString(),
        };

    private static string Shown(string value) => value.Length == 0 ? "(none)" : Shorten(value);

    private static string Shorten(string value) =>
        NftTextWriter.Text(value.Length <= 300 ? value : value[..300] + "…", NftTextKind.Comment, "a difference");
}
