using System.Text;
using Sesame.Text;

namespace Sesame.RouterOS.Syntax;

/// <summary>
/// Splits a script into tokens (ROUTEROS.md §1.1, §1.8). Line continuations — <c>\</c>, optional blanks, a newline
/// and the blanks that indent the next line — are read as nothing, inside and outside strings: exports wrap long
/// lines even inside quoted strings and values (<c>address-list-timeout=\</c> ⏎ <c>    10s</c>).
/// </summary>
internal sealed class Lexer
{
    private readonly SourceText _source;
    private readonly string _text;
    private readonly ScriptDiagnostics _diagnostics;
    private readonly List<Token> _tokens = [];
    private int _pos;

    private Lexer(SourceText source, ScriptDiagnostics diagnostics)
    {
        _source = source;
        _text = source.Text;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// The most tokens a script may have: about 250 000 address-list entries. A token costs ~100 bytes here and more
    /// downstream, so 16 Mi one-character tokens would take gigabytes; past the bound the script is refused.
    /// </summary>
    public const int MaxTokens = 2_000_000;

    public static List<Token> Tokenize(SourceText source, ScriptDiagnostics diagnostics)
    {
        var lexer = new Lexer(source, diagnostics);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        bool space = true;
        while (true)
        {
            SkipContinuations();
            if (_pos >= _text.Length)
            {
                _tokens.Add(new Token(TokenKind.EndOfFile, "", _source.Locate(_text.Length), true));
                return;
            }

            if (_tokens.Count >= MaxTokens)
            {
                _diagnostics.Error(_source.Locate(_pos), DiagnosticCodes.TooLarge, $"the script has more than {MaxTokens} words and symbols; Sesame reads no more");
                _tokens.Add(new Token(TokenKind.EndOfFile, "", _source.Locate(_text.Length), true));
                return;
            }

            char c = _text[_pos];
            int start = _pos;
            switch (c)
            {
                case ' ' or '\t':
                    _pos++;
                    space = true;
                    continue;
                case '\r' or '\n':
                    SkipNewline();
                    _tokens.Add(new Token(TokenKind.EndOfLine, "", _source.Locate(start), space));
                    space = true;
                    continue;
                case '#' when space:
                    // A comment runs to the end of the physical line; "# comment \" does not continue it (§1.1).
                    while (_pos < _text.Length && _text[_pos] is not ('\r' or '\n'))
                    {
                        _pos++;
                    }

                    continue;
                case ';':
                    Single(TokenKind.Semicolon, space);
                    break;
                case '=':
                    Single(TokenKind.Equals, space);
                    break;
                case '~':
                    Single(TokenKind.Tilde, space);
                    break;
                case '!' when _pos + 1 < _text.Length && _text[_pos + 1] == '=':
                    _pos += 2;
                    _tokens.Add(new Token(TokenKind.NotEquals, "!=", _source.Locate(start), space));
                    break;
                case '[':
                    Single(TokenKind.OpenBracket, space);
                    break;
                case ']':
                    Single(TokenKind.CloseBracket, space);
                    break;
                case '(':
                    Single(TokenKind.OpenParen, space);
                    break;
                case ')':
                    Single(TokenKind.CloseParen, space);
                    break;
                case '"':
                    LexString(space);
                    break;
                case '{':
                    LexBlock(space);
                    break;
                case '}':
                    _diagnostics.Error(_source.Locate(start), DiagnosticCodes.Unbalanced, "'}' without a matching '{'");
                    _pos++;
                    break;
                default:
                    LexWord(space);
                    break;
            }

            space = false;
        }
    }

    private void Single(TokenKind kind, bool space)
    {
        _tokens.Add(new Token(kind, _text[_pos].ToString(), _source.Locate(_pos), space));
        _pos++;
    }

    private void SkipNewline()
    {
        if (_text[_pos] == '\r' && _pos + 1 < _text.Length && _text[_pos + 1] == '\n')
        {
            _pos++;
        }

        _pos++;
    }

    private void SkipContinuations()
    {
        while (LineContinuation.TryRead(_text, _pos, out int next))
        {
            _pos = next;
        }
    }


    private void LexWord(bool space)
    {
        int start = _pos;
        var sb = new StringBuilder();
        while (true)
        {
            SkipContinuations();
            if (_pos >= _text.Length)
            {
                break;
            }

            char c = _text[_pos];
            if (c is ' ' or '\t' or '\r' or '\n' or ';' or '"' or '[' or ']' or '(' or ')' or '{' or '}' or '=' or '~'
                || (c == '!' && _pos + 1 < _text.Length && _text[_pos + 1] == '=' && sb.Length > 0))
            {
                break;
            }

            sb.Append(c);
            _pos++;
        }

        _tokens.Add(new Token(TokenKind.Word, sb.ToString(), _source.Locate(start), space));
    }

    private void LexString(bool space)
    {
        int start = _pos;
        _pos++;
        // Collected as UTF-8 bytes because \XX escapes are bytes: exports write non-ASCII text as "\D0\9F…".
        var bytes = new List<byte>();
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            SkipContinuations();
            if (_pos >= _text.Length || _text[_pos] is '\r' or '\n')
            {
                _diagnostics.Error(_source.Locate(start), DiagnosticCodes.UnterminatedString, "string is not closed before the end of the line");
                break;
            }

            char c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                break;
            }

            if (c == '\\')
            {
                LexEscape(bytes);
                continue;
            }

            if (c == '$' && SkipSubstitution())
            {
                continue;
            }

            if (c == '$')
            {
                CheckDollar();
            }

            if (_pos + 1 < _text.Length && char.IsSurrogatePair(c, _text[_pos + 1]))
            {
                int n = Encoding.UTF8.GetBytes(_text.AsSpan(_pos, 2), utf8);
                bytes.AddRange(utf8[..n]);
                _pos += 2;
                continue;
            }

            int count = Encoding.UTF8.GetBytes(_text.AsSpan(_pos, 1), utf8);
            bytes.AddRange(utf8[..count]);
            _pos++;
        }

