using Sesame.Net;
using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Runtime;
using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Linting;

internal sealed partial class LintWalker
{
    private void WalkGlobal(Statement s)
    {
        if (!Interpreter.GlobalCommands.Contains(s.Name))
        {
            Warn(s.Position, ScriptCodes.NotSupported, $":{s.Name} will not run in Sesame (the run stops there with an error)");
            WalkArguments(s);
            return;
        }

        switch (s.Name)
        {
            case "local" or "global":
                {
                    bool function = s.Arguments.Any(a => a.Value is CodeExpr);
                    if (function)
                    {
                        // A function's body sees its arguments ($a, $1) as variables: not checked.
                        _functionDepth++;
                        WalkArguments(s);
                        _functionDepth--;
                    }
                    else
                    {
                        WalkArguments(s);
                    }

                    if (FirstWord(s) is string name)
                    {
                        Declare(name);
                    }

                    return;
                }

            case "foreach" or "for" or "onerror":
                WalkLoop(s);
                return;
            case "if" or "while":
                CheckCondition(Interpreter_Positional(s));
                if (s.Name == "if")
                {
                    WalkArguments(s);
                    return;
                }

                if (IsTrueLiteral(Interpreter_Positional(s)) && !BodyEscapes(s))
                {
                    Warn(s.Position, ScriptCodes.NeverFinishes, ":while (true) with no :return or :error in it never finishes (Sesame stops the run at its statement bound)");
                }

                WalkArguments(s);
                return;
            case "do":
                CheckCondition(s.Arguments.FirstOrDefault(a => a.Name == "while")?.Value);
                if (s.Arguments.FirstOrDefault(a => a.Name == "while")?.Value is Expr condition && IsTrueLiteral(condition) && !BodyEscapes(s))
                {
                    Warn(s.Position, ScriptCodes.NeverFinishes, ":do … while=(true) with no :return or :error in it never finishes (Sesame stops the run at its statement bound)");
                }

                WalkArguments(s);
                return;
            case "delay" or "totime":
                CheckTime(s);
                WalkArguments(s);
                return;
            default:
                WalkArguments(s);
                return;
        }
    }

    private static Expr? Interpreter_Positional(Statement s) => s.Arguments.FirstOrDefault(a => a.Name is null)?.Value;

    private static bool BodyEscapes(Statement s) => s.Arguments.Any(a => a.Value is CodeExpr code && Escapes(code.Body));

    /// <summary><c>:foreach x in=… do={…}</c>, <c>:for i … do={…}</c>, <c>:onerror e in={…} do={…}</c>: the variable is known in the body.</summary>
    private void WalkLoop(Statement s)
    {
        string[] names = FirstWord(s) is string word ? word.Split(',') : [];
        if (s.Name == "for")
        {
            foreach (Argument a in s.Arguments)
            {
                if (a.Name is "from" or "to" or "step" && a.Value is not null && Fold(a.Value) is RosValue v && RosOps.ToNum(v) is not RosNum)
                {
                    Warn(a.Value.Position, ScriptCodes.TypeError, $":for {a.Name}= is {Describe(v)}, not a number: the run stops here with 'expected a number'");
                }
            }
        }

        if (s.Name == "for" && s.Arguments.FirstOrDefault(a => a.Name == "step")?.Value is LiteralExpr { Value: RosNum { Value: 0 } } step)
        {
            Warn(step.Position, ScriptCodes.NeverFinishes, ":for with step=0 never finishes (Sesame stops the run at its statement bound)");
        }

        foreach (Argument a in s.Arguments)
        {
            if (a.Value is CodeExpr code && (a.Name == "do" || s.Name != "onerror"))
            {
                WalkBlock(code.Body, names);
            }
            else if (a.Value is not null && a.Name is not null)
            {
                WalkExpr(a.Value);
            }
        }
    }

