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
        var open = new Stack<int>();
        bool tokenStart = true;
        int i = start;
        while (i < text.Length)
        {
            char c = text[i];
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

                i++;
                tokenStart = false;
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
                open.Push(i);
            }
            else if (c == '}' && open.Count > 0)
            {
                int brace = open.Pop();
                if (open.Count > 0 && FirstOnLine(text, i) && Indent(text, i) < Indent(text, brace))
                {
                    // An inner '{' closed by a '}' less indented than its own line: that '}' was meant for an outer block.
                    return (brace, $"this '{{' is probably the one not closed: the '}}' at {locate(i)} that closes it is less indented than its line");
                }
            }

            tokenStart = c is ' ' or '\t' or '\r' or '\n' or '{' or ';';
            i++;
        }

        return open.Count > 1 ? (open.Peek(), "this '{' is not closed") : null;
    }

    private static int LineStart(string text, int i)
    {
        while (i > 0 && text[i - 1] is not ('\n' or '\r'))
        {
            i--;
        }

        return i;
    }

    private static bool FirstOnLine(string text, int i)
    {
        for (int j = LineStart(text, i); j < i; j++)
        {
            if (text[j] is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static int Indent(string text, int i)
    {
        int j = LineStart(text, i);
        int n = 0;
        while (j + n < text.Length && text[j + n] is ' ' or '\t')
        {
            n++;
        }

        return n;
    }
}
