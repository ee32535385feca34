using System.Text.Json.Nodes;

namespace Sesame.Linux.Nftables;

/// <summary>A set declaration compared with a listed set, and the flags libnftables 1.0.6 JSON reads.</summary>
internal static class NftSetDefinition
{
    /// <summary>Same type, size and flags (<c>dynamic</c> aside, which the JSON listing leaves out).</summary>
    public static bool Same(JsonObject declared, JsonObject listed) =>
        NftJson.Str(declared["type"]) == NftJson.Str(listed["type"])
        && Number(declared["size"]) == Number(listed["size"])
        && Flags(declared).SetEquals(Flags(listed));

    /// <summary>Drops the flag <c>dynamic</c>, which libnftables 1.0.6 JSON refuses; the kernel sets it for a set a rule updates.</summary>
    public static void WithoutDynamic(JsonObject set)
    {
        if (set["flags"] is JsonArray flags)
        {
            JsonNode?[] kept = [.. flags.Where(f => NftJson.Str(f) != "dynamic").Select(f => f?.DeepClone())];
            if (kept.Length == 0)
            {
                set.Remove("flags");
            }
            else
            {
                set["flags"] = new JsonArray(kept);
            }
        }
    }

    private static HashSet<string> Flags(JsonObject set) =>
        set["flags"] switch
        {
            JsonArray a => new HashSet<string>(a.Select(f => NftJson.Str(f) ?? "").Where(f => f != "dynamic"), StringComparer.Ordinal),
            JsonValue v => new HashSet<string>([NftJson.Str(v) ?? ""], StringComparer.Ordinal),
            _ => new HashSet<string>(StringComparer.Ordinal),
        };

    private static string Number(JsonNode? node) => node is JsonValue v ? v.ToJsonString() : "";
}
