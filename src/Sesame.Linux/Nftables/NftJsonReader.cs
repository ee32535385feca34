using System.Text.Json;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>
/// Reads <c>nft -j list table inet sesame</c>. Quirks (PLATFORM-NOTES): an element without timeout is a bare string,
/// one with a timeout or a comment is <c>{"elem": {"val": …, "timeout": s, "expires": s, "comment": …}}</c>, an empty set has no <c>elem</c> key;
/// interval sets give <c>{"prefix": …}</c> and <c>{"range": […]}</c>.
/// </summary>
internal static class NftJsonReader
{
    public static List<NftAddressListElement> ReadAddressLists(string json)
    {
        var result = new List<NftAddressListElement>();
        using JsonDocument document = JsonDocument.Parse(json);
        foreach (JsonElement item in Items(document, "set"))
        {
            if (!IsSesame(item) || item.GetProperty("name").GetString() is not { } name
                || !NftNames.TryParseAddressListSet(name, out IpFamily family, out string list, out _)
                || !item.TryGetProperty("elem", out JsonElement elements))
            {
                continue;
            }

            foreach (JsonElement element in elements.EnumerateArray())
            {
                TimeSpan? timeout = null;
                TimeSpan? expires = null;
                string? comment = null;
                JsonElement value = element;
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("elem", out JsonElement wrapped))
                {
                    value = wrapped.GetProperty("val");
                    timeout = Seconds(wrapped, "timeout");
                    expires = Seconds(wrapped, "expires");
                    // A script's add keeps its comment as the element's (issue 10); nft lists it as "comment".
                    if (wrapped.TryGetProperty("comment", out JsonElement text) && text.ValueKind == JsonValueKind.String)
                    {
                        comment = text.GetString();
                    }
                }

                if (TryReadAddress(value, out IpRange address))
                {
                    result.Add(new NftAddressListElement(list, family, address, timeout, expires) { Comment = comment });
                }
            }
        }

        return result;
    }

    /// <summary>The host sets of the table: each address list once per family that has it.</summary>
    public static List<(IpFamily Family, string List)> ReadHostSets(string json)
    {
        var result = new List<(IpFamily, string)>();
        using JsonDocument document = JsonDocument.Parse(json);
        foreach (JsonElement item in Items(document, "set"))
        {
            if (IsSesame(item) && item.GetProperty("name").GetString() is { } name
                && NftNames.TryParseAddressListSet(name, out IpFamily family, out string list, out bool isNetSet) && !isNetSet)
            {
                result.Add((family, list));
            }
        }

        return result;
    }

    /// <summary>Whether a listing holds <c>table inet sesame</c> itself.</summary>
    public static bool HasTable(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Items(document, "table").Any(t =>
            t.TryGetProperty("family", out JsonElement f) && f.GetString() == "inet"
            && t.TryGetProperty("name", out JsonElement n) && n.GetString() == NftNames.Table);
    }

    public static List<NftRuleCounter> ReadCounters(string json)
    {
        var result = new List<NftRuleCounter>();
        using JsonDocument document = JsonDocument.Parse(json);
        foreach (JsonElement item in Items(document, "counter"))
        {
            if (IsSesame(item) && item.GetProperty("name").GetString() is { } name
                && NftNames.TryParseCounter(name, out IpFamily family, out int index))
            {
                result.Add(new NftRuleCounter(family, index, item.GetProperty("packets").GetUInt64(), item.GetProperty("bytes").GetUInt64()));
            }
        }

        result.Sort((a, b) => a.Family != b.Family ? a.Family.CompareTo(b.Family) : a.Index.CompareTo(b.Index));
        return result;
    }

    private static IEnumerable<JsonElement> Items(JsonDocument document, string kind)
    {
        if (!document.RootElement.TryGetProperty("nftables", out JsonElement items))
        {
            yield break;
        }

        foreach (JsonElement item in items.EnumerateArray())
        {
            if (item.TryGetProperty(kind, out JsonElement value))
            {
                yield return value;
            }
        }
    }

    private static bool IsSesame(JsonElement item) =>
        item.TryGetProperty("family", out JsonElement f) && f.GetString() == "inet"
        && item.TryGetProperty("table", out JsonElement t) && t.GetString() == NftNames.Table;

    private static TimeSpan? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.TryGetInt64(out long seconds) ? TimeSpan.FromSeconds(seconds) : null;

    private static bool TryReadAddress(JsonElement value, out IpRange address)
    {
        address = default;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return TryParse(value.GetString(), out address);
            case JsonValueKind.Object when value.TryGetProperty("prefix", out JsonElement prefix):
                return TryParse($"{prefix.GetProperty("addr").GetString()}/{prefix.GetProperty("len").GetInt32()}", out address);
            case JsonValueKind.Object when value.TryGetProperty("range", out JsonElement range) && range.GetArrayLength() == 2:
                if (TryParse(range[0].GetString(), out IpRange first) && TryParse(range[1].GetString(), out IpRange last)
                    && first.Family == last.Family)
                {
                    address = new IpRange(first.Family, first.First, last.Last);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static bool TryParse(string? text, out IpRange address)
    {
        address = default;
        if (text is null || !IpRange.TryParse(text, out IpRange? parsed))
        {
            return false;
        }

        address = parsed.Value;
        return true;
    }
}
