using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Sesame.Engine.Layer7;

/// <summary>POSIX ERE (l7-filter dialect) → .NET regex syntax; the rules are listed on <see cref="Layer7Pattern"/>.</summary>
internal static class PosixRegexTranslator
{
    private static readonly Dictionary<string, string> Classes = new(StringComparer.Ordinal)
    {
        ["alpha"] = "a-zA-Z",
        ["digit"] = "0-9",
        ["alnum"] = "a-zA-Z0-9",
        ["upper"] = "A-Za-z", // the match folds case, so as glibc's REG_ICASE the case classes take both cases
        ["lower"] = "a-zA-Z",
        ["space"] = @"\t\n\v\f\r\x20",
        ["blank"] = @"\t\x20",
        ["punct"] = @"\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E",
        ["print"] = @"\x20-\x7E",
        ["graph"] = @"\x21-\x7E",
        ["cntrl"] = @"\x00-\x1F\x7F",
        ["xdigit"] = "0-9A-Fa-f",
    };

    public static bool TryTranslate(string posix, [NotNullWhen(true)] out string? dotnet, out string error)
    {
        var sb = new StringBuilder(posix.Length * 2);
        dotnet = null;
        error = "";
        int depth = 0;
        bool canRepeat = false; // an atom precedes, so a repetition operator has an operand
        bool afterRepeat = false;
        int i = 0;
        while (i < posix.Length)
        {
            char c = posix[i];
            int at = i;
            i++;
            switch (c)
            {
                case '\\':
                    if (i >= posix.Length)
                    {
                        error = "the pattern ends with a backslash";
                        return false;
                    }

                    if (!TryEscape(posix, ref i, out char literal, out error))
                    {
                        return false;
                    }

                    AppendLiteral(sb, literal);
                    canRepeat = true;
                    afterRepeat = false;
                    break;
                case '^':
                    sb.Append(@"\A");
                    canRepeat = false;
                    afterRepeat = false;
                    break;
                case '$':
                    sb.Append(@"\z");
                    canRepeat = false;
                    afterRepeat = false;
                    break;
                case '.':
                    sb.Append('.');
                    canRepeat = true;
                    afterRepeat = false;
                    break;
                case '[':
                    if (!TryBracket(posix, ref i, sb, out error))
                    {
                        return false;
                    }

                    canRepeat = true;
                    afterRepeat = false;
                    break;
                case '(':
                    if (i < posix.Length && posix[i] is '?' or '*' or '+')
                    {
                        error = $"'{posix[i]}' at offset {i} repeats nothing";
                        return false;
                    }

                    sb.Append("(?:");
                    depth++;
                    canRepeat = false;
                    afterRepeat = false;
                    break;
                case ')':
                    if (depth == 0)
                    {
                        error = $"unmatched ')' at offset {at}";
                        return false;
                    }

                    sb.Append(')');
                    depth--;
                    canRepeat = true;
                    afterRepeat = false;
                    break;
                case '|':
                    sb.Append('|');
                    canRepeat = false;
                    afterRepeat = false;
                    break;
                case '*' or '+' or '?':
                    if (!canRepeat || afterRepeat)
                    {
                        error = $"'{c}' at offset {at} repeats nothing";
                        return false;
                    }

                    sb.Append(c);
                    afterRepeat = true;
                    break;
                case '{' when TryInterval(posix, i, out int end):
                    if (!canRepeat || afterRepeat)
                    {
                        error = $"'{{' at offset {at} repeats nothing";
                        return false;
                    }

                    sb.Append(posix, at, end - at);
                    i = end;
                    afterRepeat = true;
                    break;
                default:
                    AppendLiteral(sb, c);
                    canRepeat = true;
                    afterRepeat = false;
                    break;
            }
        }

        if (depth != 0)
        {
            error = "unmatched '('";
            return false;
        }

        dotnet = sb.ToString();
        return true;
    }

    /// <summary>After a backslash at <c>i - 1</c>: <c>\xHH</c> or escaped punctuation.</summary>
    private static bool TryEscape(string s, ref int i, out char literal, out string error)
    {
        char e = s[i];
        error = "";
        literal = e;
        if (e is 'x' or 'X')
        {
            if (i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]))
            {
                literal = (char)int.Parse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                i += 3;
                return true;
            }

