using System.Text.Json.Nodes;

namespace Sesame.Linux.Nftables;

/// <summary>Reads a JSON value as a string without throwing when it is a number or an object (listings are not trusted).</summary>
internal static class NftJson
{
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>
    /// Whether an object of <paramref name="kind"/> (<paramref name="body"/> as libnftables writes and reads it) belongs to
    /// <c>table inet sesame</c>: the table itself, by its name, or an object whose <c>table</c> is it.
    /// </summary>
    public static bool IsSesame(string kind, JsonNode? body) =>
        Str(body?["family"]) == "inet"
        && (kind == "table"
            ? Str(body?["name"]) == NftNames.Table && body?["table"] is null
            : Str(body?["table"]) == NftNames.Table);
}
