using Sesame.Model;
using Sesame.RouterOS.Export;
using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>
/// A filter rule's properties as <c>find</c> and <c>get</c> see them: the exporter's view of the rule
/// (<see cref="FilterRuleProperties"/>) with the text of each value, and the flags.
/// </summary>
internal sealed class RuleRow(FilterRule rule, long id, string menu) : IItemRow
{
    private Dictionary<string, string>? _described;

    public static readonly string[] Properties = [.. Console.FilterProperties.All, "dynamic", "invalid", ".id"];

    public IReadOnlyList<string> Names => Properties;

    public bool TryGet(string property, out RosValue value)
    {
        switch (property)
        {
            case "disabled":
                value = rule.Disabled ? RosBool.True : RosBool.False;
                return true;
            case "dynamic" or "invalid":
                value = RosBool.False;
                return true;
            case "log":
                value = rule.Log ? RosBool.True : RosBool.False;
                return true;
            case "comment":
                value = new RosStr(rule.Comment ?? "");
                return true;
            case "log-prefix":
                value = new RosStr(rule.LogPrefix ?? "");
                return true;
            case "chain":
                value = new RosStr(rule.Chain);
                return true;
            case ".id":
                value = new RosId(id, menu);
                return true;
        }

        _described ??= Describe(rule);
        if (_described.TryGetValue(property, out string? text))
        {
            value = new RosStr(text);
            return true;
        }

        if (FilterPropertyNames.Contains(property))
        {
            // A matcher the rule does not use: RouterOS prints nothing for it.
            value = RosNothing.Instance;
            return true;
        }

        value = RosNothing.Instance;
        return false;
    }

    private static readonly HashSet<string> FilterPropertyNames = new(Console.FilterProperties.All, StringComparer.Ordinal);

    private static Dictionary<string, string> Describe(FilterRule rule)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ExportProperty p in FilterRuleProperties.Describe(rule))
        {
            map[p.Name] = Unquote(p.Value);
        }

        return map;
    }

    /// <summary>The exporter quotes values that need it; a condition compares the text itself.</summary>
    private static string Unquote(string value)
    {
        string negation = value.StartsWith('!') ? "!" : "";
        string rest = value[negation.Length..];
        if (rest.Length >= 2 && rest[0] == '"' && rest[^1] == '"')
        {
            rest = rest[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        }

        return negation + rest;
    }
}