            error = $"'\\x' at offset {i - 1} needs two hex digits";
            return false;
        }

        if (char.IsAsciiLetterOrDigit(e))
        {
            error = $"'\\{e}' at offset {i - 1} is not a POSIX escape (write the character, a bracket expression or \\xHH)";
            return false;
        }

        i++;
        return true;
    }

    private static bool TryBracket(string s, ref int i, StringBuilder sb, out string error)
    {
        int start = i - 1;
        error = "";
        sb.Append('[');
        if (i < s.Length && s[i] == '^')
        {
            sb.Append('^');
            i++;
        }

        bool first = true;
        while (true)
        {
            if (i >= s.Length)
            {
                error = $"unmatched '[' at offset {start}";
                return false;
            }

            char c = s[i];
            if (c == ']' && !first)
            {
                i++;
                sb.Append(']');
                return true;
            }

            first = false;
            if (c == '[' && i + 1 < s.Length && s[i + 1] == ':')
            {
                int close = s.IndexOf(":]", i + 2, StringComparison.Ordinal);
                string name = close < 0 ? "" : s[(i + 2)..close];
                if (!Classes.TryGetValue(name, out string? set))
                {
                    error = $"unknown character class at offset {i}";
                    return false;
                }

                sb.Append(set);
                i = close + 2;
                continue;
            }

            if (!TryBracketChar(s, ref i, out char low, out error))
            {
                return false;
            }

            if (i + 1 < s.Length && s[i] == '-' && s[i + 1] != ']')
            {
                i++;
                if (!TryBracketChar(s, ref i, out char high, out error))
                {
                    return false;
                }

                if (high < low)
                {
                    error = $"invalid range end at offset {i - 1}";
                    return false;
                }

                AppendClassRange(sb, low, high);
            }
            else
            {
                AppendClassChar(sb, low);
            }
        }
    }

    /// <summary>One bracket element: a character, <c>\xHH</c>, <c>[=c=]</c> or <c>[.c.]</c>. A lone backslash is literal (POSIX).</summary>
    private static bool TryBracketChar(string s, ref int i, out char c, out string error)
    {
        error = "";
        c = s[i];
        if (c == '\\' && i + 3 < s.Length && s[i + 1] is 'x' or 'X' && IsHex(s[i + 2]) && IsHex(s[i + 3]))
        {
            c = (char)int.Parse(s.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            i += 4;
            return true;
        }

        if (c == '[' && i + 1 < s.Length && s[i + 1] is '=' or '.')
        {
            char kind = s[i + 1];
            if (i + 4 < s.Length && s[i + 3] == kind && s[i + 4] == ']')
            {
                c = s[i + 2];
                i += 5;
                return true;
            }

            error = $"unsupported collating element at offset {i}";
            return false;
        }

        i++;
        return true;
    }

    private static bool TryInterval(string s, int i, out int end)
    {
        // {n}, {n,} or {n,m} right after the '{' at i - 1.
        end = i;
        int digits = 0;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
            digits++;
        }

        if (digits == 0 || end >= s.Length)
        {
            return false;
        }

        if (s[end] == ',')
        {
            end++;
            while (end < s.Length && char.IsAsciiDigit(s[end]))
            {
                end++;
            }
        }

        if (end >= s.Length || s[end] != '}')
        {
            return false;
        }

        end++;
        return true;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    /// <summary>
    /// A literal outside brackets. The match folds ASCII letters only (the data are bytes, and a byte above 0x7F is no
    /// letter — the kernel's payload match folds the same way, Sesame.Linux's Layer7Literal), so a letter becomes
    /// <c>[aA]</c> and the regex runs without <see cref="System.Text.RegularExpressions.RegexOptions.IgnoreCase"/>,
    /// which would also fold the bytes 0xC0–0xDE with 0xE0–0xFE (Latin-1 letters).
    /// </summary>
    private static void AppendLiteral(StringBuilder sb, char c)
    {
        if (char.IsAsciiLetter(c))
        {
            sb.Append('[');
            AppendClassChar(sb, c);
            sb.Append(']');
        }
        else if (char.IsAsciiDigit(c))
        {
            sb.Append(c);
        }
        else
        {
            AppendCode(sb, c);
        }
    }

    /// <summary>A character inside brackets; an ASCII letter in both cases.</summary>
    private static void AppendClassChar(StringBuilder sb, char c)
    {
        if (char.IsAsciiLetter(c))
        {
            sb.Append(char.ToLowerInvariant(c)).Append(char.ToUpperInvariant(c));
        }
        else if (char.IsAsciiDigit(c))
        {
            sb.Append(c);
        }
        else
        {
            AppendCode(sb, c);
        }
    }

    /// <summary>A range inside brackets, and the ASCII letters in it in the other case.</summary>
    private static void AppendClassRange(StringBuilder sb, char low, char high)
    {
        AppendCode(sb, low);
        sb.Append('-');
        AppendCode(sb, high);
        AppendShiftedPart(sb, low, high, 'a', 'z', 'A' - 'a');
        AppendShiftedPart(sb, low, high, 'A', 'Z', 'a' - 'A');
    }

    private static void AppendShiftedPart(StringBuilder sb, char low, char high, char first, char last, int shift)
    {
        char from = (char)Math.Max(low, first);
        char to = (char)Math.Min(high, last);
        if (from <= to)
        {
            AppendCode(sb, (char)(from + shift));
            sb.Append('-');
            AppendCode(sb, (char)(to + shift));
        }
    }

    private static void AppendCode(StringBuilder sb, char c) =>
        sb.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
}
