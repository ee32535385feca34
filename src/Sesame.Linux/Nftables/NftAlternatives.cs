using System.Text.Json.Nodes;

namespace Sesame.Linux.Nftables;

/// <summary>
/// The nft rules one RouterOS rule becomes. nftables has no "or" between two matches of one rule, so a matcher that
/// needs one (an address list kept in two sets, <c>port=</c>, <c>reject-with=tcp-reset</c> for non-TCP packets) splits
/// the rule into alternatives that exclude each other: a packet matches at most one of them, so non-terminal actions
/// run at most once, and all share the rule's named counter. Matches and actions are libnftables JSON statements.
/// </summary>
internal sealed class NftAlternatives
{
    private List<Alternative> _items = [new([], null)];

    public IReadOnlyList<Alternative> Items => _items;

    /// <summary>Set when the rule can never match; the reason goes into the script as a comment.</summary>
    public string? NeverReason { get; private set; }

    public void And(JsonObject match)
    {
        foreach (Alternative a in _items)
        {
            a.Matches.Add(match);
        }
    }

    /// <summary>Multiplies the alternatives by <paramref name="options"/>, which must exclude each other.</summary>
    public void Either(params (JsonObject[] Matches, JsonObject[]? Action)[] options)
    {
        var next = new List<Alternative>(_items.Count * options.Length);
        foreach (Alternative a in _items)
        {
            foreach ((JsonObject[] matches, JsonObject[]? action) in options)
            {
                next.Add(new Alternative([.. a.Matches, .. matches], action ?? a.Action));
            }
        }

        _items = next;
    }

    public void Never(string reason) => NeverReason ??= reason;

    /// <param name="Action">Statements that replace the rule's own action for this alternative, or null.</param>
    internal sealed record Alternative(List<JsonObject> Matches, JsonObject[]? Action);
}
