using System.Text.Json.Nodes;

namespace Sesame.Linux.Nftables;

/// <summary>Reads a JSON value as a string without throwing when it is a number or an object (listings are not trusted).</summary>
internal static class NftJson
{
    public static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
