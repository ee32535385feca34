using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Values;
using Sesame.Scripting;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary><c>/ip firewall address-list</c> and <c>/ipv6 firewall address-list</c> (MT-AL-CLI) against the host.</summary>
internal sealed partial class Interpreter
{
    private static readonly string[] AddArguments = ["list", "address", "timeout", "comment", "disabled", "dynamic"];
    private static readonly string[] SetArguments = ["numbers", .. AddArguments];
    private static readonly string[] UnsetArguments = ["timeout", "comment"];
    private static readonly string[] PrintArguments = ["count-only", "as-value", "detail", "terse", "brief", "without-paging", "show-ids"];

    private RosValue AddressList(Statement s, Scope scope, string menu, string command)
    {
        IpFamily family = FamilyOf(menu);
        switch (command)
        {
            case "add":
                return AddEntry(s, scope, menu, family);
            case "remove":
                foreach (long id in ItemsOf(s, scope, menu, out int at))
                {
                    try
                    {
                        _host.RemoveEntry(family, id);
                    }
                    catch (ScriptHostException e)
                    {
                        // no such item: the item named is at fault.
                        throw Fail(at, e.Message);
                    }
                }

                return RosNothing.Instance;
            case "set":
                {
                    ScriptListEntryUpdate update = EntryUpdate(s, scope, family);
                    foreach (long id in ItemsOf(s, scope, menu, out int at))
                    {
                        try
                        {
                            _host.SetEntry(family, id, update);
                        }
                        catch (ScriptHostException e)
                        {
                            throw Fail(at, e.Message);
                        }
                    }

                    return RosNothing.Instance;
                }

            case "get":
                {
                    List<long> ids = ItemsOf(s, scope, menu, out int at);
                    if (ids.Count != 1)
                    {
                        throw Fail(at, ids.Count == 0 ? "no such item" : "get takes one item");
                    }

                    ScriptListEntry entry = _host.GetEntry(family, ids[0]) ?? throw Fail(at, "no such item");
                    return Get(new EntryRow(entry, menu), PropertyName(s, scope, 1, EntryRow.Properties), EntryRow.Properties, s);
                }

            case "find":
                return FindEntries(s, scope, menu, family, count: false);
            default:
                return Print(s, count => FindEntries(s, scope, menu, family, count), id => _host.GetEntry(family, id) is ScriptListEntry e ? new EntryRow(e, menu) : null);
        }
    }

    /// <summary>
    /// <c>print count-only [where …]</c> gives the number of items; <c>print [where …]</c> writes one line per item to
    /// the console, as <c>:put</c> does (topic <c>put</c>): <c>0 D list=knock2 address=192.0.2.7 timeout=29s …</c>, the
    /// terse form (the index, the flags X disabled and D dynamic, then the properties that have a value).
    /// </summary>
    private RosValue Print(Statement s, Func<bool, RosValue> find, Func<long, IItemRow?> row)
    {
        bool countOnly = false;
        foreach (Argument argument in s.Arguments)
        {
            string? word = argument.Value is LiteralExpr { Word: { } w } ? w : null;
            string? option = argument.Name is null && word is not null ? ScriptMenus.Resolve(PrintArguments, word) : null;
            if (option == "count-only")
            {
                countOnly = true;
            }
            else if (option is not ("terse" or "detail" or "brief" or "without-paging" or "show-ids"))
            {
                throw Fail(argument.Position, NotSupported($"print {argument.Name ?? word ?? "…"}"));
            }
        }

        if (countOnly)
        {
            return find(true);
        }

        long index = 0;
        foreach (KeyValuePair<string?, RosValue> item in ((RosArray)find(false)).Items)
        {
            Count(s.Position);
            if (item.Value is RosId id && row(id.Value) is IItemRow found)
            {
                Write("put", PrintLine(index, found));
            }

            index++;
        }

        return RosNothing.Instance;
    }

