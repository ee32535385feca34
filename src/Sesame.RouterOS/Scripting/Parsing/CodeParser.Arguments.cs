using Sesame.RouterOS.Scripting.Ast;

namespace Sesame.RouterOS.Scripting.Parsing;

internal sealed partial class CodeParser
{
    private Statement WithArguments(int start, StatementKind kind, string name, string? path, bool knownPath, int commandAt = -1)
    {
        var arguments = new List<Argument>();
        Expr? condition = null;
        bool split = false;
        bool isCondition = kind == StatementKind.Menu && name.Length > 0 && IsConditionCommand(path, name);
        while (true)
        {
            SkipBlanks(false);
            if (AtStatementEnd())
            {
                break;
            }

            if (AtLineSplit())
            {
                split = true;
                _errors.Add(new CodeError(_pos, ScriptCodes.OneLine,
                    "a new command on the same line: RouterOS reads it as an argument ('expected end of command'); Sesame runs it as the next command", true));
                break;
            }

            if (isCondition && !IsPrintOption())
            {
                Expr next = ParseCondition();
                condition = condition is null ? next : Bounded(new BinaryExpr(next.Position, "&&", condition, next));
                continue;
            }

            bool code = kind == StatementKind.Global && name == "do" && arguments.Count == 0;
            int before = _errors.Count;
            arguments.Add(ParseArgument(code, kind == StatementKind.Global ? name : ""));
            if (_errors.Count > before && !_errors[^1].IsWarning)
            {
                break;
            }
        }

        return new Statement(start, kind, name)
        {
            Path = path,
            KnownPath = knownPath,
            Arguments = arguments,
            Condition = condition,
            SplitFromLine = split,
            CommandPosition = commandAt >= 0 ? commandAt : start,
        };
    }

    /// <summary><c>find</c> and <c>print</c> take a condition (their arguments, or what follows <c>where</c>).</summary>
    private static bool IsConditionCommand(string? path, string name)
    {
        string? resolved = ScriptMenus.Resolve(["find", "print"], name);
        if (resolved is null)
        {
            return false;
        }

        return path is null || ScriptMenus.IsAddressList(path) || ScriptMenus.IsFilter(path);
    }

    /// <summary>The options of <c>print</c> that are not conditions (<c>count-only</c>, <c>as-value</c>).</summary>
    private bool IsPrintOption()
    {
        foreach (string option in (string[])["count-only", "as-value", "detail", "terse", "brief", "without-paging", "show-ids"])
        {
            if (string.CompareOrdinal(_text, _pos, option, 0, option.Length) == 0
                && (_pos + option.Length >= _text.Length || IsWordEnd(_text[_pos + option.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordEnd(char c) => c is ' ' or '\t' or '\r' or '\n' or ';' or ']' or '}' or ')';

    private Argument ParseArgument(bool code, string command)
    {
        int start = _pos;
        if (IsNamedArgument())
        {
            string name = ReadArgumentName();
            _pos++;
            if (AtEnd || Current is ' ' or '\t' or '\r' or '\n' or ';' or ']' or '}')
            {
                return new Argument(start, name, new LiteralExpr(_pos, Values.RosOps.Literal(""), ""));
            }

            bool isCode = name is "do" or "else" or "on-error" || (command == "onerror" && name == "in");
            return new Argument(start, name, ParseValue(isCode, false));
        }

        // An unnamed value: a variable's name (:local x), a topic (info), an option (count-only), an id, an expression.
        return new Argument(start, null, ParseValue(code, false));
    }

    private string ReadArgumentName()
    {
        int start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '-' or '_' or '.'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private string ReadName()
    {
        int start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '-' or '_'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private string ReadVariableName()
    {
        if (Current == '"')
        {
            // $"name with spaces" (MikroTik "Scripting": variable names with special characters are quoted).
            int at = _pos;
            Expr quoted = ParseString();
            if (quoted is LiteralExpr { Value: Values.RosStr s })
            {
                return s.Value;
            }

            Error(at, "a quoted variable name cannot hold substitutions");
            return "";
        }

        int start = _pos;
        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current == '_'))
        {
            _pos++;
        }

        return _text[start.._pos];
    }
}
