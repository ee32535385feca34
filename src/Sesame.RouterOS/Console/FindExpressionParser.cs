using System.Text.RegularExpressions;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Console;

/// <summary>
/// Parses the arguments of <c>find</c> or the words after <c>where</c> (ROUTEROS.md §1.7): comparisons with
/// <c>=</c>, <c>!=</c> and <c>~</c>, flag names, <c>!</c>/<c>not</c>, <c>and</c>/<c>&amp;&amp;</c> (also implied
/// between two conditions), <c>or</c>/<c>||</c> and parentheses.
/// </summary>
internal sealed class FindExpressionParser
{
    private const int MaxDepth = 32;

    private static readonly string[] Flags = ["disabled", "dynamic", "invalid"];

    private readonly IReadOnlyList<CommandPart> _parts;
    private readonly MenuDefinition _menu;
    private readonly ScriptDiagnostics _diagnostics;
    private int _pos;
    private int _depth;
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
                return Comparison(part);
            case PartKind.Word when part.Text.StartsWith('!') && part.Text.Length > 1:
                return new FindExpression(FindKind.Not) { Left = Flag(part, part.Text[1..]) };
            case PartKind.Word:
                return Flag(part, part.Text);
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

    private FindExpression Comparison(CommandPart part)
    {
        NameResolution resolution = NameResolver.Resolve(part.Text, _menu.AllProperties.Concat(Flags));
        if (resolution.Name is null)
        {
            string why = resolution.IsAmbiguous
                ? $"'{part.Text}' is ambiguous ({string.Join(", ", resolution.Candidates)})"
                : $"'{part.Text}' is not a property of {_menu.DisplayPath}";
            Fail(part, why);
            return FindExpression.All;
        }

        if (part.Value is { Kind: not ValueKind.Text })
        {
            Fail(part, "only plain values can be compared in a condition");
            return FindExpression.All;
        }

        string value = part.Value?.Text ?? "";
        Regex? pattern = null;
        if (part.Operator == PairOperator.Matches)
        {
            try
            {
                pattern = new Regex(value, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                Fail(part, $"'{value}' is not a regular expression: {e.Message}");
                return FindExpression.All;
            }
        }

        return new FindExpression(FindKind.Compare)
        {
            Property = resolution.Name,
            Operator = part.Operator,
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
