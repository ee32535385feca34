using System.Text.Json.Nodes;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>
/// The one transaction that takes <c>table inet sesame</c> from the ruleset it serves to the ruleset of a new
/// configuration (a reload, a safe apply, a rollback), keeping what the kernel has learnt: every address list that is in
/// both keeps its set, its entries and their remaining timeouts, since sets that exist are only declared again (a no-op).
/// Chains whose rules changed are flushed and refilled (<see cref="Daemon.LiveRules.Transition"/>); what the new ruleset no
/// longer declares is removed: regular chains (flushed first, so nothing references what goes), and — unless the drops are
/// deferred (an apply waiting for its confirmation keeps them for a rollback) — sets and named counters.
/// </summary>
/// <remarks>
/// A set that exists with another definition (a restart with another <c>--set-size</c>, a set somebody re-created with
/// other flags) cannot be declared over: the kernel refuses the whole transaction (EEXIST). Such a set is migrated inside
/// the same transaction: deleted, declared anew, and an address list's host set gets back the elements it held, each with
/// the time it had left (read by the caller). Every chain is then flushed and refilled, since the rules hold
/// the set. If the new size is too small for what the set holds, the kernel refuses the transaction and nothing changes.
/// Pure: the caller lists the table and reads the elements.
/// </remarks>
internal static class NftReloadPlanner
{
    /// <summary>Elements re-added per <c>add element</c> command when a set is migrated.</summary>
    private const int ElementsPerCommand = 1000;

    /// <param name="current">
    /// The ruleset the table holds now (the daemon's compilation, kept by its guard); null when that is not known (a start):
    /// every chain is then flushed and refilled.
    /// </param>
    /// <param name="next">The ruleset of the new configuration.</param>
    /// <param name="listedJson">The table as it is (<see cref="NftContext.ListStructure"/>).</param>
    /// <param name="dropStale">Delete the sets and counters <paramref name="next"/> does not declare.</param>
    /// <param name="elementsOf">The elements of an address list's host set that must be migrated, as JSON element values.</param>
    public static NftReloadPlan Plan(NftRuleset? current, NftRuleset next, string listedJson, bool dropStale, Func<string, IEnumerable<JsonNode>> elementsOf)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(listedJson);
        ArgumentNullException.ThrowIfNull(elementsOf);
        (Dictionary<string, JsonObject> chains, Dictionary<string, JsonObject> sets, HashSet<string> counters) = Own(listedJson);
        var declaredChains = new HashSet<string>(next.Chains.Select(c => NftJson.Str(c["name"]) ?? ""), StringComparer.Ordinal);
        var declaredSets = new HashSet<string>(next.Sets.Select(s => NftJson.Str(s["name"]) ?? ""), StringComparer.Ordinal);
        var declaredCounters = new HashSet<string>(next.Counters, StringComparer.Ordinal);

        var migrated = new List<string>();
        foreach (JsonObject set in next.Sets)
        {
            string name = NftJson.Str(set["name"]) ?? "";
            if (sets.TryGetValue(name, out JsonObject? listed) && !NftSetDefinition.Same(set, listed))
            {
                migrated.Add(name);
            }
        }

        // A base chain (with a hook) the ruleset does not declare is nobody's Sesame chain: the verifier names it and the
        // daemon does not start over it (ServeVerifyTests); it is never deleted here. A start keeps the other chains an
        // earlier configuration left, as it keeps its sets, unless it drops what is stale (the rollback of a restart).
        List<string> staleChains = current is null && !dropStale ? [] :
            [.. chains.Where(c => !declaredChains.Contains(c.Key) && c.Value["hook"] is null).Select(c => c.Key).Order(StringComparer.Ordinal)];
        List<string> staleSets = dropStale ? [.. sets.Keys.Where(s => !declaredSets.Contains(s)).Order(StringComparer.Ordinal)] : [];
        List<string> staleCounters = dropStale ? [.. counters.Where(c => !declaredCounters.Contains(c)).Order(StringComparer.Ordinal)] : [];

        // Without a migration only the chains whose rules changed are touched (the others keep their rules and the state
        // of their limits); a migrated set is held by rules, so then every chain is flushed before it goes.
        IEnumerable<NftCommand> body = migrated.Count == 0 && current is not null ? Daemon.LiveRules.Transition(current, next).JsonCommands : next.JsonCommands;
        var commands = new List<NftCommand>();
        var migrating = new HashSet<string>(migrated, StringComparer.Ordinal);
        bool flushedStale = false;
        foreach (NftCommand command in body)
        {
            if (command is { Verb: "add", Kind: "set" } && command.Field("name") is { } name && migrating.Contains(name))
            {
                FlushStale(commands, staleChains, ref flushedStale);
                commands.Add(NftCommand.Of("delete", "set", new JsonObject { ["name"] = name }));
                commands.Add(command);
                if (NftNames.TryParseAddressListSet(name, out _, out _, out bool isNetSet) && !isNetSet)
                {
                    foreach (JsonNode[] chunk in elementsOf(name).Chunk(ElementsPerCommand))
                    {
                        commands.Add(NftCommand.Elements("add", name, chunk));
                    }
                }

                continue;
            }

            commands.Add(command);
            if (command is { Verb: "add", Kind: "table" })
            {
                // Stale chains are emptied first: no rule may hold a set that is deleted later in the transaction.
                FlushStale(commands, staleChains, ref flushedStale);
            }
        }

        FlushStale(commands, staleChains, ref flushedStale);
        commands.AddRange(staleChains.Select(c => NftCommand.Of("delete", "chain", new JsonObject { ["name"] = c })));
        commands.AddRange(staleSets.Select(s => NftCommand.Of("delete", "set", new JsonObject { ["name"] = s })));
        commands.AddRange(staleCounters.Select(c => NftCommand.Of("delete", "counter", new JsonObject { ["name"] = c })));

        List<(IpFamily Family, string List)> droppedLists = [];
        foreach (string set in staleSets)
        {
            if (NftNames.TryParseAddressListSet(set, out IpFamily family, out string list, out bool isNet) && !isNet)
            {
                droppedLists.Add((family, list));
            }
        }

        return new NftReloadPlan(new NftRuleset(commands), staleSets, droppedLists, migrated, staleChains);
    }

    private static void FlushStale(List<NftCommand> commands, List<string> staleChains, ref bool done)
    {
        if (done)
        {
            return;
        }

        done = true;
        commands.AddRange(staleChains.Select(c => NftCommand.Of("flush", "chain", new JsonObject { ["name"] = c })));
    }

    /// <summary>The chains, sets and named counters of <c>inet sesame</c> in a listing.</summary>
    private static (Dictionary<string, JsonObject> Chains, Dictionary<string, JsonObject> Sets, HashSet<string> Counters) Own(string listedJson)
    {
        var chains = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var sets = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var counters = new HashSet<string>(StringComparer.Ordinal);
        JsonArray items = JsonNode.Parse(listedJson)?["nftables"] as JsonArray ?? [];
        foreach (JsonNode? item in items)
        {
            if (item is not JsonObject o || o.Count != 1 || o.First() is not (string kind, JsonObject body)
                || kind is "table" or "metainfo" || !NftJson.IsSesame(kind, body) || NftJson.Str(body["name"]) is not { } name)
            {
                continue;
            }

            switch (kind)
            {
                case "chain":
                    chains[name] = body;
                    break;
                case "set":
                    sets[name] = body;
                    break;
                case "counter":
                    counters.Add(name);
                    break;
            }
        }

        return (chains, sets, counters);
    }
}
