using System.Globalization;
using Sesame.Net;
using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Runtime;

/// <summary>Menu commands: the address lists, the filter rules, <c>/system script run</c>, <c>/log</c> (ROUTEROS.md §1.2, §1.4).</summary>
internal sealed partial class Interpreter
{
    private RosValue ExecMenu(Statement s, Scope scope)
    {
        if (s.Path is not null && !s.KnownPath)
        {
            throw Fail(s.Position, NotSupported($"/{s.Path}"));
        }

        string menu = s.Path ?? _menu;
        string[]? commands = ScriptMenus.CommandsOf(menu);
        if (s.Path is null && s.Name == "set" && (commands is null || !commands.Contains("set")))
        {
            // set outside a menu that has one is :set (the colon left out).
            return ExecGlobal(s, scope);
        }

        if (commands is null)
        {
            throw Fail(s.Position, menu.Length == 0 ? $"bad command name {s.Name}" : NotSupported($"/{menu} {s.Name}"));
        }

        string command = ScriptMenus.Resolve(commands, s.Name) ?? throw Fail(s.Position, NotSupported($"/{menu} {s.Name}"));

        // A command inside the arguments ([find …]) runs in this command's menu.
        string current = _menu;
        _menu = menu;
        try
        {
            return MenuCommand(s, scope, menu, command);
        }
        finally
        {
            _menu = current;
        }
    }

    private RosValue MenuCommand(Statement s, Scope scope, string menu, string command)
    {
        if (ScriptMenus.IsAddressList(menu))
        {
            return AddressList(s, scope, menu, command);
        }

        if (ScriptMenus.IsFilter(menu))
        {
            return Filter(s, scope, menu, command);
        }

        if (menu == ScriptMenus.SystemScript)
        {
            Expr name = Positional(s, 0) ?? throw Fail(s.Position, "/system script run needs a script's name");
            RunScript(name is LiteralExpr { Word: { } word } ? word : RosOps.ToStr(Eval(name, scope)), s.Position);
            return RosNothing.Instance;
        }

        return Log(s, new RosStr(command), Value(s, 0, scope));
    }

    /// <summary><c>/system script run NAME</c>: the script runs in this run (same bounds, one level deeper, its own current menu).</summary>
    private void RunScript(string name, int position)
    {
        Parsing.ParsedCode code = _runner.GetScript(name) ?? throw Fail(position, $"no such item (script '{name}')");
        Parsing.ParsedCode outerCode = _code;
        string outerScript = _script;
        string outerMenu = _menu;
        Enter(position);
        try
        {
            _code = code;
            _script = name;
            _menu = "";
            RunRoot();
        }
        finally
        {
            _depth--;
            _code = outerCode;
            _script = outerScript;
            _menu = outerMenu;
        }
    }

    private static IpFamily FamilyOf(string menu) => menu.StartsWith("ipv6", StringComparison.Ordinal) ? IpFamily.V6 : IpFamily.V4;

    /// <summary>
    /// The items a command names: ids (<c>$id</c>, <c>*1A</c>), arrays of them (<c>[find …]</c>), nested. Print numbers
    /// are refused: "do not use item numbers in scripts" (ROUTEROS.md §1.5).
    /// </summary>
    private void CollectIds(RosValue value, string menu, List<long> ids, int position)
    {
        switch (value)
        {
            case RosId id when id.Menu == menu || id.Menu.Length == 0:
                ids.Add(id.Value);
                break;
            case RosId:
                throw Fail(position, "no such item (the id belongs to another menu)");
            case RosArray array:
                foreach (KeyValuePair<string?, RosValue> item in array.Items)
                {
                    CollectIds(item.Value, menu, ids, position);
                }

                break;
            case RosNothing or RosNil:
                break;
            case RosStr text when TryParseId(text.Value, out long parsed):
                ids.Add(parsed);
                break;
            case RosStr text when text.Value.Contains(',', StringComparison.Ordinal):
                foreach (string part in text.Value.Split(','))
                {
                    CollectIds(new RosStr(part), menu, ids, position);
                }

                break;
            default:
                throw Fail(position, $"no such item ('{RosOps.ToStr(value)}'; use an id such as [find …], not a print number)");
        }
    }

    /// <summary>The property of the unset form <c>!timeout</c> (as an unnamed argument), or null for anything else.</summary>
    internal static string? UnsetName(Expr e) => e switch
    {
        UnaryExpr { Op: "!", Operand: LiteralExpr { Word: { Length: > 0 } word } } => word,
        UnaryExpr { Op: "!", Operand: WordExpr word } => word.Text,
        LiteralExpr { Word: ['!', _, ..] word } => word[1..],
        _ => null,
    };

    private static bool TryParseId(string text, out long id)
    {
        id = 0;
        return text.Length > 1 && text[0] == '*'
            && long.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out id);
    }

    private List<long> ItemsOf(Statement s, Scope scope, string menu) => ItemsOf(s, scope, menu, out _);

    /// <summary>The items a command names, and where they are written (an error about them points there).</summary>
    private List<long> ItemsOf(Statement s, Scope scope, string menu, out int position)
    {
        var ids = new List<long>();
        // The unnamed argument's real name is numbers (ROUTEROS.md §1.2): remove numbers=$id is remove $id.
        Expr items = s.Arguments.FirstOrDefault(a => a.Name is null && a.Value is not null && UnsetName(a.Value) is null)?.Value
            ?? s.Arguments.FirstOrDefault(a => a.Name is not null && "numbers".StartsWith(a.Name, StringComparison.Ordinal))?.Value
            ?? throw Fail(s.Position, $"{s.Name}: which items? (give ids or [find …])");
        position = items.Position;
        CollectIds(Eval(items, scope), menu, ids, items.Position);
        return ids;
    }

    /// <summary>The property name of <c>get $id NAME</c>: the word as written, or the value's text.</summary>
    private string PropertyName(Statement s, Scope scope, int index, string[] known)
    {
        Expr? e = Positional(s, index);
        if (e is null)
        {
            return "";
        }

        string name = e is LiteralExpr { Word: { } word } ? word : RosOps.ToStr(Eval(e, scope));
        return ScriptMenus.Resolve(known, name) ?? name;
    }

    /// <summary>Evaluates a condition for one item; a condition that is not true or false is an error.</summary>
    private bool Test(Expr condition, IItemRow row, Scope scope)
    {
        IItemRow? outer = _row;
        _row = row;
        try
        {
            return Truth(condition, scope);
        }
        finally
        {
            _row = outer;
        }
    }
}
