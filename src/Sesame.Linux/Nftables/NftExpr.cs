using System.Text.Json.Nodes;
using Sesame.Checking;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>
/// Builders for the libnftables JSON objects Sesame's rules are made of (libnftables-json(5), the schema of nftables
/// 1.0.6): expressions (<c>payload</c>, <c>meta</c>, <c>ct</c>, <c>fib</c>, <c>&amp;</c>, <c>set</c>, <c>range</c>,
/// <c>prefix</c>) and statements (<c>match</c>, <c>counter</c>, <c>log</c>, <c>limit</c>, verdicts, <c>reject</c>,
/// the dynamic-set <c>set</c> statement). Every value is a JSON value, never nft text, so no string can become syntax.
/// </summary>
internal static class NftExpr
{
    public static JsonObject Match(string op, JsonNode left, JsonNode right) =>
        new() { ["match"] = new JsonObject { ["op"] = op, ["left"] = Own(left), ["right"] = Own(right) } };

    public static JsonObject Equal(JsonNode left, JsonNode right, bool negated = false) => Match(negated ? "!=" : "==", left, right);

    public static JsonObject Meta(string key) => new() { ["meta"] = new JsonObject { ["key"] = key } };

    public static JsonObject Payload(string protocol, string field) =>
        new() { ["payload"] = new JsonObject { ["protocol"] = protocol, ["field"] = field } };

    public static JsonObject RawPayload(string payloadBase, int offset, int length) =>
        new() { ["payload"] = new JsonObject { ["base"] = payloadBase, ["offset"] = offset, ["len"] = length } };

    public static JsonObject Ct(string key) => new() { ["ct"] = new JsonObject { ["key"] = key } };

    public static JsonObject Fib(string flag) => new() { ["fib"] = new JsonObject { ["result"] = "type", ["flags"] = new JsonArray(flag) } };

    /// <summary>A bitwise and; <paramref name="mask"/> is a value or a list of flag names (<see cref="Flags"/>).</summary>
    public static JsonObject And(JsonNode left, JsonNode mask) => new() { ["&"] = new JsonArray(Own(left), Own(mask)) };

    /// <summary>A list of flag names: ORed as a mask, a list of values as a match's right side.</summary>
    public static JsonArray Flags(IEnumerable<string> names) => [.. names.Select(n => (JsonNode)n)];

    /// <summary>An anonymous set: <c>{ a, b }</c>.</summary>
    public static JsonObject AnonymousSet(IEnumerable<JsonNode> values) => new() { ["set"] = new JsonArray([.. values.Select(Own)]) };

    public static JsonObject Range(JsonNode first, JsonNode last) => new() { ["range"] = new JsonArray(Own(first), Own(last)) };

    public static JsonObject Prefix(string address, int length) =>
        new() { ["prefix"] = new JsonObject { ["addr"] = address, ["len"] = length } };

    /// <summary>An address, a prefix or a range, written from the parsed value (never from text a user typed).</summary>
    public static JsonNode Address(IpRange range)
    {
        string first = IpRange.ToAddress(range.Family, range.First).ToString();
        if (range.IsHost)
        {
            return first;
        }

        int length = range.PrefixLength;
        return length >= 0
            ? Prefix(first, length)
            : Range(first, IpRange.ToAddress(range.Family, range.Last).ToString());
    }

    public static JsonNode Port(PortRange port) => port.First == port.Last ? port.First : Range(port.First, port.Last);

    public static JsonObject Counter(string name) => new() { ["counter"] = name };

    public static JsonObject Log(string prefix, int? group = null, int? snaplen = null)
    {
        var log = new JsonObject { ["prefix"] = prefix };
        if (group is { } g)
        {
            log["group"] = g;
        }

        if (snaplen is { } s)
        {
            log["snaplen"] = s;
        }

        return new JsonObject { ["log"] = log };
    }

    /// <summary><c>limit rate N/second burst N packets</c>.</summary>
    public static JsonObject Limit(int perSecond) =>
        new() { ["limit"] = new JsonObject { ["rate"] = perSecond, ["per"] = "second", ["burst"] = perSecond } };

    /// <summary><c>limit rate over N/second burst B packets</c>: matches the packets beyond the rate.</summary>
    public static JsonObject LimitOver(int perSecond, int burst) =>
        new() { ["limit"] = new JsonObject { ["rate"] = perSecond, ["per"] = "second", ["burst"] = burst, ["inv"] = true } };

    /// <summary><c>accept</c>, <c>drop</c> or <c>return</c>.</summary>
    public static JsonObject Verdict(string verdict) => new() { [verdict] = null };

    public static JsonObject Jump(string chain) => new() { ["jump"] = new JsonObject { ["target"] = chain } };

    /// <summary><c>reject with tcp reset</c> (<paramref name="type"/> "tcp reset") or <c>reject with icmp[v6] type X</c>.</summary>
    public static JsonObject Reject(string type, string? code = null)
    {
        var reject = new JsonObject { ["type"] = type };
        if (code is not null)
        {
            reject["expr"] = code;
        }

        return new JsonObject { ["reject"] = reject };
    }

    /// <summary>
    /// The dynamic-set statement: <c>add|update|delete @set { key [timeout T] [stmt] }</c>. The timeout is in whole
    /// seconds, all that libnftables 1.0.6 JSON carries.
    /// </summary>
    public static JsonObject SetStatement(string op, string set, JsonNode key, long? timeoutSeconds = null, JsonObject? statement = null)
    {
        JsonNode elem = timeoutSeconds is { } t ? new JsonObject { ["elem"] = new JsonObject { ["val"] = Own(key), ["timeout"] = t } } : Own(key);
        var body = new JsonObject { ["op"] = op, ["elem"] = elem, ["set"] = "@" + set };
        if (statement is not null)
        {
            body["stmt"] = new JsonArray(Own(statement));
        }

        return new JsonObject { ["set"] = body };
    }

    /// <summary><c>ct count [over] N</c>: <paramref name="over"/> is nftables' <c>inv</c>.</summary>
    public static JsonObject CtCount(int value, bool over) =>
        new() { ["ct count"] = new JsonObject { ["val"] = value, ["inv"] = over } };

    /// <summary>A set element with its own timeout.</summary>
    public static JsonObject TimedElement(JsonNode value, long timeoutSeconds) =>
        new() { ["elem"] = new JsonObject { ["val"] = Own(value), ["timeout"] = timeoutSeconds } };

    /// <summary>
    /// A timeout in the whole seconds libnftables' JSON reads (<see cref="ConfigChecker.KernelTimeoutSeconds"/>, the
    /// rounding <c>check</c> warns about as SES0532).
    /// </summary>
    public static long Seconds(TimeSpan timeout) => ConfigChecker.KernelTimeoutSeconds(timeout);

    public static string Hex(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    /// <summary>A node that can go into a new parent: itself, or a copy when it already has one.</summary>
    private static JsonNode Own(JsonNode node) => node.Parent is null ? node : node.DeepClone();
}
