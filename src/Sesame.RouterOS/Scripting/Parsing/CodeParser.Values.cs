using System.Text;
using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Values;
using Sesame.RouterOS.Syntax;
using Sesame.Text;

namespace Sesame.RouterOS.Scripting.Parsing;

internal sealed partial class CodeParser
{
    /// <summary>An argument's value: a string, <c>$var</c>, <c>[ … ]</c>, <c>( … )</c>, a block, or a word typed as the console types it.</summary>
    private Expr ParseValue(bool code, bool inArray)
    {
        int start = _pos;
        switch (Current)
        {
            case '"':
                return ParseString();
            case '$':
                return ParsePostfix(ParseVariable());
            case '[':
                return ParsePostfix(ParseSubstitution());
            case '(':
                return ParsePostfix(ParseParenthesized());
            case '{':
                if (code)
                {
                    _pos++;
                    return new CodeExpr(start, ParseBlock('}', start));
                }

                return ParseArrayLiteral();
            default:
                string word = ReadValueWord(inArray);
                if (word.Length == 0)
                {
                    Error(start, AtEnd ? "expected a value at the end of the script" : $"expected a value, found '{Current}'");
                    if (!AtEnd && !AtStatementEnd())
                    {
                        _pos++;
                    }

                    return new LiteralExpr(start, RosNothing.Instance, "");
                }

                return new LiteralExpr(start, RosOps.Literal(word), word);
        }
    }

    private string ReadValueWord(bool inArray)
    {
        int start = _pos;
        while (!AtEnd)
        {
            char c = Current;
            if (c is ' ' or '\t' or '\r' or '\n' or ';' or ']' or '}' or ')' or '"' or '[' or '{' || (inArray && c is ',' or '='))
            {
                break;
            }

            _pos++;
        }

        return _text[start.._pos];
    }

    private Expr ParseVariable()
    {
        int start = _pos;
        _pos++;
        string name = ReadVariableName();
        if (name.Length == 0)
        {
            Error(start, "expected a variable name after '$'");
            return new LiteralExpr(start, RosNothing.Instance, null);
        }

        return new VariableExpr(start, name);
    }

    private Expr ParseSubstitution()
    {
        int start = _pos;
        _pos++;
        // A command inside [ ] ends at a newline again, even inside ( ).
        int parens = _parens;
        _parens = 0;
        var body = ParseBlock(']', start);
        _parens = parens;
        return new SubstitutionExpr(start, body);
    }

    private Expr ParseParenthesized()
    {
        int start = _pos;
        _pos++;
        if (!Enter(start))
        {
            SkipToClose(')');
            return new LiteralExpr(start, RosNothing.Instance, null);
        }

        Expr inner = ParseExpression(ExprMode.Normal);
        SkipBlanks(true);
        if (Current == ')')
        {
            _pos++;
        }
        else
        {
            Error(AtEnd ? start : _pos, AtEnd ? "'(' is not closed before the end of the script" : $"expected ')', found '{Current}'",
                AtEnd ? ScriptCodes.Unbalanced : ScriptCodes.Syntax);
        }

        _depth--;
        return inner;
    }

    /// <summary><c>-&gt;key</c> after a value: <c>$a-&gt;"k"</c>, <c>$a-&gt;k</c>, <c>$a-&gt;0</c>, <c>$a-&gt;$i</c>.</summary>
    private Expr ParsePostfix(Expr target)
    {
        while (Current == '-' && PeekAt(1) == '>')
        {
            int at = _pos;
            _pos += 2;
            Expr key = Current switch
            {
                '"' => ParseString(),
                '$' => ParseVariable(),
                '(' => ParseParenthesized(),
                '[' => ParseSubstitution(),
                _ => KeyWord(),
            };
            target = Bounded(new IndexExpr(at, target, key));
        }

        return target;
    }

    private Expr KeyWord()
    {
        int start = _pos;
        string word = ReadName();
        if (word.Length == 0)
        {
            Error(start, "expected a key after '->'");
            return new LiteralExpr(start, RosNothing.Instance, null);
        }

        return new LiteralExpr(start, long.TryParse(word, out long n) ? new RosNum(n) : new RosStr(word), word);
    }

