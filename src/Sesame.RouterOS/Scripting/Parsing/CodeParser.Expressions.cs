using Sesame.RouterOS.Scripting.Ast;
using Sesame.RouterOS.Scripting.Values;

namespace Sesame.RouterOS.Scripting.Parsing;

/// <remarks>
/// Precedence, loosest first (the manual lists the operators but not their precedence; this is C's order, with
/// <c>.</c> below <c>+ -</c> so that <c>"n=" . $n + 1</c> reads as <c>"n=" . ($n + 1)</c>):
/// <c>|| or</c>; <c>&amp;&amp; and</c>; <c>= != &lt; &gt; &lt;= &gt;= in ~</c>; <c>. ,</c>; <c>|</c>; <c>^</c>; <c>&amp;</c>;
/// <c>&lt;&lt; &gt;&gt;</c>; <c>+ -</c>; <c>* / %</c>; unary <c>! not - ~</c>; <c>-&gt;</c>.
/// </remarks>
internal sealed partial class CodeParser
{
    private int _parens;

    private Expr ParseExpression(ExprMode mode)
    {
        _parens++;
        Expr e = ParseOr(mode);
        _parens--;
        return e;
    }

    /// <summary>The arguments of <c>find</c>/<c>print</c>: conditions side by side are joined by <c>and</c>; <c>where</c> may come first.</summary>
    private Expr ParseCondition()
    {
        SkipBlanks(false);
        if (AtKeyword("where"))
        {
            _pos += 5;
        }

        Expr? condition = null;
        while (true)
        {
            SkipBlanks(false);
            if (AtStatementEnd() || AtLineSplit() || IsPrintOption())
            {
                break;
            }

            int before = _pos;
            Expr next = ParseOr(ExprMode.Where);
            condition = condition is null ? next : new BinaryExpr(next.Position, "&&", condition, next);
            if (_pos == before)
            {
                Error(_pos, $"unexpected '{Current}' in the condition");
                _pos++;
            }
        }

        return condition ?? new LiteralExpr(_pos, RosBool.True, null);
    }

    private void SkipExpressionBlanks() => SkipBlanks(_parens > 0);

    private Expr ParseOr(ExprMode mode)
    {
        Expr left = ParseAnd(mode);
        while (true)
        {
            SkipExpressionBlanks();
            int at = _pos;
            if (AtOperator("||"))
            {
                _pos += 2;
            }
            else if (AtKeyword("or"))
            {
                _pos += 2;
            }
            else
            {
                return left;
            }

            left = new BinaryExpr(at, "||", left, ParseAnd(mode));
        }
    }

    private Expr ParseAnd(ExprMode mode)
    {
        Expr left = ParseComparison(mode);
        while (true)
        {
            SkipExpressionBlanks();
            int at = _pos;
            if (AtOperator("&&"))
            {
                _pos += 2;
            }
            else if (AtKeyword("and"))
            {
                _pos += 3;
            }
            else
            {
                return left;
            }

            left = new BinaryExpr(at, "&&", left, ParseComparison(mode));
        }
    }

    private Expr ParseComparison(ExprMode mode)
    {
        Expr left = ParseConcat(mode);
        while (true)
        {
            SkipExpressionBlanks();
            int at = _pos;
            string? op = Current switch
            {
                '=' => "=",
                '!' when PeekAt(1) == '=' => "!=",
                '<' when PeekAt(1) == '=' => "<=",
                '>' when PeekAt(1) == '=' => ">=",
                '<' when PeekAt(1) != '<' => "<",
                '>' when PeekAt(1) != '>' => ">",
                '~' => "~",
                _ => AtKeyword("in") ? "in" : null,
            };
            if (op is null)
            {
                return left;
            }

            _pos += op.Length;
            left = new BinaryExpr(at, op, left, ParseConcat(mode));
        }
    }

    private Expr ParseConcat(ExprMode mode)
    {
        Expr left = ParseBitwise(mode, 0);
        if (mode == ExprMode.Where)
        {
            return left;
        }

        while (true)
        {
            SkipExpressionBlanks();
            int at = _pos;
            if (Current is not ('.' or ','))
            {
                return left;
            }

            string op = Current.ToString();
            _pos++;
            left = new BinaryExpr(at, op, left, ParseBitwise(mode, 0));
        }
    }

    private static readonly string[][] BitwiseLevels = [["|"], ["^"], ["&"], ["<<", ">>"]];

    private Expr ParseBitwise(ExprMode mode, int level)
    {
        if (mode == ExprMode.Where)
        {
            return ParseUnary(mode);
        }

        if (level == BitwiseLevels.Length)
        {
            return ParseAdditive(mode);
        }

        Expr left = ParseBitwise(mode, level + 1);
        while (true)
        {
            SkipExpressionBlanks();
            int at = _pos;
            string? op = null;
            foreach (string candidate in BitwiseLevels[level])
            {
                if (AtOperator(candidate) && !(candidate.Length == 1 && PeekAt(1) == candidate[0]))
                {
                    op = candidate;
                }
            }

            if (op is null)
            {
                return left;
            }

            _pos += op.Length;
            left = new BinaryExpr(at, op, left, ParseBitwise(mode, level + 1));
        }
    }

    private Expr ParseAdditive(ExprMode mode)
    {
        Expr left = ParseMultiplicative(mode);
        while (true)
        {
            SkipExpressionBlanks();
            int at = _pos;
            if (!(Current == '+' || (Current == '-' && PeekAt(1) != '>')))
            {
                return left;
            }

            string op = Current.ToString();
            _pos++;
            left = new BinaryExpr(at, op, left, ParseMultiplicative(mode));
        }
    }

