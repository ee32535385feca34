using System.Text.RegularExpressions;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Console;

/// <summary>
/// Parses the arguments of <c>find</c> or the words after <c>where</c> (ROUTEROS.md §1.7): comparisons with
/// <c>=</c>, <c>!=</c>, <c>~</c>, <c>in</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c> and <c>&gt;=</c>, flag names, <c>!</c>/<c>not</c>, <c>and</c>/<c>&amp;&amp;</c> (also implied
/// between two conditions), <c>or</c>/<c>||</c> and parentheses.
/// </summary>
internal sealed class FindExpressionParser
{
    private const int MaxDepth = 32;

    /// <summary>
    /// Conditions in one expression. The tree of a long <c>a and b and …</c> chain is as deep as it is long, and it is
    /// walked recursively for every item; real conditions have a handful of terms.
    /// </summary>
    internal const int MaxTerms = 256;

    private static readonly string[] Flags = ["disabled", "dynamic", "invalid"];

    private readonly IReadOnlyList<CommandPart> _parts;
    private readonly MenuDefinition _menu;
    private readonly ScriptDiagnostics _diagnostics;
    private int _pos;
    private int _depth;
    private int _terms;
    private bool _failed;

    private FindExpressionParser(IReadOnlyList<CommandPart> parts, MenuDefinition menu, ScriptDiagnostics diagnostics)
    {
        _parts = parts;
        _menu = menu;
        _diagnostics = diagnostics;
    }

    /// <summary>The condition, or null after reporting why it is not one.</summary>
    public static FindExpression? Parse(IReadOnlyList<CommandPart> parts, MenuDefinition menu, ScriptDiagnostics diagnostics)
    {
        if (parts.Count == 0)
        {
            return FindExpression.All;
        }

        var parser = new FindExpressionParser(parts, menu, diagnostics);
        FindExpression expression = parser.ParseOr();
        if (!parser._failed && parser._pos < parts.Count)
        {
            parser.Fail(parts[parser._pos], "unexpected text in the condition");
        }

        return parser._failed ? null : expression;
    }

    private bool AtWord(params string[] words) =>
        _pos < _parts.Count && _parts[_pos].Kind == PartKind.Word && words.Contains(_parts[_pos].Text);

    private FindExpression ParseOr()
    {
        FindExpression left = ParseAnd();
        while (!_failed && AtWord("or", "||"))
        {
            _pos++;
            left = new FindExpression(FindKind.Or) { Left = left, Right = ParseAnd() };
        }

        return left;
    }

    private FindExpression ParseAnd()
    {
        FindExpression left = ParseUnary();
        while (!_failed && _pos < _parts.Count && !AtWord("or", "||") && _parts[_pos].Kind != PartKind.CloseParen)
        {
            if (AtWord("and", "&&"))
            {
                _pos++;
            }

            left = new FindExpression(FindKind.And) { Left = left, Right = ParseUnary() };
        }

        return left;
    }

    private FindExpression ParseUnary()
    {
        if (++_depth > MaxDepth)
        {
            // Bounded so that a hostile file cannot exhaust the stack.
            Fail(_parts[Math.Min(_pos, _parts.Count - 1)], $"condition nested deeper than {MaxDepth} levels");
            return FindExpression.All;
        }

        FindExpression result;
        if (AtWord("!", "not"))
        {
            _pos++;
            result = new FindExpression(FindKind.Not) { Left = ParseUnary() };
        }
        else
        {
            result = ParsePrimary();
        }

        _depth--;
        return result;
    }

    private FindExpression ParsePrimary()
    {
        if (_pos >= _parts.Count)
        {
            Fail(_parts[^1], "the condition ends too early");
            return FindExpression.All;
        }

        CommandPart part = _parts[_pos++];
        if (++_terms > MaxTerms)
        {
            Fail(part, $"condition has more than {MaxTerms} terms");
            return FindExpression.All;
        }

        switch (part.Kind)
        {
            case PartKind.OpenParen:
                FindExpression inner = ParseOr();
                if (_pos < _parts.Count && _parts[_pos].Kind == PartKind.CloseParen)
                {
                    _pos++;
                }
                else if (!_failed)
                {
                    Fail(part, "'(' is not closed in the condition");
                }

                return inner;
            case PartKind.Pair:
                return PairComparison(part);
            case PartKind.Word when part.Text.StartsWith('!') && part.Text.Length > 1:
                return new FindExpression(FindKind.Not) { Left = Flag(part, part.Text[1..]) };
            case PartKind.Word:
                return WordComparison(part) ?? Flag(part, part.Text);
            default:
                Fail(part, "expected a condition such as 'name=value' or a flag");
                return FindExpression.All;
        }
    }

    private FindExpression Flag(CommandPart part, string written)
    {
        NameResolution resolution = NameResolver.Resolve(written, Flags);
        if (resolution.Name is null)
        {
            Fail(part, $"'{written}' is not a flag of {_menu.DisplayPath} (flags: {string.Join(", ", Flags)})");
            return FindExpression.All;
        }

        return new FindExpression(FindKind.Flag) { Property = resolution.Name };
    }

