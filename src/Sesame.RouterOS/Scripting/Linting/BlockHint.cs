namespace Sesame.RouterOS.Scripting.Linting;

/// <summary>
/// When a braced block (<c>source={…}</c>) is not closed before the end of the file, the brace counted as unclosed is
/// the outer one, but the fault is usually inside: a string that is never closed, or an inner <c>{</c> whose <c>}</c> is
/// missing, so that it takes the outer block's <c>}</c>. This finds that inner place, for the message.
/// </summary>
internal static class BlockHint
{
    /// <summary>Whether a blank is before <paramref name="i"/> and a command (<c>:word</c>, <c>/word</c>) starts there.</summary>
    public static bool CommandAfterBlank(string text, int i) =>
        i > 0 && i + 1 < text.Length && text[i - 1] is ' ' or '\t' && text[i] is ':' or '/' && char.IsAsciiLetter(text[i + 1]);

    /// <summary>
    /// The place inside the unclosed block at <paramref name="start"/> that is probably at fault, and what to say there;
    /// <paramref name="locate"/> writes a position as <c>line:column</c>. Null when nothing stands out.
    /// </summary>
    public static (int Position, string Message)? Find(string text, int start, Func<int, string> locate)
    {
        // One pass (a hostile file may be one long line of braces): each '{' remembers its line's indentation; a '}'
        // knows whether only blanks are before it on its line.
        var open = new Stack<(int Position, int Indent)>();
        bool tokenStart = true;
        int lineStart = LineStart(text, start);
        int indent = Indent(text, lineStart);
        bool blanksOnly = false;
        int i = start;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is '\r' or '\n')
            {
                i++;
                lineStart = i;
                indent = Indent(text, lineStart);
                blanksOnly = true;
                tokenStart = true;
                continue;
            }

            if (c == '"')
            {
                int quote = i;
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                if (i >= text.Length)
                {
                    return (quote, "this string is not closed, so the block's '}' is read as part of it");
                }

                // A string may span lines: what follows it is not at the start of a line.
                i++;
                tokenStart = false;
                blanksOnly = false;
                continue;
            }

            if (c == '#' && tokenStart)
            {
                while (i < text.Length && text[i] is not ('\r' or '\n'))
                {
                    i++;
                }

                continue;
            }

            if (c == '{')
            {
                open.Push((i, indent));
            }
            else if (c == '}' && open.Count > 0)
            {
                (int brace, int braceIndent) = open.Pop();
                if (open.Count > 0 && blanksOnly && indent < braceIndent)
                {
                    // An inner '{' closed by a '}' less indented than its own line: that '}' was meant for an outer block.
                    return (brace, $"this '{{' is probably the one not closed: the '}}' at {locate(i)} that closes it is less indented than its line");
                }
            }

            if (c is not (' ' or '\t'))
            {
                blanksOnly = false;
            }

            tokenStart = c is ' ' or '\t' or '{' or ';';
            i++;
        }

        return open.Count > 1 ? (open.Peek().Position, "this '{' is not closed") : null;
    }

    private static int LineStart(string text, int i)
    {
        while (i > 0 && text[i - 1] is not ('\n' or '\r'))
        {
            i--;
        }

        return i;
    }

    /// <summary>The blanks that indent the line starting at <paramref name="lineStart"/>.</summary>
    private static int Indent(string text, int lineStart)
    {
        int n = 0;
        while (lineStart + n < text.Length && text[lineStart + n] is ' ' or '\t')
        {
            n++;
        }

        return n;
    }
}
