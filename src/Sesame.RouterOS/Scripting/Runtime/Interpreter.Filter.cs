using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>
/// <c>/ip firewall filter</c> and <c>/ipv6 firewall filter</c>: <c>enable</c>, <c>disable</c>, <c>find</c>, <c>get</c>,
/// <c>print count-only</c>. A rule's id is its position plus one (scripts add no rules, so positions do not move).
/// </summary>
internal sealed partial class Interpreter
{
    private RosValue Filter(Statement s, Scope scope, string menu, string command)
    {
        IpFamily family = FamilyOf(menu);
        IReadOnlyList<FilterRule> rules = _host.GetRules(family);
        switch (command)
        {
            case "enable" or "disable":
                {
                    var indices = new List<int>();
                    foreach (long id in ItemsOf(s, scope, menu, out int at))
                    {
                        indices.Add(RuleIndex(id, rules, at));
                    }

                    _host.SetRulesDisabled(family, indices, command == "disable");
                    return RosNothing.Instance;
                }

            case "get":
                {
                    List<long> ids = ItemsOf(s, scope, menu, out int at);
                    if (ids.Count != 1)
                    {
                        throw Fail(at, ids.Count == 0 ? "no such item" : "get takes one item");
                    }

                    int index = RuleIndex(ids[0], rules, at);
                    return Get(new RuleRow(rules[index], ids[0], menu), PropertyName(s, scope, 1, RuleRow.Properties), RuleRow.Properties, s);
                }

            case "find":
                return FindRules(s, scope, menu, rules, count: false);
            default:
                return Print(s, count => FindRules(s, scope, menu, rules, count), id => id >= 1 && id <= rules.Count ? new RuleRow(rules[(int)(id - 1)], id, menu) : null);
        }
    }

    private int RuleIndex(long id, IReadOnlyList<FilterRule> rules, int position) =>
        id >= 1 && id <= rules.Count ? (int)(id - 1) : throw Fail(position, "no such item");

    private RosValue FindRules(Statement s, Scope scope, string menu, IReadOnlyList<FilterRule> rules, bool count)
    {
        var found = new RosArray();
        long n = 0;
        for (int i = 0; i < rules.Count; i++)
        {
            var row = new RuleRow(rules[i], i + 1, menu);
            if (s.Condition is null || Test(s.Condition, row, scope))
            {
                n++;
                if (!count)
                {
                    found.Add(new RosId(i + 1, menu));
                }
            }
        }

        return count ? new RosNum(n) : found;
    }
}
