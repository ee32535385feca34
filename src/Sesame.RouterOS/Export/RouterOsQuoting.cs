using System.Buffers;
using System.Globalization;
using System.Text;
using Sesame.Text;

namespace Sesame.RouterOS.Export;

/// <summary>Writes values the way RouterOS reads them back (ROUTEROS.md §1.8, §5.3).</summary>
internal static class RouterOsQuoting
{
    /// <summary>
    /// A value is written bare unless it is empty, starts with <c>!</c> (bare, that would be negation, §1.9), or holds a
    /// character that ends or changes a bare word: blanks, <c>; = " ' $ [ ] { } ( ) ` ? # \</c>, control characters and
    /// anything outside ASCII (those are written as escapes, which exist only inside quotes).
    /// </summary>
    public static bool NeedsQuotes(string value)
    {
        if (value.Length == 0 || value[0] == '!')
        {
            return true;
        }

        foreach (char c in value)
        {
            if (c <= ' ' || c >= '\x7F' || c is ';' or '=' or '"' or '\'' or '$' or '[' or ']' or '{' or '}' or '(' or ')' or '`' or '?' or '#' or '\\')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value as written after <c>name=</c>: bare when that is safe, otherwise quoted and escaped.</summary>
    public static string Format(string value) => NeedsQuotes(value) ? Quote(value) : value;

    /// <summary>A negatable matcher value: the <c>!</c> stays outside the quotes so that it still negates (§1.8).</summary>
    public static string Format(bool negated, string value) => negated ? "!" + Format(value) : Format(value);

    /// <summary>
    /// Quotes and escapes: <c>\ " $</c> as <c>\\ \" \$</c> (an unescaped <c>$</c> would be variable substitution),
    /// CR, LF and TAB as <c>\r \n \t</c>, every other control character and every byte of a non-ASCII character's
    /// UTF-8 encoding as <c>\XX</c> with uppercase hex (RouterOS rejects lowercase, §1.8), and a byte that is not UTF-8
    /// (kept by <see cref="RouterOsBytes"/>) as itself.
    /// </summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        Span<byte> utf8 = stackalloc byte[4];
        for (int at = 0; at < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(at), out Rune rune, out int consumed) != OperationStatus.Done)
            {
                foreach (byte b in RouterOsBytes.GetBytes(value.Substring(at, consumed)))
                {
                    sb.Append('\\').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }

                at += consumed;
                continue;
            }

            at += consumed;
            switch (rune.Value)
            {
                case '\\':
                    sb.Append(@"\\");
                    break;
                case '"':
                    sb.Append("\\\"");
                    break;
                case '$':
                    sb.Append(@"\$");
                    break;
                case '\r':
                    sb.Append(@"\r");
                    break;
                case '\n':
                    sb.Append(@"\n");
                    break;
                case '\t':
                    sb.Append(@"\t");
                    break;
                case < 0x20 or >= 0x7F:
                    int length = rune.EncodeToUtf8(utf8);
                    for (int i = 0; i < length; i++)
                    {
                        sb.Append('\\').Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
                    }

                    break;
                default:
                    sb.Append((char)rune.Value);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