    /// <summary>One item as <c>print terse</c> shows it: index, flags, then <c>name=value</c> for each property with a value.</summary>
    private static string PrintLine(long index, IItemRow row)
    {
        var line = new System.Text.StringBuilder();
        line.Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
        bool disabled = row.TryGet("disabled", out RosValue d) && d is RosBool { Value: true };
        bool dynamic = row.TryGet("dynamic", out RosValue y) && y is RosBool { Value: true };
        line.Append(disabled ? 'X' : ' ').Append(dynamic ? 'D' : ' ');
        foreach (string name in row.Names)
        {
            if (name is "disabled" or "dynamic" or "invalid" or ".id" || !row.TryGet(name, out RosValue value)
                || value is RosNothing or RosNil || (value is RosBool { Value: false }))
            {
                continue;
            }

            string text = RosOps.ToStr(value);
            if (text.Length == 0)
            {
                continue;
            }

            line.Append(' ').Append(name).Append('=');
            line.Append(text.Any(c => c is ' ' or '"' or '\\' or ';' or '$' or '#' || char.IsControl(c)) ? PrintQuote(text) : text);
        }

        return line.ToString();
    }

    /// <summary>A value with blanks or specials, quoted as the console writes it (control characters as <c>\XX</c>).</summary>
    private static string PrintQuote(string text)
    {
        var sb = new System.Text.StringBuilder("\"");
        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                sb.Append('\\').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c is '"' or '\\' or '$' ? "\\" + c : c.ToString());
            }
        }

        return sb.Append('"').ToString();
    }

    private RosValue Get(IItemRow row, string property, string[] known, Statement s)
    {
        if (property.Length == 0)
        {
            var all = new RosArray();
            foreach (string name in known)
            {
                if (row.TryGet(name, out RosValue v))
                {
                    all.Set(new RosStr(name), v);
                }
            }

            return all;
        }

        return row.TryGet(property, out RosValue value) ? value : throw Fail(s.Position, $"no such property '{property}'");
    }

    /// <summary>
    /// <c>find</c> is one pass over the host's entries. <c>find list=X</c>, what the seed's scripts use, compares the
    /// list name directly; any other condition is evaluated per entry.
    /// </summary>
    private RosValue FindEntries(Statement s, Scope scope, string menu, IpFamily family, bool count)
    {
        IReadOnlyList<ScriptListEntry> entries = _host.GetEntries(family);
        var found = count ? null : new RosArray();
        long n = 0;
        string? list = s.Condition is null ? null : ListEquals(s.Condition, scope);
        for (int i = 0; i < entries.Count; i++)
        {
            ScriptListEntry entry = entries[i];
            bool match = s.Condition is null
                || (list is not null ? string.Equals(entry.List, list, StringComparison.Ordinal) : Test(s.Condition, new EntryRow(entry, menu), scope));
            if (match)
            {
                n++;
                found?.Add(new RosId(entry.Id, menu));
            }
        }

        return count ? new RosNum(n) : found!;
    }

    /// <summary>The name X when the condition is exactly <c>list=X</c> with X not depending on the item; else null.</summary>
    private string? ListEquals(Expr condition, Scope scope)
    {
        if (condition is BinaryExpr { Op: "=", Left: WordExpr { Text: "list" } } binary
            && binary.Right is LiteralExpr or WordExpr or VariableExpr or StringExpr)
        {
            RosValue value = binary.Right is WordExpr w ? w.Literal : Eval(binary.Right, scope);
            return value is RosStr or RosNum ? RosOps.ToStr(value) : null;
        }

        return null;
    }

    private RosValue AddEntry(Statement s, Scope scope, string menu, IpFamily family)
    {
        // AddArguments: list, address, timeout, comment, disabled, dynamic.
        Expr?[] a = NamedArguments(s, AddArguments);
        string list = a[0] is Expr l ? RosOps.ToStr(Eval(l, scope)) : throw Fail(s.Position, "add: list= is required");
        Expr addressExpr = a[1] ?? throw Fail(s.Position, "add: address= is required");
        (IpRange? address, string? dns) = Address(Eval(addressExpr, scope), family, addressExpr.Position);
        TimeSpan? timeout = a[2] is Expr t ? Timeout(Eval(t, scope), t.Position) : null;
        string? comment = a[3] is Expr c ? RosOps.ToStr(Eval(c, scope)) : null;
        bool disabled = a[4] is Expr d && Flag(Eval(d, scope), d.Position);
        bool dynamic = a[5] is Expr y && Flag(Eval(y, scope), y.Position);
        if (Positional(s, 0) is Expr extra)
        {
            throw Fail(extra.Position, "add takes no unnamed argument (expected end of command)");
        }

        long id = _host.AddEntry(family, new ScriptListEntryRequest(list, address, dns, timeout, dynamic, disabled, comment));
        return new RosId(id, menu);
    }

    private ScriptListEntryUpdate EntryUpdate(Statement s, Scope scope, IpFamily family)
    {
        // SetArguments: numbers, list, address, timeout, comment, disabled, dynamic.
        Expr?[] a = NamedArguments(s, SetArguments);
        var update = new ScriptListEntryUpdate();
        if (a[1] is Expr l)
        {
            update = update with { List = RosOps.ToStr(Eval(l, scope)) };
        }

        if (a[2] is Expr address)
        {
            (IpRange? range, _) = Address(Eval(address, scope), family, address.Position);
            update = update with { Address = range ?? throw Fail(address.Position, "set: address= must be an address") };
        }

        if (a[3] is Expr t)
        {
            update = update with { Timeout = Timeout(Eval(t, scope), t.Position) };
        }

        if (a[4] is Expr c)
        {
            update = update with { Comment = RosOps.ToStr(Eval(c, scope)) };
        }

        if (a[5] is Expr d)
        {
            update = update with { Disabled = Flag(Eval(d, scope), d.Position) };
        }

        if (a[6] is not null)
        {
            throw Fail(a[6]!.Position, "set: dynamic cannot be changed");
        }

        // set $id !timeout, set $id !comment: the unset form (the entry loses its timeout, its comment).
        foreach (Argument argument in s.Arguments)
        {
            if (argument.Name is null && argument.Value is Expr value && UnsetName(value) is string unset)
            {
                switch (ScriptMenus.Resolve(UnsetArguments, unset))
                {
                    case "timeout" when a[3] is null:
                        update = update with { ClearTimeout = true };
                        break;
                    case "comment" when a[4] is null:
                        update = update with { ClearComment = true };
                        break;
                    case "timeout" or "comment":
                        throw Fail(value.Position, $"set: !{unset} and {unset}= together");
                    default:
                        throw Fail(value.Position, $"set: !{unset}: only !timeout and !comment can be unset");
                }
            }
        }

        return update;
    }

    /// <summary>An address, a prefix, a range, or (IPv4 only) a DNS name, of the menu's family (MT-AL-NEW).</summary>
    private (IpRange? Address, string? Dns) Address(RosValue value, IpFamily family, int position)
    {
        IpRange? range = value switch
        {
            RosIp ip => ip.Address,
            RosPrefix prefix => prefix.Prefix,
            _ => IpRange.TryParse(RosOps.ToStr(value), out IpRange? parsed) ? parsed : null,
        };
        if (range is IpRange r)
        {
            return r.Family == family ? (r, null) : throw Fail(position, $"invalid value for argument address: {RosOps.ToStr(value)} is not an {(family == IpFamily.V4 ? "IPv4" : "IPv6")} address");
        }

        string text = RosOps.ToStr(value);
        if (family == IpFamily.V4 && text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            return (null, text);
        }

        throw Fail(position, $"invalid value for argument address: '{text}'");
    }

    private TimeSpan Timeout(RosValue value, int position)
    {
        TimeSpan timeout = value is RosTime t ? t.Value
            : RouterOsTime.TryParse(RosOps.ToStr(value), out TimeSpan parsed, out _) ? parsed
            : throw Fail(position, $"invalid value for argument timeout: '{RosOps.ToStr(value)}'");
        if (timeout < TimeSpan.Zero || timeout > RouterOsTime.Max)
        {
            throw Fail(position, "value of timeout is out of range (00:00:00 .. 35w3d13:13:56)");
        }

        return timeout;
    }

    private bool Flag(RosValue value, int position) => value switch
    {
        RosBool b => b.Value,
        _ => RosOps.ToStr(value) switch
        {
            "yes" or "true" => true,
            "no" or "false" => false,
            string text => throw Fail(position, $"expected yes or no, got '{text}'"),
        },
    };
}
