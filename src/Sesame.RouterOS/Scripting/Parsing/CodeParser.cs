using Sesame.RouterOS.Scripting.Ast;

namespace Sesame.RouterOS.Scripting.Parsing;

/// <summary>
/// Parses RouterOS script code (MikroTik "Scripting"; ROUTEROS.md §1.1, §1.2, §1.7, §1.8) into statements. It reads
/// characters directly because the language is context dependent: <c>-</c> and <c>/</c> are operators inside
/// <c>( )</c> but part of a word in an argument (<c>address-list</c>, <c>10.0.0.0/8</c>). Every error is collected
/// with its offset; after one the parser skips to the end of the line and goes on.
/// </summary>
/// <remarks>
/// The one-line form: the seed page lost its newlines, so a whole script stands on one line
/// (<c>:local a [find …] :foreach id in=$a do={ … }</c>). RouterOS would refuse that (<c>expected end of command</c>);
/// Sesame ends a command where a word starting with <c>:</c> or <c>/</c> begins an argument, and notes it (SES0704).
/// </remarks>
internal sealed partial class CodeParser
{
    /// <summary>Blocks, brackets and parentheses nested deeper than this are refused: real scripts nest a handful.</summary>
    public const int MaxDepth = 100;

    private readonly string _text;
    private readonly List<CodeError> _errors = [];
    private int _pos;
    private int _depth;

    private CodeParser(string text)
    {
        _text = text;
    }

    public static ParsedCode Parse(string text)
    {
        var parser = new CodeParser(text);
        Block body = parser.ParseBlock(null, 0);
        return new ParsedCode(text, body, parser._errors);
    }

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private bool AtEnd => _pos >= _text.Length;

    private void Error(int position, string message, string code = ScriptCodes.Syntax) =>
        _errors.Add(new CodeError(position, code, message));

    private Block ParseBlock(char? closer, int openedAt)
    {
        var statements = new List<Statement>();
        if (!Enter(openedAt))
        {
            SkipToClose(closer);
            return new Block(openedAt, statements);
        }

        while (true)
        {
            SkipSeparators();
            if (AtEnd)
            {
                if (closer is char c)
                {
                    Error(openedAt, $"'{Opener(c)}' is not closed before the end of the script", ScriptCodes.Unbalanced);
                }

                break;
            }

            char ch = Current;
            if (closer is char close && ch == close)
            {
                _pos++;
                break;
            }

            if (ch is '}' or ']' or ')')
            {
                Error(_pos, $"'{ch}' without a matching '{Opener(ch)}'", ScriptCodes.Unbalanced);
                _pos++;
                continue;
            }

            int before = _errors.Count;
            if (ParseStatement() is Statement statement)
            {
                statements.Add(statement);
            }

            if (_errors.Count > before && !_errors[^1].IsWarning)
            {
                SkipLine(closer);
            }
            else if (!AtStatementEnd() && !AtLineSplit())
            {
                Error(_pos, $"expected end of command, found '{Current}'");
                SkipLine(closer);
            }
        }

        _depth--;
        return new Block(openedAt, statements);
    }

    private bool Enter(int at)
    {
        if (++_depth <= MaxDepth)
        {
            return true;
        }

        _depth--;
        Error(at, $"code nested deeper than {MaxDepth} levels", ScriptCodes.TooDeep);
        return false;
    }

    private static char Opener(char closer) => closer switch
    {
        '}' => '{',
        ']' => '[',
        _ => '(',
    };

    private Statement? ParseStatement()
    {
        int start = _pos;
        char c = Current;
        if (c == '{')
        {
            _pos++;
            Block body = ParseBlock('}', start);
            return new Statement(start, StatementKind.Block, "") { Body = body };
        }

        if (c == ':')
        {
            _pos++;
            string name = ReadName();
            if (name.Length == 0)
            {
                Error(start, "expected a command name after ':'");
                return null;
            }

            return WithArguments(start, StatementKind.Global, name, null, false);
        }

        if (c == '$')
        {
            _pos++;
            string name = ReadVariableName();
            if (name.Length == 0)
            {
                Error(start, "expected a variable name after '$'");
                return null;
            }

            return WithArguments(start, StatementKind.Call, name, null, false);
        }

        if (c == '/')
        {
            return ParsePath(start);
        }

        if (char.IsAsciiLetter(c))
        {
            string word = ReadName();
            return WithArguments(start, StatementKind.Menu, word, null, false);
        }

        Error(start, $"bad command name '{c}'");
        return null;
    }

    /// <summary><c>/ip firewall address-list add …</c>, <c>/ip/firewall/address-list/add …</c>, or a path alone.</summary>
    private Statement? ParsePath(int start)
    {
        _pos++;
        string path = "";
        string? command = null;
        var unknown = new List<string>();
        while (true)
        {
            int segmentStart = _pos;
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '-' or '_' or '.'))
            {
                _pos++;
            }

            string segment = _text[segmentStart.._pos];
            if (segment.Length == 0)
            {
                break;
            }

            if (Current == '=')
            {
                // name=value: the path ended before this word.
                _pos = segmentStart;
                break;
            }