        // Bytes that are not UTF-8 ("\FF") are kept as bytes, not replaced by U+FFFD (RouterOsBytes).
        _tokens.Add(new Token(TokenKind.String, RouterOsBytes.GetString([.. bytes]), _source.Locate(start), space));
    }

    /// <summary>The escapes of ROUTEROS.md §1.8. The character after <c>\</c> is read as is (no continuation).</summary>
    private void LexEscape(List<byte> bytes)
    {
        int at = _pos;
        _pos++;
        if (_pos >= _text.Length)
        {
            _diagnostics.Error(_source.Locate(at), DiagnosticCodes.BadEscape, "'\\' at the end of the script");
            return;
        }

        char e = _text[_pos];
        byte? simple = RouterOsEscapes.Simple(e);
        if (simple is byte b)
        {
            bytes.Add(b);
            _pos++;
            return;
        }

        if (RouterOsEscapes.IsUpperHex(e) && _pos + 1 < _text.Length && RouterOsEscapes.IsUpperHex(_text[_pos + 1]))
        {
            bytes.Add((byte)((RouterOsEscapes.HexValue(e) << 4) | RouterOsEscapes.HexValue(_text[_pos + 1])));
            _pos += 2;
            return;
        }

        _diagnostics.Error(_source.Locate(at), DiagnosticCodes.BadEscape, RouterOsEscapes.UnknownMessage(e));
        bytes.Add((byte)'\\');
    }

    /// <summary>
    /// ROUTEROS.md §1.8: <c>$name</c> inside a quoted string is a variable substitution when the line is read. A
    /// configuration line has no variables (the console skips <c>:global</c>/<c>:local</c>, SES0108), so it expands to
    /// nothing, as an undefined variable does in RouterOS, with a warning. Returns true when it skipped one.
    /// </summary>
    private bool SkipSubstitution()
    {
        int at = _pos;
        int i = _pos + 1;
        while (i < _text.Length && (char.IsAsciiLetterOrDigit(_text[i]) || _text[i] == '_'))
        {
            i++;
        }

        if (i == _pos + 1)
        {
            return false;
        }

        string name = _text[(_pos + 1)..i];
        _pos = i;
        _diagnostics.Warning(_source.Locate(at), DiagnosticCodes.DollarInString,
            $"'${name}' inside a string is a variable substitution (ROUTEROS.md §1.8); no variable '{name}' is defined on a configuration line, so it expands to nothing (write '\\$' for a literal '$')");
        return true;
    }

    /// <summary>
    /// ROUTEROS.md §10 item 4: the documents write <c>regexp="^passphrase$"</c> meaning a literal <c>$</c>; a <c>$</c>
    /// not followed by a name is kept literally and said so. <c>$(…)</c> and <c>$[…]</c> are not evaluated on a
    /// configuration line: kept literally too.
    /// </summary>
    private void CheckDollar()
    {
        char next = _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';
        string message = next is '(' or '[' or '{'
            ? "'$' inside a string starts a substitution in RouterOS; Sesame keeps it literally on a configuration line (write '\\$' for a literal '$')"
            : "unescaped '$' inside a string; read as a literal '$' (RouterOS expects '\\$')";
        _diagnostics.Variant(_source.Locate(_pos), DiagnosticCodes.DollarInString, message);
    }

    /// <summary>A braced block is kept verbatim (trimmed): the <c>$</c> inside it is script code, not text.</summary>
    private void LexBlock(bool space)
    {
        int start = _pos;
        if (TryLexBlock(start, space, oneLineComments: false))
        {
            return;
        }

        // The scraped one-line form (the seed's clean-knock-lists: "source={ # comment … :foreach …}"): a '#' comment
        // would run to the end of the line and take the closing '}' with it, which no configuration means. Only then
        // is a comment read as ending at the next command or '}' on its line (the script notes it, SES0704).
        _pos = start;
        if (TryLexBlock(start, space, oneLineComments: true))
        {
            return;
        }

        _pos = _text.Length;
        _diagnostics.Error(_source.Locate(start), DiagnosticCodes.Unbalanced, "'{' is not closed before the end of the script");
        if (Scripting.Linting.BlockHint.Find(_text, start, p => { var at = _source.Locate(p); return $"{at.Line}:{at.Column}"; }) is (int inner, string why))
        {
            _diagnostics.Error(_source.Locate(inner), DiagnosticCodes.Unbalanced, why);
        }

        _tokens.Add(new Token(TokenKind.Block, _text[(start + 1)..].Trim(), _source.Locate(start), space));
    }

    private bool TryLexBlock(int start, bool space, bool oneLineComments)
    {
        int firstLineEnd = _text.IndexOfAny(['\r', '\n'], start);
        if (firstLineEnd < 0)
        {
            firstLineEnd = _text.Length;
        }

        int depth = 0;
        bool tokenStart = true;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '"')
            {
                SkipRawString();
                tokenStart = false;
                continue;
            }

            if (c == '#' && tokenStart)
            {
                while (_pos < _text.Length && _text[_pos] is not ('\r' or '\n'))
                {
                    if (oneLineComments && _pos < firstLineEnd && (_text[_pos] == '}' || Scripting.Linting.BlockHint.CommandAfterBlank(_text, _pos)))
                    {
                        break;
                    }

                    _pos++;
                }

                continue;
            }

            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
                if (depth == 0)
                {
                    _pos++;
                    string inner = _text[(start + 1)..(_pos - 1)].Trim();
                    int innerStart = start + 1;
                    while (innerStart < _pos - 1 && char.IsWhiteSpace(_text[innerStart]))
                    {
                        innerStart++;
                    }

                    _tokens.Add(new Token(TokenKind.Block, inner, _source.Locate(start), space, _source.Locate(innerStart)));
                    return true;
                }
            }

            tokenStart = c is ' ' or '\t' or '\r' or '\n' or '{' or ';';
            _pos++;
        }

        return false;
    }

    private void SkipRawString()
    {
        _pos++;
        while (_pos < _text.Length && _text[_pos] != '"')
        {
            _pos += _text[_pos] == '\\' ? 2 : 1;
        }

        _pos++;
    }
}
