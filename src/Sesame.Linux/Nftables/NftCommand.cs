using System.Text.Json.Nodes;

namespace Sesame.Linux.Nftables;

/// <summary>
/// One step of a transaction on <c>table inet sesame</c>, as data: a libnftables JSON command
/// (<c>{"add": {"rule": {…}}}</c>: <see cref="Verb"/>, <see cref="Kind"/>, <see cref="Body"/>), or a note that only
/// the text form shows as a comment (<see cref="Note"/>).
/// </summary>
public sealed class NftCommand
{
    private NftCommand(string verb, string kind, JsonObject? body, string? note)
    {
        Verb = verb;
        Kind = kind;
        Body = body;
        Note = note;
    }

    /// <summary><c>add</c>, <c>flush</c> or <c>delete</c>; empty for a note.</summary>
    public string Verb { get; }

    /// <summary><c>table</c>, <c>chain</c>, <c>set</c>, <c>element</c>, <c>counter</c> or <c>rule</c>; empty for a note.</summary>
    public string Kind { get; }

    /// <summary>The object the command is about, as libnftables JSON; null for a note.</summary>
    public JsonObject? Body { get; }

    /// <summary>A comment line of the text form (the RouterOS rule a group of rules comes from, why a rule is left out).</summary>
    public string? Note { get; }

    public bool IsNote => Note is not null;

    /// <summary>A command on an object of <c>inet sesame</c>: the family and table are filled in here.</summary>
    public static NftCommand Of(string verb, string kind, JsonObject fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var body = new JsonObject { ["family"] = "inet" };
        if (kind == "table")
        {
            body["name"] = NftNames.Table;
        }
        else
        {
            body["table"] = NftNames.Table;
        }

        foreach ((string key, JsonNode? value) in fields)
        {
            body[key] = value?.DeepClone();
        }

        return new NftCommand(verb, kind, body, null);
    }

    public static NftCommand Comment(string text) => new("", "", null, text);

    /// <summary>A command on elements of the set <paramref name="set"/> (<c>add</c> or <c>delete</c>).</summary>
    public static NftCommand Elements(string verb, string set, IEnumerable<JsonNode> elements) =>
        Of(verb, "element", new JsonObject { ["name"] = set, ["elem"] = new JsonArray([.. elements.Select(e => e.DeepClone())]) });

    /// <summary>The libnftables JSON command object; a fresh copy each time.</summary>
    public JsonObject ToJson() =>
        Body is null
            ? throw new InvalidOperationException("a note has no JSON form")
            : new JsonObject { [Verb] = new JsonObject { [Kind] = Body.DeepClone() } };

    /// <summary>The value of <paramref name="key"/> in <see cref="Body"/> when it is a string.</summary>
    public string? Field(string key) => Body?[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
