using System.Globalization;
using System.Text;

namespace Sesame.Text;

/// <summary>
/// Text for a terminal. Names come from configurations, traces and the kernel, and a name may hold anything: ESC
/// (<c>\x1B[2J</c> clears the screen, other sequences retitle the window or fake output), a newline that fakes a line of
/// its own, bidi overrides that show text reversed. The one rule of what is escaped is here; diagnostics
/// (<see cref="Diagnostics.Diagnostic.ToString"/>), the printers and the command line's terminal writer use it.
/// </summary>
public static class TerminalText
{
    /// <summary>
    /// <paramref name="text"/> with every character a terminal would act on written as an escape: <c>\n \r \t</c>, other
    /// C0 controls and DEL as <c>\xHH</c>, C1 controls, bidi and invisible format characters and line separators as
    /// <c>\uHHHH</c>, and a byte kept by <see cref="RouterOsBytes"/> (a lone surrogate) as <c>\xHH</c>. A backslash is
    /// left alone, so ordinary text (a regexp, a path) reads as it is.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text) || !NeedsEscape(text))
        {
            return text ?? "";
        }

        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }

            AppendEscaped(sb, c, keepLineBreaks: false);
        }

        return sb.ToString();
    }

    /// <summary>Whether a terminal acts on <paramref name="c"/> (or it is half of a surrogate pair, which needs its other half).</summary>
    public static bool IsSpecial(char c) =>
        c < 0x20 || c is >= '\x7F' and <= '\x9F' || char.IsSurrogate(c)
        || c is '\u061C' or '\u2028' or '\u2029' or '\uFEFF' or >= '\u200B' and <= '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2060' and <= '\u2069';

    /// <summary>
    /// Appends <paramref name="c"/>, escaped when <see cref="IsSpecial"/> (a lone surrogate; the caller passes pairs on
    /// whole). With <paramref name="keepLineBreaks"/>, a newline and a tab are written as they are.
    /// </summary>
    public static void AppendEscaped(StringBuilder sb, char c, bool keepLineBreaks)
    {
        ArgumentNullException.ThrowIfNull(sb);
        if (!IsSpecial(c) || (keepLineBreaks && c is '\n' or '\t'))
        {
            sb.Append(c);
            return;
        }

        switch (c)
        {
            case '\n':
                sb.Append(@"\n");
                break;
            case '\r':
                sb.Append(@"\r");
                break;
            case '\t':
                sb.Append(@"\t");
                break;
            case < '\x20' or '\x7F':
                sb.Append(@"\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                break;
            case >= '\uDC80' and <= '\uDCFF':
                sb.Append(@"\x").Append((c - 0xDC00).ToString("X2", CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                break;
        }
    }

    private static bool NeedsEscape(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (IsSpecial(c))
            {
                return true;
            }
        }

        return false;
    }
}
