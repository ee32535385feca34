using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sesame.Linux.Nftables;

internal static partial class NftTextWriter
{
    private static void WriteCommand(StringBuilder s, NftCommand command, Dictionary<string, string> setTypes)
    {
        JsonObject body = command.Body!;
        string family = Word(Str(body, "family"), "the family");
        string table = Word(command.Kind == "table" ? Str(body, "name") : Str(body, "table"), "the table");
        s.Append(Word(command.Verb, "a command")).Append(' ').Append(Word(command.Kind, "a command")).Append(' ')
            .Append(family).Append(' ').Append(table);
        if (command.Kind == "table")
        {
            return;
        }

        string name = command.Kind == "rule" ? Str(body, "chain") : Str(body, "name");
        s.Append(' ').Append(Word(name, $"the name of a {command.Kind}"));
        switch (command.Kind, command.Verb)
        {
            case ("chain", "add") when body["hook"] is not null:
                string hook = Word(Str(body, "hook"), $"the hook of chain {name}");
                s.Append(CultureInfo.InvariantCulture,
                    $" {{ type {Word(Str(body, "type"), $"the type of chain {name}")} hook {hook} priority {Number(body["prio"])}; policy {Word(Str(body, "policy"), $"the policy of chain {name}")}; }}");
                break;
            case ("set", "add"):
                string type = Str(body, "type");
                setTypes[name] = type;
                s.Append(" { type ").Append(Word(type, $"the type of set {name}")).Append(';');
                if (body["flags"] is JsonArray flags)
                {
                    s.Append(" flags ").Append(string.Join(", ", flags.Select(f => Word((NftJson.Str(f) ?? ""), $"a flag of set {name}")))).Append(';');
                }

                if (body["size"] is { } size)
                {
                    s.Append(" size ").Append(Number(size)).Append(';');
                }

                if (body["timeout"] is { } setTimeout)
                {
                    s.Append(" timeout ").Append(Time(setTimeout)).Append(';');
                }

                s.Append(" }");
                break;
            case ("element", _):
                bool quoted = setTypes.TryGetValue(name, out string? elementType) && elementType == "ifname";
                var elements = ((JsonArray)body["elem"]!).Select(e => Element(e!, quoted, $"an element of set {name}"));
                s.Append(" { ").Append(string.Join(", ", elements)).Append(" }");
                break;
            case ("rule", _):
                string owner = $"a rule of chain {name}";
                foreach (JsonNode? statement in (JsonArray)body["expr"]!)
                {
                    s.Append(' ').Append(Statement((JsonObject)statement!, owner));
                }

                break;
        }
    }

    private static string Element(JsonNode element, bool quoted, string owner)
    {
        if (element is JsonObject { } o && o["elem"] is JsonObject timed)
        {
            return Element(timed["val"]!, quoted, owner) + " timeout " + Time(timed["timeout"]);
        }

        return quoted && element is JsonValue v && v.TryGetValue(out string? s)
            ? Text(s, NftTextKind.Quoted, owner)
            : Value(element, owner);
    }

    private static string Statement(JsonObject statement, string owner)
    {
        (string key, JsonNode? value) = statement.Single();
        switch (key)
        {
            case "match":
                return Match((JsonObject)value!, owner);
            case "counter":
                return "counter name " + Text((NftJson.Str(value)) ?? "", NftTextKind.Quoted, $"the counter of {owner}");
            case "log":
                var log = new StringBuilder("log prefix ").Append(Text(Str(value!, "prefix"), NftTextKind.Quoted, $"the log prefix of {owner}"));
                if (value!["group"] is { } group)
                {
                    log.Append(" group ").Append(Number(group));
                }

                if (value["snaplen"] is { } snaplen)
                {
                    log.Append(" snaplen ").Append(Number(snaplen));
                }

                return log.ToString();
            case "limit":
                return Limit(value!, owner);
            case "accept" or "drop" or "return":
                return key;
            case "jump":
                return "jump " + Word(Str(value!, "target"), $"the jump target of {owner}");
            case "reject":
                string type = Str(value!, "type");
                return type == "tcp reset"
                    ? "reject with tcp reset"
                    : $"reject with {Word(type, owner)} type {Word(Str(value, "expr"), owner)}";
            case "set":
                var set = new StringBuilder();
                set.Append(Word(Str(value!, "op"), owner)).Append(' ').Append(Word(Str(value, "set"), owner)).Append(" { ");
                JsonNode elem = value!["elem"]!;
                if (elem is JsonObject { } eo && eo["elem"] is JsonObject timed)
                {
                    set.Append(Expression(timed["val"]!, owner)).Append(" timeout ").Append(Time(timed["timeout"]));
                }
                else
                {
                    set.Append(Expression(elem, owner));
                }

                foreach (JsonNode? inner in value["stmt"] as JsonArray ?? [])
                {
                    if (inner!["limit"] is JsonObject limit)
                    {
                        set.Append(' ').Append(Limit(limit, owner));
                        continue;
                    }

                    JsonNode count = inner["ct count"]!;
                    set.Append(" ct count ").Append((bool)count["inv"]! ? "over " : "").Append(Number(count["val"]));
                }

                return set.Append(" }").ToString();
            default:
                throw new NftException($"cannot write {owner} as nft text: unknown statement '{Text(key, NftTextKind.Comment, owner)}'");
        }
    }

