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
            condition = condition is null ? next : Bounded(new BinaryExpr(next.Position, "&&", condition, next));
            if (_pos == before)
            {
                Error(_pos, $"unexpected '{Current}' in the condition");
                _pos++;
            }
        }

        return condition ?? new LiteralExpr(_pos, RosBool.True, null);
    }

    /// <summary>
    /// The deepest expression tree: real conditions have a handful of terms, and the interpreter and the lint walk the
    /// tree recursively, so a hostile <c>1+1+…+1</c> must not reach the stack's end.
    /// </summary>
    public const int MaxHeight = 200;

    private bool _heightReported;

    private Expr Bounded(Expr e)
    {
        if (e.Height <= MaxHeight)
        {
            return e;
        }

        if (!_heightReported)
        {
            _heightReported = true;
            Error(e.Position, $"expression longer or deeper than {MaxHeight} operators", ScriptCodes.TooDeep);
        }

        return new LiteralExpr(e.Position, RosNothing.Instance, null);
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

            left = Bounded(new BinaryExpr(at, "||", left, ParseAnd(mode)));
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

            left = Bounded(new BinaryExpr(at, "&&", left, ParseComparison(mode)));
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
            if (mode == ExprMode.Where && left is WordExpr word)
            {
                // The word before an operator, or alone (a flag), names a property.
                left = word.AsProperty();
            }

            if (op is null)
            {
                return left;
            }

            _pos += op.Length;
            left = Bounded(new BinaryExpr(at, op, left, ParseConcat(mode)));
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
            left = Bounded(new BinaryExpr(at, op, left, ParseBitwise(mode, 0)));
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
            left = Bounded(new BinaryExpr(at, op, left, ParseBitwise(mode, level + 1)));
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
            left = Bounded(new BinaryExpr(at, op, left, ParseMultiplicative(mode)));
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
            left = Bounded(new BinaryExpr(at, op, left, ParseUnary(mode)));
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
        if (mode == ExprMode.Where && operand is WordExpr word)
        {
            operand = word.AsProperty();
        }

        _depth--;
        return Bounded(new UnaryExpr(at, op, operand));
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
                // In a condition, (…) after an operator is a value (list=("a" . $b)); elsewhere it groups conditions.
                return mode == ExprMode.Where && !AfterOperator() ? ParseWhereParenthesized() : ParseParenthesized();
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

    private bool AfterOperator()
    {
        int i = _pos - 1;
        while (i >= 0 && _text[i] is ' ' or '\t')
        {
            i--;
        }

        return i >= 0 && _text[i] is '=' or '~' or '<' or '>';
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
}
