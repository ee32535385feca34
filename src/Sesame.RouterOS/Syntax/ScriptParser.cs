using System.Globalization;
using Sesame.Diagnostics;

namespace Sesame.RouterOS.Syntax;

/// <summary>
/// Groups tokens into commands (ROUTEROS.md §1.2): a newline or <c>;</c> ends a command, except inside
/// <c>[ … ]</c> and <c>( … )</c>. The parser knows no menus; it keeps words as words for the interpreter.
/// </summary>
internal sealed class ScriptParser
{
    private readonly List<Token> _tokens;
    private readonly ScriptDiagnostics _diagnostics;
    private int _pos;
    private int _depth;

    private ScriptParser(List<Token> tokens, ScriptDiagnostics diagnostics)
    {
        _tokens = tokens;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// The longest script, in characters. A large router's export is a few megabytes (mostly address lists); past the
    /// bound the file is refused rather than read in part, since a partial rule set is not the one the file describes.
    /// </summary>
    public const int MaxLength = 16 << 20;

    public static IReadOnlyList<CommandSyntax> Parse(SourceText source, ScriptDiagnostics diagnostics)
    {
        if (source.Text.Length > MaxLength)
        {
            diagnostics.Error(source.Locate(MaxLength), DiagnosticCodes.TooLarge,
                $"the script is {source.Text.Length} characters long; Sesame reads scripts of at most {MaxLength}");
            return [];
        }

        var parser = new ScriptParser(Lexer.Tokenize(source, diagnostics), diagnostics);
        return parser.ParseScript();
    }

    private const int MaxDepth = 32;

    /// <summary>The most words, values and parameters of one command.</summary>
    public const int MaxParts = 1024;

    private Token Peek => _tokens[_pos];

    private Token PeekAt(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private Token Next() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private List<CommandSyntax> ParseScript()
    {
        var commands = new List<CommandSyntax>();
        int newlinesSinceCommand = 0;
        bool previousEndedByNewline = false;
        while (Peek.Kind != TokenKind.EndOfFile)
        {
            switch (Peek.Kind)
            {
                case TokenKind.EndOfLine:
                    _pos++;
                    newlinesSinceCommand++;
                    continue;
                case TokenKind.Semicolon:
                    _pos++;
                    newlinesSinceCommand = 0;
                    continue;
            }

            bool continuesPrevious = previousEndedByNewline && newlinesSinceCommand == 1;
            CommandSyntax command = ParseCommand(inBrackets: false);
            if (continuesPrevious && IsIndentedParameterLine(command) && commands.Count > 0 && !commands[^1].IsGlobal)
            {
                // The slides seed prints a wrapped export line without its trailing '\' (an indented line that starts
                // with name=value). RouterOS would run it as a command of its own and fail; we join it to the previous one.
                _diagnostics.Variant(command.Location, DiagnosticCodes.ContinuationWithoutBackslash,
                    "indented line starting with a parameter continues the previous command, but the previous line does not end with '\\'");
                CommandSyntax previous = commands[^1];
                commands[^1] = previous with { Parts = [.. previous.Parts, .. command.Parts] };
            }
            else if (command.Parts.Count > 0 || command.IsGlobal)
            {
                commands.Add(command);
            }

            previousEndedByNewline = Peek.Kind is TokenKind.EndOfLine;
            newlinesSinceCommand = 0;
        }

        return commands;
    }

    private static bool IsIndentedParameterLine(CommandSyntax command) =>
        command.Location.Column > 1 && command.Parts.Count > 0 && command.Parts[0].Kind == PartKind.Pair;

    private CommandSyntax ParseCommand(bool inBrackets)
    {
        var spaced = new List<(string Name, SourceLocation At)>();
        CommandSyntax command = ParseCommand(inBrackets, spaced);
        if (spaced.Count > 0)
        {
            // ROUTEROS.md §1.1/§1.11: "name =value" is not RouterOS syntax; scraped copies of the manual (seed 003) have
            // it before every '='. One diagnostic per command, at the first, keeps a file of such lines readable.
            string names = string.Join(", ", spaced.Select(s => s.Name));
            _diagnostics.Variant(spaced[0].At, DiagnosticCodes.SpaceBeforeEquals,
                $"space before '=' after {names}; read as name=value (RouterOS allows no blank before '=')");
        }

        return command;
    }

    private CommandSyntax ParseCommand(bool inBrackets, List<(string Name, SourceLocation At)> spaced)
    {
        Token first = Peek;
        if (first.Kind == TokenKind.Word && first.Text.StartsWith(':'))
        {
            SkipGlobalCommand(inBrackets);
            return new CommandSyntax(first.Location, [new CommandPart(PartKind.Word, first.Location) { Text = first.Text }], IsGlobal: true);
        }

        var parts = new List<CommandPart>();
        int parens = 0;
        while (true)
        {
            Token t = Peek;
            if (parts.Count == MaxParts)
            {
                // Real commands have a few dozen parameters; each part costs a diagnostic or more further on.
                _diagnostics.Error(t.Location, DiagnosticCodes.TooLarge, $"the command has more than {MaxParts} words and parameters; the rest of its line is skipped");
                SkipToEndOfLine();
                return new CommandSyntax(first.Location, parts, false);
            }

            switch (t.Kind)
            {
                case TokenKind.EndOfFile:
                case TokenKind.Semicolon:
                    return new CommandSyntax(first.Location, parts, false);
                case TokenKind.EndOfLine:
                    if (!inBrackets && parens == 0)
                    {
                        return new CommandSyntax(first.Location, parts, false);
                    }

                    _pos++;
                    break;
                case TokenKind.CloseBracket:
                    if (inBrackets)
                    {
                        return new CommandSyntax(first.Location, parts, false);
                    }

                    _diagnostics.Error(t.Location, DiagnosticCodes.Unbalanced, "']' without a matching '['");
                    _pos++;
                    break;
                case TokenKind.CloseParen:
                    _pos++;
                    if (parens == 0)
                    {
                        _diagnostics.Error(t.Location, DiagnosticCodes.Unbalanced, "')' without a matching '('");
                        break;
                    }

                    parens--;
                    parts.Add(new CommandPart(PartKind.CloseParen, t.Location));
                    break;
                case TokenKind.OpenParen when PeekAt(1).Kind != TokenKind.OpenBracket:
                    _pos++;
                    parens++;
                    parts.Add(new CommandPart(PartKind.OpenParen, t.Location));
                    break;
                case TokenKind.Word:
                    _pos++;
                    parts.Add(IsOperator(Peek.Kind) ? ParsePair(t, spaced) : new CommandPart(PartKind.Word, t.Location) { Text = t.Text });
                    break;
                case TokenKind.Equals or TokenKind.NotEquals or TokenKind.Tilde:
                    _pos++;
                    _diagnostics.Error(t.Location, DiagnosticCodes.Syntax, $"'{t.Text}' without a parameter name before it");
                    if (!Peek.SpaceBefore && IsValueStart(Peek.Kind))
                    {
                        ParseValue();
                    }

                    break;
                default:
                    parts.Add(new CommandPart(PartKind.Value, t.Location) { Value = ParseValue() });
                    break;
            }
        }
    }

    private static bool IsOperator(TokenKind kind) => kind is TokenKind.Equals or TokenKind.NotEquals or TokenKind.Tilde;

    private static bool IsValueStart(TokenKind kind) =>
        kind is TokenKind.Word or TokenKind.String or TokenKind.Block or TokenKind.OpenBracket or TokenKind.OpenParen;

    private CommandPart ParsePair(Token name, List<(string Name, SourceLocation At)> spaced)
    {
        Token op = Next();
        if (op.SpaceBefore && op.Kind == TokenKind.Equals)
        {
            spaced.Add((name.Text, op.Location));
        }

        PairOperator kind = op.Kind switch
        {
            TokenKind.NotEquals => PairOperator.NotEquals,
            TokenKind.Tilde => PairOperator.Matches,
            _ => PairOperator.Equals,
        };
        // "name=" followed by a blank or the end of the command is an empty value.
        ValueSyntax? value = !Peek.SpaceBefore && IsValueStart(Peek.Kind) ? ParseValue() : null;
        return new CommandPart(PartKind.Pair, name.Location)
        {
            Text = name.Text,
            Operator = kind,
            Value = value,
            SpaceBeforeOperator = op.SpaceBefore,
        };
    }

    private ValueSyntax ParseValue()
    {
        Token t = Next();
        switch (t.Kind)
        {
            case TokenKind.Word when t.Text == "!" && Peek.Kind == TokenKind.String && !Peek.SpaceBefore:
                // !"my list": exports keep the negation outside the quotes (ROUTEROS.md §1.8, §1.9), so the value is a
                // negated name. Held unquoted, so the '!' still negates and the name is taken as written.
                return new ValueSyntax(ValueKind.Text, "!" + Next().Text, t.Location);
            case TokenKind.Word:
                return new ValueSyntax(ValueKind.Text, t.Text, t.Location);
            case TokenKind.String:
                return new ValueSyntax(ValueKind.Text, t.Text, t.Location) { Quoted = true };
            case TokenKind.Block:
                return new ValueSyntax(ValueKind.Block, t.Text, t.Location) { InnerLocation = t.Inner };
            case TokenKind.OpenBracket:
                return ParseSubstitution(t);
            case TokenKind.OpenParen:
                return ParseIndexedSubstitution(t);
            default:
                _diagnostics.Error(t.Location, DiagnosticCodes.Syntax, "expected a value");
                return new ValueSyntax(ValueKind.Text, "", t.Location);
        }
    }

    private ValueSyntax ParseSubstitution(Token open)
    {
        if (_depth >= MaxDepth)
        {
            // Bounded so that a hostile file cannot exhaust the stack; real scripts nest two or three levels.
            _diagnostics.Error(open.Location, DiagnosticCodes.Syntax, $"substitutions nested deeper than {MaxDepth} levels");
            SkipToEndOfLine();
            return new ValueSyntax(ValueKind.Text, "", open.Location);
        }

        _depth++;
        CommandSyntax inner = ParseCommand(inBrackets: true);
        _depth--;
        if (Peek.Kind == TokenKind.CloseBracket)
        {
            _pos++;
        }
        else
        {
            _diagnostics.Error(open.Location, DiagnosticCodes.Unbalanced, "'[' is not closed");
        }

        return new ValueSyntax(ValueKind.Substitution, "", open.Location) { Command = inner };
    }

    /// <summary><c>([find …]->0)</c>: the first item of a find (ROUTEROS.md §1.5). Other expressions are not supported.</summary>
    private ValueSyntax ParseIndexedSubstitution(Token open)
    {
        SkipNewlines();
        if (Peek.Kind != TokenKind.OpenBracket)
        {
            _diagnostics.Error(open.Location, DiagnosticCodes.Syntax, "only '([command]->N)' expressions are supported in values");
            SkipToCloseParen();
            return new ValueSyntax(ValueKind.Text, "", open.Location);
        }

        ValueSyntax substitution = ParseSubstitution(Next());
        SkipNewlines();
        int? index = null;
        if (Peek.Kind == TokenKind.Word && Peek.Text.StartsWith("->", StringComparison.Ordinal))
        {
            Token arrow = Next();
            if (int.TryParse(arrow.Text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                index = n;
            }
            else
            {
                _diagnostics.Error(arrow.Location, DiagnosticCodes.Syntax, $"'{arrow.Text}': expected '->' and an index");
            }
        }

        SkipNewlines();
        if (Peek.Kind == TokenKind.CloseParen)
        {
            _pos++;
        }
        else
        {
            _diagnostics.Error(open.Location, DiagnosticCodes.Unbalanced, "'(' is not closed");
            SkipToCloseParen();
        }

        return substitution with { Location = open.Location, Index = index };
    }

    private void SkipToEndOfLine()
    {
        while (Peek.Kind is not (TokenKind.EndOfFile or TokenKind.EndOfLine))
        {
            _pos++;
        }
    }

    private void SkipNewlines()
    {
        while (Peek.Kind == TokenKind.EndOfLine)
        {
            _pos++;
        }
    }

    private void SkipToCloseParen()
    {
        int depth = 1;
        while (Peek.Kind is not (TokenKind.EndOfFile or TokenKind.EndOfLine or TokenKind.Semicolon))
        {
            Token t = Next();
            if (t.Kind == TokenKind.OpenParen)
            {
                depth++;
            }
            else if (t.Kind == TokenKind.CloseParen && --depth == 0)
            {
                return;
            }
        }
    }

    /// <summary>Skips a <c>:</c> command to its end, keeping brackets balanced (its own syntax is not checked).</summary>
    private void SkipGlobalCommand(bool inBrackets)
    {
        int depth = 0;
        while (true)
        {
            Token t = Peek;
            switch (t.Kind)
            {
                case TokenKind.EndOfFile:
                    return;
                case TokenKind.EndOfLine or TokenKind.Semicolon when depth == 0:
                    return;
                case TokenKind.CloseBracket or TokenKind.CloseParen when depth == 0:
                    if (inBrackets)
                    {
                        return;
                    }

                    break;
                case TokenKind.OpenBracket or TokenKind.OpenParen:
                    depth++;
                    break;
                case TokenKind.CloseBracket or TokenKind.CloseParen:
                    depth--;
                    break;
            }

            _pos++;
        }
    }
}
