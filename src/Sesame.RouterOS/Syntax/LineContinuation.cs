namespace Sesame.RouterOS.Syntax;

/// <summary>
/// ROUTEROS.md §1.1: <c>\</c>, optional blanks, a newline (LF, CR LF or CR) and the blanks that indent the next line are
/// read as nothing — by the configuration lexer and by the script parser alike.
/// </summary>
internal static class LineContinuation
{
    /// <summary>Whether a continuation starts at <paramref name="at"/>; <paramref name="next"/> is the first character after it.</summary>
    public static bool TryRead(string text, int at, out int next)
    {
        next = at;
        if (at >= text.Length || text[at] != '\\')
        {
            return false;
        }

        int i = at + 1;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i >= text.Length || text[i] is not ('\r' or '\n'))
        {
            return false;
        }

        i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        next = i;
        return true;
    }
}
