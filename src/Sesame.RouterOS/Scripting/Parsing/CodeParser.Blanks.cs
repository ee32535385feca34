using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Scripting.Parsing;

internal sealed partial class CodeParser
{
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
            else if (c == '\\' && LineContinuation.TryRead(_text, _pos, out int next))
            {
                _pos = next;
            }
            else if (c == '#' && (_pos == 0 || _text[_pos - 1] is ' ' or '\t' or '\r' or '\n' or ';' or '{'))
            {
                int comment = _pos;
                while (!AtEnd && Current is not ('\r' or '\n'))
                {
                    if (_oneLine && (Current == '}' || AtLineSplit()))
                    {
                        // The scraped one-line form ("# comment :foreach …"): the comment ends at the next command.
                        _errors.Add(new CodeError(comment, ScriptCodes.OneLine,
                            "a '#' comment on a script of one line ends where the next command starts: RouterOS reads the rest of the line as the comment; Sesame runs it", true));
                        break;
                    }

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
