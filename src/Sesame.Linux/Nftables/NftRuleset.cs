using System.Text.Json.Nodes;

namespace Sesame.Linux.Nftables;

/// <summary>
/// A transaction on <c>table inet sesame</c> as data, in order: what <see cref="NftCompiler"/> produces, what
/// <see cref="NftContext.Apply(NftRuleset)"/> sends to libnftables as JSON, and what <see cref="NftTextWriter"/> prints
/// as an <c>nft -f</c> script. The objects it declares are what <see cref="NftRulesetVerifier"/> expects to read back.
/// </summary>
public sealed class NftRuleset(IReadOnlyList<NftCommand> commands)
{
    public IReadOnlyList<NftCommand> Commands { get; } = commands ?? throw new ArgumentNullException(nameof(commands));

    /// <summary>The commands without the notes.</summary>
    public IEnumerable<NftCommand> JsonCommands => Commands.Where(c => !c.IsNote);

    /// <summary>The chains it declares (<c>add chain</c>), in order.</summary>
    public IEnumerable<JsonObject> Chains => Declared("chain");

    /// <summary>The sets it declares (<c>add set</c>), in order.</summary>
    public IEnumerable<JsonObject> Sets => Declared("set");

    /// <summary>The named counters it declares.</summary>
    public IEnumerable<string> Counters => Declared("counter").Select(c => (NftJson.Str(c["name"]) ?? ""));

    /// <summary>The rules it adds to <paramref name="chain"/>, in order.</summary>
    public IEnumerable<JsonObject> Rules(string chain) =>
        Declared("rule").Where(r => NftJson.Str(r["chain"]) == chain);

    /// <summary>
    /// The same transaction with <paramref name="set"/> deleted just before it is declared again: applied, it empties that
    /// one set and keeps the others. The chains are flushed earlier in the same transaction, so no rule holds the set when
    /// it goes.
    /// </summary>
    /// <exception cref="ArgumentException">The ruleset declares no such set.</exception>
    public NftRuleset RecreatingSet(string set)
    {
        ArgumentNullException.ThrowIfNull(set);
        int at = -1;
        for (int i = 0; i < Commands.Count && at < 0; i++)
        {
            if (Commands[i] is { Verb: "add", Kind: "set" } c && c.Field("name") == set)
            {
                at = i;
            }
        }

        if (at < 0)
        {
            throw new ArgumentException($"the ruleset declares no set {set}", nameof(set));
        }

        List<NftCommand> commands = [.. Commands];
        commands.Insert(at, NftCommand.Of("delete", "set", new JsonObject { ["name"] = set }));
        return new NftRuleset(commands);
    }

    private IEnumerable<JsonObject> Declared(string kind) =>
        Commands.Where(c => c.Verb == "add" && c.Kind == kind).Select(c => c.Body!);
}