    /// <summary>
    /// <c>name=value</c>, <c>name!=value</c>, <c>name~value</c>, and <c>name&lt;=value</c>/<c>name&gt;=value</c>, which
    /// the tokenizer splits as a pair named <c>name&lt;</c>. A pair with no value may take the next part as its value.
    /// </summary>
    private FindExpression PairComparison(CommandPart part)
    {
        string name = part.Text;
        FindOperator op = part.Operator switch
        {
            PairOperator.NotEquals => FindOperator.NotEquals,
            PairOperator.Matches => FindOperator.Matches,
            _ => FindOperator.Equals,
        };
        if (op == FindOperator.Equals && name.Length > 1 && name[^1] is '<' or '>')
        {
            op = name[^1] == '<' ? FindOperator.LessOrEqual : FindOperator.GreaterOrEqual;
            name = name[..^1];
        }

        if (part.Value is null && op != FindOperator.Equals)
        {
            return TakeValue(part) is CommandPart value ? Comparison(part, name, op, value) : FindExpression.All;
        }

        return Comparison(part, name, op, part);
    }

    /// <summary>
    /// The comparisons that are words rather than pairs: <c>address in 10.0.0.0/8</c>, <c>run-count&gt;5</c>,
    /// <c>run-count &gt; 5</c> and <c>run-count &lt;= 5</c>. Null when the word is a flag.
    /// </summary>
    private FindExpression? WordComparison(CommandPart part)
    {
        string text = part.Text;
        int at = text.IndexOfAny(['<', '>']);
        if (at > 0)
        {
            FindOperator op = text[at] == '<' ? FindOperator.Less : FindOperator.Greater;
            string rest = text[(at + 1)..];
            if (rest.Length == 0)
            {
                return TakeValue(part) is CommandPart value ? Comparison(part, text[..at], op, value) : FindExpression.All;
            }

            return Comparison(part, text[..at], op, new CommandPart(PartKind.Word, part.Location) { Text = rest });
        }

        if (_pos >= _parts.Count)
        {
            return null;
        }

        CommandPart next = _parts[_pos];
        switch (next)
        {
            case { Kind: PartKind.Word, Text: "in" }:
                _pos++;
                return TakeValue(next) is CommandPart inValue ? Comparison(part, text, FindOperator.In, inValue) : FindExpression.All;
            case { Kind: PartKind.Word, Text: ['<' or '>', ..] }:
                _pos++;
                FindOperator op = next.Text[0] == '<' ? FindOperator.Less : FindOperator.Greater;
                if (next.Text.Length > 1)
                {
                    return Comparison(part, text, op, next with { Text = next.Text[1..] });
                }

                return TakeValue(next) is CommandPart value ? Comparison(part, text, op, value) : FindExpression.All;
            case { Kind: PartKind.Pair, Text: "<" or ">", Operator: PairOperator.Equals }:
                _pos++;
                FindOperator orEqual = next.Text == "<" ? FindOperator.LessOrEqual : FindOperator.GreaterOrEqual;
                if (next.Value is not null)
                {
                    return Comparison(part, text, orEqual, next);
                }

                return TakeValue(next) is CommandPart pairValue ? Comparison(part, text, orEqual, pairValue) : FindExpression.All;
            default:
                return null;
        }
    }

    /// <summary>The next part as the value of a comparison written with blanks around its operator.</summary>
    private CommandPart? TakeValue(CommandPart after)
    {
        if (_pos < _parts.Count && _parts[_pos].Kind is PartKind.Word or PartKind.Value)
        {
            return _parts[_pos++];
        }

        Fail(after, "the comparison has no value after its operator");
        return null;
    }

    /// <param name="valuePart">A word, or a pair or value part whose <see cref="CommandPart.Value"/> is the value.</param>
    private FindExpression Comparison(CommandPart at, string written, FindOperator op, CommandPart valuePart)
    {
        NameResolution resolution = NameResolver.Resolve(written, _menu.AllProperties.Concat(Flags));
        if (resolution.Name is null)
        {
            string why = resolution.IsAmbiguous
                ? $"'{written}' is ambiguous ({string.Join(", ", resolution.Candidates)})"
                : $"'{written}' is not a property of {_menu.DisplayPath}";
            Fail(at, why);
            return FindExpression.All;
        }

        if (valuePart.Kind != PartKind.Word && valuePart.Value is { Kind: not ValueKind.Text })
        {
            Fail(at, "only plain values can be compared in a condition");
            return FindExpression.All;
        }

        string value = valuePart.Kind == PartKind.Word ? valuePart.Text : valuePart.Value?.Text ?? "";
        Regex? pattern = null;
        switch (op)
        {
            case FindOperator.Matches:
                try
                {
                    pattern = new Regex(value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                }
                catch (ArgumentException e)
                {
                    Fail(at, $"'{value}' is not a regular expression: {e.Message}");
                    return FindExpression.All;
                }

                break;
            case FindOperator.In when !IpRange.TryParse(value, out _):
                Fail(at, $"'in' needs an address, prefix or range after it, not '{value}'");
                return FindExpression.All;
            case FindOperator.Less or FindOperator.Greater or FindOperator.LessOrEqual or FindOperator.GreaterOrEqual
                when !FindExpression.TryNumber(value, out _) && !RouterOsTime.TryParse(value, out _):
                Fail(at, $"'<', '>', '<=' and '>=' compare numbers or times, not '{value}'");
                return FindExpression.All;
        }

        return new FindExpression(FindKind.Compare)
        {
            Property = resolution.Name,
            Operator = op,
            Value = value,
            Pattern = pattern,
        };
    }

    private void Fail(CommandPart at, string message)
    {
        if (!_failed)
        {
            _diagnostics.Error(at.Location, DiagnosticCodes.BadExpression, message);
        }

        _failed = true;
    }
}