            if (unknown.Count == 0 && ScriptMenus.Child(path, segment) is string child)
            {
                path = child;
            }
            else if (unknown.Count == 0 && ScriptMenus.CommandsOf(path) is not null)
            {
                command = segment;
                break;
            }
            else
            {
                unknown.Add(segment);
            }

            if (Current == '/')
            {
                _pos++;
                continue;
            }

            SkipBlanks(false);
            if (AtStatementEnd() || AtLineSplit() || !char.IsAsciiLetter(Current))
            {
                break;
            }
        }

        if (command is not null)
        {
            return WithArguments(start, StatementKind.Menu, command, path, true);
        }

        if (unknown.Count == 0)
        {
            return new Statement(start, StatementKind.ChangeMenu, "") { Path = path, KnownPath = ScriptMenus.CommandsOf(path) is not null };
        }

        // A menu Sesame does not run: every word is kept for the message, and the arguments are parsed so that the
        // rest of the script is still read right.
        string whole = path.Length == 0 ? string.Join(' ', unknown) : path + " " + string.Join(' ', unknown);
        return WithArguments(start, StatementKind.Menu, "", whole, false);
    }

    /// <summary>Whether the word at the cursor is <c>name=</c>.</summary>
    private bool IsNamedArgument()
    {
        int i = _pos;
        while (i < _text.Length && (char.IsAsciiLetterOrDigit(_text[i]) || _text[i] is '-' or '_' or '.'))
        {
            i++;
        }

        return i > _pos && i < _text.Length && _text[i] == '=';
    }

    private Statement WithArguments(int start, StatementKind kind, string name, string? path, bool knownPath)
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
                condition = condition is null ? next : new BinaryExpr(next.Position, "&&", condition, next);
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

        if (IsPrintOption() || (char.IsAsciiLetter(Current) && IsBareName()))
        {
            // A word alone: an option (count-only) or an unnamed value (a variable's name, info); both kept as a value.
            return new Argument(start, null, ParseValue(code, false));
        }

        return new Argument(start, null, ParseValue(code, false));
    }

    private bool IsBareName()
    {
        int i = _pos;
        while (i < _text.Length && (char.IsAsciiLetterOrDigit(_text[i]) || _text[i] is '-' or '_'))
        {
            i++;
        }

        return i >= _text.Length || IsWordEnd(_text[i]);
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

    private bool AtStatementEnd() => AtEnd || Current is '\r' or '\n' or ';' or '}' or ']' or ')';

    /// <summary>A word starting with <c>:</c> or <c>/</c> after blanks, where an argument would start: the one-line form.</summary>
    private bool AtLineSplit() =>
        _pos > 0 && _text[_pos - 1] is ' ' or '\t' && Current is ':' or '/' && char.IsAsciiLetter(PeekAt(1));

    /// <summary>Blanks, continuations and comments; newlines too when <paramref name="newlines"/>.</summary>
    private void SkipBlanks(bool newlines)
    {
        while (!AtEnd)
        {
            char c = Current;
            if (c is ' ' or '\t' || (newlines && c is '\r' or '\n'))
            {
                _pos++;
            }
            else if (c == '\\' && TryContinuation(_pos, out int next))
            {
                _pos = next;
            }
            else if (c == '#' && (_pos == 0 || _text[_pos - 1] is ' ' or '\t' or '\r' or '\n' or ';' or '{'))
            {
                while (!AtEnd && Current is not ('\r' or '\n'))
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private void SkipSeparators()
    {
        while (true)
        {
            SkipBlanks(true);
            if (Current == ';')
            {
                _pos++;
                continue;
            }

            return;
        }
    }

    /// <summary>ROUTEROS.md §1.1: <c>\</c>, blanks, a newline and the next line's indentation are read as nothing.</summary>
    private bool TryContinuation(int at, out int next)
    {
        next = at;
        int i = at + 1;
        while (i < _text.Length && _text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i >= _text.Length || _text[i] is not ('\r' or '\n'))
        {
            return false;
        }

        i += _text[i] == '\r' && i + 1 < _text.Length && _text[i + 1] == '\n' ? 2 : 1;
        while (i < _text.Length && _text[i] is ' ' or '\t')
        {
            i++;
        }

        next = i;
        return true;
    }

    /// <summary>After an error: on to the end of the line (or the closer of the enclosing block, left for it to read).</summary>
    private void SkipLine(char? closer)
    {
        int depth = 0;
        while (!AtEnd && Current is not ('\r' or '\n'))
        {
            char c = Current;
            if (c is '{' or '[' or '(')
            {
                depth++;
            }
            else if (c is '}' or ']' or ')')
            {
                if (depth == 0 && closer == c)
                {
                    return;
                }

                depth = Math.Max(0, depth - 1);
            }
            else if (c == '"')
            {
                SkipRawString();
                continue;
            }

            _pos++;
        }
    }

    private void SkipToClose(char? closer)
    {
        while (!AtEnd)
        {
            if (closer is char c && Current == c)
            {
                _pos++;
                return;
            }

            _pos++;
        }
    }

    private void SkipRawString()
    {
        _pos++;
        while (!AtEnd && Current is not ('"' or '\r' or '\n'))
        {
            _pos += Current == '\\' ? 2 : 1;
        }

        if (Current == '"')
        {
            _pos++;
        }
    }
}