    /// <summary><c>{1;2;3}</c>, <c>{a=1;b=2}</c>, <c>{"x";{1;2}}</c>: elements separated by <c>;</c> (or <c>,</c>).</summary>
    private Expr ParseArrayLiteral()
    {
        int start = _pos;
        _pos++;
        var items = new List<KeyValuePair<string?, Expr>>();
        if (!Enter(start))
        {
            SkipToClose('}');
            return new ArrayExpr(start, items);
        }

        while (true)
        {
            SkipBlanks(true);
            if (AtEnd)
            {
                Error(start, "'{' is not closed before the end of the script", ScriptCodes.Unbalanced);
                break;
            }

            if (Current == '}')
            {
                _pos++;
                break;
            }

            if (Current is ';' or ',')
            {
                _pos++;
                continue;
            }

            string? key = null;
            if (IsNamedArgument())
            {
                key = ReadArgumentName();
                _pos++;
            }

            int before = _pos;
            items.Add(new(key, ParseValue(false, true)));
            if (_pos == before)
            {
                _pos++;
            }
        }

        _depth--;
        return new ArrayExpr(start, items);
    }

    /// <summary>
    /// A quoted string: escapes as the configuration lexer reads them (<see cref="RouterOsEscapes"/>), bytes kept as
    /// <see cref="RouterOsBytes"/> does, and <c>$name</c>, <c>$(expr)</c>, <c>$[cmd]</c> substituted (ROUTEROS.md §1.8).
    /// A <c>$</c> followed by anything else is a literal <c>$</c>.
    /// </summary>
    private Expr ParseString()
    {
        int start = _pos;
        _pos++;
        var parts = new List<Expr>();
        var bytes = new List<byte>();
        int textStart = _pos;
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (AtEnd || Current is '\r' or '\n')
            {
                Error(start, "string is not closed before the end of the line");
                break;
            }

            char c = Current;
            if (c == '"')
            {
                _pos++;
                break;
            }

            if (c == '\\')
            {
                if (LineContinuation.TryRead(_text, _pos, out int next))
                {
                    _pos = next;
                    continue;
                }

                ReadEscape(bytes);
                continue;
            }

            if (c == '$' && (char.IsAsciiLetterOrDigit(PeekAt(1)) || PeekAt(1) is '_' or '(' or '['))
            {
                Flush(parts, bytes, textStart);
                parts.Add(PeekAt(1) switch
                {
                    '(' => ParseParenthesizedAfterDollar(),
                    '[' => ParseSubstitutionAfterDollar(),
                    _ => ParseVariable(),
                });
                textStart = _pos;
                continue;
            }

            int length = char.IsSurrogatePair(c, PeekAt(1)) ? 2 : 1;
            int count = Encoding.UTF8.GetBytes(_text.AsSpan(_pos, length), utf8);
            for (int i = 0; i < count; i++)
            {
                bytes.Add(utf8[i]);
            }

            _pos += length;
        }

        Flush(parts, bytes, textStart);
        return parts.Count switch
        {
            0 => new LiteralExpr(start, new RosStr(""), null),
            1 when parts[0] is LiteralExpr literal => new LiteralExpr(start, literal.Value, null),
            _ => new StringExpr(start, parts),
        };
    }

    private Expr ParseParenthesizedAfterDollar()
    {
        _pos++;
        return ParseParenthesized();
    }

    private Expr ParseSubstitutionAfterDollar()
    {
        _pos++;
        return ParseSubstitution();
    }

    private static void Flush(List<Expr> parts, List<byte> bytes, int position)
    {
        if (bytes.Count > 0)
        {
            parts.Add(new LiteralExpr(position, new RosStr(RouterOsBytes.GetString([.. bytes])), null));
            bytes.Clear();
        }
    }

    private void ReadEscape(List<byte> bytes)
    {
        int at = _pos;
        _pos++;
        if (AtEnd)
        {
            Error(at, "'\\' at the end of the script", ScriptCodes.BadEscape);
            return;
        }

        char e = Current;
        if (RouterOsEscapes.Simple(e) is byte b)
        {
            bytes.Add(b);
            _pos++;
            return;
        }

        if (RouterOsEscapes.IsUpperHex(e) && RouterOsEscapes.IsUpperHex(PeekAt(1)))
        {
            bytes.Add((byte)((RouterOsEscapes.HexValue(e) << 4) | RouterOsEscapes.HexValue(PeekAt(1))));
            _pos += 2;
            return;
        }

        Error(at, RouterOsEscapes.UnknownMessage(e), ScriptCodes.BadEscape);
        bytes.Add((byte)'\\');
    }
}
