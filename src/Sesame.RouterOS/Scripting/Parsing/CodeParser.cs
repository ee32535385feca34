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
        _oneLine = text.AsSpan().IndexOfAny('\r', '\n') < 0;
    }

    /// <summary>The whole script is one physical line (the scraped form): a comment in it ends at the next command.</summary>
    private readonly bool _oneLine;

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

            // The colon of a global command may be left out (do { … }, put x); set and find are menu commands too, so
            // they stay menu commands (the interpreter runs a set outside any menu as :set).
            StatementKind kind = Runtime.Interpreter.GlobalCommands.Contains(word) && word is not ("set" or "find")
                ? StatementKind.Global
                : StatementKind.Menu;
            return WithArguments(start, kind, word, null, false);
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
        int commandAt = -1;
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
                commandAt = segmentStart;
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
            return WithArguments(start, StatementKind.Menu, command, path, true, commandAt);
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
}