    private void WalkMenu(Statement s)
    {
        if (s.Path is not null && !s.KnownPath)
        {
            Warn(s.Position, ScriptCodes.NotSupported, $"/{s.Path} will not run in Sesame (the run stops there with an error)");
            WalkArguments(s);
            return;
        }

        string menu = s.Path ?? _menu;
        string[]? commands = ScriptMenus.CommandsOf(menu);
        if (s.Path is null && s.Name == "set" && (commands is null || !commands.Contains("set")))
        {
            WalkGlobal(s);
            return;
        }

        string? command = commands is null ? null : ScriptMenus.Resolve(commands, s.Name);
        if (command is null)
        {
            string what = menu.Length == 0 ? s.Name : $"/{menu} {s.Name}";
            Warn(s.Position, ScriptCodes.NotSupported, $"{what} will not run in Sesame (the run stops there with an error)");
            WalkArguments(s);
            return;
        }

        if (ArgumentsOf(menu, command) is string[] known)
        {
            foreach (Argument a in s.Arguments)
            {
                if (a.Name is not null && ScriptMenus.Resolve(known, a.Name) is null)
                {
                    Warn(a.Position, ScriptCodes.UnknownArgument,
                        $"/{menu} {command}: unknown argument '{a.Name}' (expected {string.Join(", ", known)}); the run stops there with an error");
                }
            }
        }

        string outer = _menu;
        _menu = menu;
        WalkArguments(s);
        if (s.Condition is not null)
        {
            // A find/print condition compares per item (no type errors between constants there).
            _inItemCondition++;
            WalkExpr(s.Condition);
            _inItemCondition--;
            CollectReads(s.Condition, menu);
        }

        _menu = outer;
        if (command == "print")
        {
            foreach (Argument a in s.Arguments)
            {
                string? option = a.Name is null && a.Value is LiteralExpr { Word: { } w }
                    ? ScriptMenus.Resolve(["count-only", "as-value", "detail", "terse", "brief", "without-paging", "show-ids"], w)
                    : null;
                if (option is null or "as-value")
                {
                    Warn(a.Position, ScriptCodes.NotSupported, $"/{menu} print {option ?? a.Name ?? "…"} will not run in Sesame (the run stops there with an error)");
                }
            }
        }

        if (command == "set" && ScriptMenus.IsAddressList(menu))
        {
            foreach (Argument a in s.Arguments)
            {
                if (a.Name is null && a.Value is not null && Interpreter.UnsetName(a.Value) is string unset && ScriptMenus.Resolve(["timeout", "comment"], unset) is null)
                {
                    Warn(a.Value.Position, ScriptCodes.UnknownArgument, $"/{menu} set !{unset}: only !timeout and !comment can be unset; the run stops there with an error");
                }
            }
        }

        if (command is "add" or "set" && ScriptMenus.IsAddressList(menu))
        {
            CheckEntryArguments(s, menu);
        }

        if (command is "add" or "set" && ScriptMenus.IsAddressList(menu)
            && s.Arguments.FirstOrDefault(a => a.Name is not null && ScriptMenus.Resolve(["list", "address", "timeout", "comment", "disabled", "dynamic"], a.Name) == "list")?.Value is Expr list
            && Constant(list) is string name)
        {
            context.Filled.Add((Family(menu), name));
        }

        if (menu == ScriptMenus.SystemScript && Interpreter_Positional(s) is Expr target && Constant(target) is string script)
        {
            if (!context.ScriptNames.Contains(script))
            {
                Warn(target.Position, ScriptCodes.MissingScript,
                    $"/system script run {script}: there is no script named '{script}'{Sesame.Diagnostics.Suggestion.DidYouMean(script, context.ScriptNames)}");
            }
            else
            {
                if (!context.Runs.TryGetValue(source.Name, out var runs))
                {
                    context.Runs[source.Name] = runs = [];
                }

                runs.Add((script, source, target.Position));
            }
        }
    }

    /// <summary>The named arguments a command takes, when it takes a fixed set (<c>add</c>, <c>set</c> of an address list; none for the others).</summary>
    private static string[]? ArgumentsOf(string menu, string command) => command switch
    {
        "add" when ScriptMenus.IsAddressList(menu) => ["list", "address", "timeout", "comment", "disabled", "dynamic"],
        "set" when ScriptMenus.IsAddressList(menu) => ["numbers", "list", "address", "timeout", "comment", "disabled", "dynamic"],
        "remove" or "get" or "enable" or "disable" => ["numbers"],
        "run" => [],
        _ => null,
    };

    private static IpFamily Family(string menu) => menu.StartsWith("ipv6", StringComparison.Ordinal) ? IpFamily.V6 : IpFamily.V4;

    /// <summary>The text of a value that does not depend on the run (a word or a plain string), or null.</summary>
    private static string? Constant(Expr e) => e switch
    {
        LiteralExpr { Word: { } word } => word,
        LiteralExpr { Value: RosStr s } => s.Value,
        WordExpr word => word.Text,
        _ => null,
    };

    /// <summary>The lists a condition reads: <c>list=X</c> in an address list, <c>src-address-list=X</c>/<c>dst-address-list=X</c> in a filter.</summary>
    private void CollectReads(Expr condition, string menu)
    {
        switch (condition)
        {
            case BinaryExpr { Op: "=", Left: WordExpr property } binary when Constant(binary.Right) is string list:
                string? name = ScriptMenus.IsAddressList(menu)
                    ? ScriptMenus.Resolve(EntryRow.Properties, property.Text)
                    : ScriptMenus.Resolve(RuleRow.Properties, property.Text);
                if ((ScriptMenus.IsAddressList(menu) && name == "list") || (ScriptMenus.IsFilter(menu) && name is "src-address-list" or "dst-address-list"))
                {
                    _reads.Add((Family(menu), list.TrimStart('!'), binary.Right.Position));
                }

                break;
            case BinaryExpr binary:
                CollectReads(binary.Left, menu);
                CollectReads(binary.Right, menu);
                break;
            case UnaryExpr unary:
                CollectReads(unary.Operand, menu);
                break;
        }
    }

    /// <summary>After every script was walked (so every script's <c>add</c> is known): the lists read that nothing fills.</summary>
    public void ReportLists()
    {
        foreach ((IpFamily family, string list, int position) in _reads)
        {
            if (context.Filled.Contains((family, list)))
            {
                continue;
            }

            var known = context.Filled.Where(f => f.Family == family).Select(f => f.List)
                .Concat(context.Mentioned).Where(n => n.Length > 0 && n != list).Distinct(StringComparer.Ordinal).ToList();
            string familyName = family == IpFamily.V4 ? "IPv4" : "IPv6";
            Warn(position, ScriptCodes.ListNeverFilled,
                $"reads {familyName} list '{list}', which no rule, entry or script ever fills, so it is always empty{Sesame.Diagnostics.Suggestion.DidYouMean(list, known)}");
        }
    }
}