    /// <summary><c>limit rate [over] N/unit burst M packets</c>; <c>inv</c> is nftables' <c>over</c>.</summary>
    private static string Limit(JsonNode value, string owner) =>
        $"limit rate {(value["inv"] is JsonValue inv && (bool)inv ? "over " : "")}{Number(value["rate"])}/{Word(Str(value, "per"), owner)} burst {Number(value["burst"])} packets";

    private static string Match(JsonObject match, string owner)
    {
        string op = Str(match, "op");
        JsonNode left = match["left"]!;
        JsonNode right = match["right"]!;
        string leftText = Expression(left, owner);
        bool names = left is JsonObject { } lo && lo["meta"] is { } meta && Str(meta, "key") is "iifname" or "oifname";
        string rightText = names && right is JsonValue v && v.TryGetValue(out string? name) && !name.StartsWith('@')
            ? Text(name, NftTextKind.Quoted, $"an interface name in {owner}")
            : Value(right, owner);
        return op switch
        {
            "==" when left is JsonObject { } a && a.ContainsKey("&") => $"{leftText} == {rightText}",
            "==" or "in" => $"{leftText} {rightText}",
            "!=" => $"{leftText} != {rightText}",
            _ => throw new NftException($"cannot write {owner} as nft text: unknown operator"),
        };
    }

    /// <summary>The left side of a match, the key of a set statement.</summary>
    private static string Expression(JsonNode node, string owner)
    {
        if (node is not JsonObject o)
        {
            return Value(node, owner);
        }

        (string key, JsonNode? value) = o.Single();
        return key switch
        {
            "meta" when Str(value!, "key") is "iifname" or "oifname" => Str(value!, "key"),
            "meta" => "meta " + Word(Str(value!, "key"), owner),
            "ct" => "ct " + Word(Str(value!, "key"), owner),
            "payload" when value!["base"] is not null =>
                $"@{Word(Str(value, "base"), owner)},{Number(value["offset"])},{Number(value["len"])}",
            "payload" => $"{Word(Str(value!, "protocol"), owner)} {Word(Str(value!, "field"), owner)}",
            "fib" => $"fib {Word((string)((JsonArray)value!["flags"]!)[0]!, owner)} {Word(Str(value, "result"), owner)}",
            "&" => $"{Expression(value![0]!, owner)} & {Mask(value[1]!, owner)}",
            _ => Value(node, owner),
        };
    }

    private static string Mask(JsonNode mask, string owner) =>
        mask is JsonArray flags ? "(" + string.Join(" | ", flags.Select(f => Word((NftJson.Str(f) ?? ""), owner))) + ")" : Value(mask, owner);

    /// <summary>A right-hand value: a word, a number, an anonymous set, a range, a prefix, a list of flags.</summary>
    private static string Value(JsonNode node, string owner)
    {
        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return Word((NftJson.Str(v) ?? ""), owner);
            case JsonValue v:
                return Number(v);
            case JsonArray list:
                return string.Join(",", list.Select(f => Word((NftJson.Str(f) ?? ""), owner)));
            case JsonObject o when o["set"] is JsonArray items:
                return "{ " + string.Join(", ", items.Select(i => Value(i!, owner))) + " }";
            case JsonObject o when o["range"] is JsonArray range:
                return Value(range[0]!, owner) + "-" + Value(range[1]!, owner);
            case JsonObject o when o["prefix"] is JsonObject prefix:
                return Word(Str(prefix, "addr"), owner) + "/" + Number(prefix["len"]);
            default:
                throw new NftException($"cannot write {owner} as nft text: unknown value");
        }
    }

    private static string Word(string value, string owner) => Text(value, NftTextKind.Word, owner);

    private static string Str(JsonNode? node, string key) => NftJson.Str(node?[key]) ?? "";

    private static string Number(JsonNode? node) => Integer(node).ToString(CultureInfo.InvariantCulture);

    private static long Integer(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new NftException("cannot write the ruleset as nft text: a number is not an integer");

    private static string Time(JsonNode? seconds) => FormatTime(TimeSpan.FromSeconds(Integer(seconds)));

    /// <summary>nft time: <c>1d2h3m4s5ms</c>.</summary>
    internal static string FormatTime(TimeSpan value)
    {
        long ms = Math.Max(1, (long)Math.Round(value.TotalMilliseconds));
        var sb = new StringBuilder();
        foreach ((long unit, string suffix) in (ReadOnlySpan<(long, string)>)[(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1_000, "s"), (1, "ms")])
        {
            long n = ms / unit;
            if (n > 0)
            {
                sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(suffix);
                ms -= n * unit;
            }
        }

        return sb.ToString();
    }
}