    private Expr ParseMultiplicative(ExprMode mode)
    {
        Expr left = ParseUnary(mode);
        while (true)
        {
            SkipExpressionBlanks();
            int at = _pos;
            if (Current is not ('*' or '/' or '%'))
            {
                return left;
            }

            string op = Current.ToString();
            _pos++;
            left = new BinaryExpr(at, op, left, ParseUnary(mode));
        }
    }

    private Expr ParseUnary(ExprMode mode)
    {
        SkipExpressionBlanks();
        int at = _pos;
        string? op = Current switch
        {
            '!' when PeekAt(1) != '=' => "!",
            '-' when mode == ExprMode.Normal && PeekAt(1) != '>' => "-",
            '~' when mode == ExprMode.Normal => "~",
            _ => null,
        };
        int length = op?.Length ?? 0;
        if (op is null && AtKeyword("not"))
        {
            op = "!";
            length = 3;
        }

        if (op is null)
        {
            return ParsePostfix(ParsePrimary(mode));
        }

        if (!Enter(at))
        {
            return new LiteralExpr(at, RosNothing.Instance, null);
        }

        _pos += length;
        Expr operand = ParseUnary(mode);
        _depth--;
        return new UnaryExpr(at, op, operand);
    }

    private Expr ParsePrimary(ExprMode mode)
    {
        SkipExpressionBlanks();
        int start = _pos;
        switch (Current)
        {
            case '"':
                return ParseString();
            case '$':
                return ParseVariable();
            case '[':
                return ParseSubstitution();
            case '(':
                return mode == ExprMode.Where ? ParseWhereParenthesized() : ParseParenthesized();
            case '{':
                return ParseArrayLiteral();
        }

        string word = mode == ExprMode.Where ? ReadConditionWord() : ReadExpressionWord();
        if (word.Length == 0)
        {
            Error(start, AtEnd ? "expected a value at the end of the script" : $"expected a value, found '{Current}'");
            return new LiteralExpr(start, RosNothing.Instance, null);
        }

        RosValue value = RosOps.Literal(word);
        return mode == ExprMode.Where ? new WordExpr(start, word, value) : new LiteralExpr(start, value, word);
    }

    private Expr ParseWhereParenthesized()
    {
        int start = _pos;
        _pos++;
        if (!Enter(start))
        {
            SkipToClose(')');
            return new LiteralExpr(start, RosNothing.Instance, null);
        }

        Expr inner = ParseExpression(ExprMode.Where);
        SkipBlanks(true);
        if (Current == ')')
        {
            _pos++;
        }
        else
        {
            Error(start, "'(' is not closed", ScriptCodes.Unbalanced);
        }

        _depth--;
        return inner;
    }

    /// <summary>
    /// A word inside <c>( )</c>: a number, time, address or prefix starting with a digit (<c>10</c>, <c>1h30m</c>,
    /// <c>00:30:00</c>, <c>10.0.0.0/8</c>; a <c>/</c> after a plain number divides), an id (<c>*1A</c>), or a name.
    /// </summary>
    private string ReadExpressionWord()
    {
        int start = _pos;
        if (Current == '*' && char.IsAsciiHexDigit(PeekAt(1)))
        {
            _pos++;
        }

        while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '_' || (Current is '.' or ':' && IsAddressPart())))
        {
            _pos++;
        }

        string word = _text[start.._pos];
        bool address = word.Contains(':', StringComparison.Ordinal) || word.Count(c => c == '.') == 3;
        if (address && Current == '/' && char.IsAsciiDigit(PeekAt(1)))
        {
            _pos++;
            while (!AtEnd && char.IsAsciiDigit(Current))
            {
                _pos++;
            }
        }

        return _text[start.._pos];
    }

    /// <summary>A <c>.</c> or <c>:</c> between digits or hex is part of an address or time; elsewhere <c>.</c> concatenates.</summary>
    private bool IsAddressPart()
    {
        char before = _pos > 0 ? _text[_pos - 1] : '\0';
        char after = PeekAt(1);
        return Current == ':'
            ? char.IsAsciiHexDigit(after) || after == ':' || char.IsAsciiHexDigit(before) || before == ':'
            : char.IsAsciiDigit(before) && char.IsAsciiDigit(after) && IsNumericWordSoFar();
    }

    private bool IsNumericWordSoFar()
    {
        int i = _pos - 1;
        while (i >= 0 && (char.IsAsciiDigit(_text[i]) || _text[i] == '.'))
        {
            i--;
        }

        return i < 0 || !char.IsAsciiLetter(_text[i]);
    }

    /// <summary>A word of a condition, as the console reads a value: up to blanks, an operator or a bracket.</summary>
    private string ReadConditionWord()
    {
        int start = _pos;
        while (!AtEnd)
        {
            char c = Current;
            if (c is ' ' or '\t' or '\r' or '\n' or ';' or '=' or '~' or '<' or '>' or '(' or ')' or '[' or ']' or '{' or '}' or '"' or '$'
                || (c == '!' && PeekAt(1) == '='))
            {
                break;
            }

            _pos++;
        }

        return _text[start.._pos];
    }

    private bool AtOperator(string op) => string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0;

    /// <summary>A keyword (<c>and or not in where</c>) as a whole word.</summary>
    private bool AtKeyword(string keyword)
    {
        if (!AtOperator(keyword))
        {
            return false;
        }

        char after = PeekAt(keyword.Length);
        char before = _pos > 0 ? _text[_pos - 1] : ' ';
        return !(char.IsAsciiLetterOrDigit(after) || after is '-' or '_' or '.')
            && !(char.IsAsciiLetterOrDigit(before) || before is '-' or '_');
    }
}
