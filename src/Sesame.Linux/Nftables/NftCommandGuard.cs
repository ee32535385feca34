using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Sesame.Linux.Nftables;

/// <summary>
/// Checks each libnftables JSON command before it is sent, on the data itself: it must be an add, flush or delete of a
/// table, chain, set, element, counter or rule of <c>inet sesame</c>, and no string in it may hold a NUL or exceed what
/// nftables keeps (a name 255 bytes, a log prefix 127, an interface name 15): libnftables and the kernel would cut such
/// a string, or refuse it with a message that names nothing, so it is refused here with one that names the object.
/// </summary>
internal static class NftCommandGuard
{
    /// <summary>NFT_NAME_MAXLEN is 256 with the terminating NUL.</summary>
    public const int MaxName = 255;

    /// <summary>NF_LOG_PREFIXLEN is 128 with the terminating NUL.</summary>
    public const int MaxLogPrefix = 127;

    /// <summary>
    /// An element's comment (nftables' NFTNL_UDATA_COMMENT_MAXLEN). Measured with nftables 1.0.6: 200 bytes went in, 254
    /// and more failed with "Memory allocation failure", and 300 made nft try a DNS lookup of the element.
    /// </summary>
    public const int MaxComment = 128;

    /// <summary>IFNAMSIZ is 16 with the terminating NUL.</summary>
    public const int MaxInterfaceName = 15;

    private static readonly HashSet<string> Verbs = new(["add", "flush", "delete"], StringComparer.Ordinal);

    private static readonly HashSet<string> Kinds = new(["table", "chain", "set", "element", "counter", "rule"], StringComparer.Ordinal);

    /// <exception cref="NftException">The command is not about <c>inet sesame</c>, or holds a string nftables cannot keep.</exception>
    public static void Check(JsonObject command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count != 1 || command.First() is not (string verb, JsonObject inner) || !Verbs.Contains(verb)
            || inner.Count != 1 || inner.First() is not (string kind, JsonObject body) || !Kinds.Contains(kind))
        {
            throw new NftException($"refusing a command that is not an add, flush or delete of an object of table inet sesame: {Shorten(command)}");
        }

        if (!NftJson.IsSesame(kind, body))
        {
            throw new NftException($"refusing a command that is not about table inet sesame: {Shorten(command)}");
        }

        string what = kind == "rule" ? $"a rule of chain {NftJson.Str(body["chain"])}" : $"{kind} {NftJson.Str(body["name"])}";
        CheckStrings(body, what, parentKey: null);
        foreach (string key in (ReadOnlySpan<string>)["name", "chain", "table"])
        {
            if (NftJson.Str(body[key]) is { } name)
            {
                Limit(name, MaxName, $"the name of {what}");
            }
        }

        if (kind == "rule")
        {
            CheckRule(body, what);
        }

        if (kind == "element" && NftJson.Str(body["name"]) is { } set && set.StartsWith(NftNames.InterfaceSet(""), StringComparison.Ordinal))
        {
            foreach (JsonNode? element in body["elem"] as JsonArray ?? [])
            {
                if (NftJson.Str(element) is { } name)
                {
                    Limit(name, MaxInterfaceName, $"an interface name in {what}");
                }
            }
        }

        if (kind == "element")
        {
            foreach (JsonNode? element in body["elem"] as JsonArray ?? [])
            {
                if (element is JsonObject { } wrapper && wrapper["elem"] is JsonObject elem && elem["comment"] is JsonValue comment)
                {
                    Limit(NftJson.Str(comment) ?? "", MaxComment, $"the comment of an element of {what}");
                }
            }
        }
    }

    private static void CheckRule(JsonObject rule, string what)
    {
        foreach (JsonNode? statement in rule["expr"] as JsonArray ?? [])
        {
            if (statement?["log"]?["prefix"] is JsonValue prefix)
            {
                Limit((NftJson.Str(prefix) ?? ""), MaxLogPrefix, $"the log prefix of {what}");
            }

            if (statement?["jump"]?["target"] is JsonValue target)
            {
                Limit((NftJson.Str(target) ?? ""), MaxName, $"the jump target of {what}");
            }

            if (statement?["match"] is JsonObject match && match["left"]?["meta"]?["key"] is JsonValue key
                && NftJson.Str(key) is "iifname" or "oifname" && match["right"] is JsonValue right
                && NftJson.Str(right) is { } name && !name.StartsWith('@'))
            {
                Limit(name, MaxInterfaceName, $"an interface name in {what}");
            }
        }
    }

    private static void CheckStrings(JsonNode? node, string what, string? parentKey)
    {
        switch (node)
        {
            case JsonObject o:
                foreach ((string key, JsonNode? value) in o)
                {
                    RefuseNul(key, what);
                    CheckStrings(value, what, key);
                }

                break;
            case JsonArray a:
                foreach (JsonNode? item in a)
                {
                    CheckStrings(item, what, parentKey);
                }

                break;
            case JsonValue v when v.TryGetValue(out string? s):
                RefuseNul(s, what);
                if (s.StartsWith('@'))
                {
                    Limit(s[1..], MaxName, $"a set named in {what}");
                }

                break;
        }
    }

    private static void RefuseNul(string value, string what)
    {
        int at = value.IndexOf('\0', StringComparison.Ordinal);
        if (at >= 0)
        {
            throw new NftException(string.Create(CultureInfo.InvariantCulture,
                $"refusing {what}: a string in it holds a NUL byte at offset {at}, which nftables would cut there"));
        }

        if (value.Any(char.IsSurrogate) && !IsWellFormed(value))
        {
            throw new NftException($"refusing {what}: a string in it is not valid UTF-16, so its UTF-8 form would differ");
        }
    }

    private static bool IsWellFormed(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void Limit(string value, int maxBytes, string what)
    {
        int bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > maxBytes)
        {
            throw new NftException(string.Create(CultureInfo.InvariantCulture,
                $"refusing {what}: it is {bytes} bytes long, nftables keeps at most {maxBytes}"));
        }
    }

    private static string Shorten(JsonObject command)
    {
        string text = command.ToJsonString();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
