using System.Globalization;
using System.Text;

namespace Sesame.Knock;

/// <summary>
/// Payload text as typed on a command line: UTF-8, with <c>\xNN</c> for any byte, <c>\\</c>, <c>\n</c>, <c>\r</c>,
/// <c>\t</c> and <c>\0</c> (the escapes of the trace format's <c>payload=</c>).
/// </summary>
public static class PayloadText
{
    public static bool TryDecode(string text, out byte[] bytes, out string? error)
    {
        var buffer = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        error = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\\')
            {
                int width = char.IsSurrogatePair(text, i) ? 2 : 1;
                int n = Encoding.UTF8.GetBytes(text.AsSpan(i, width), utf8);
                buffer.AddRange(utf8[..n]);
                i += width - 1;
                continue;
            }

            if (i + 1 >= text.Length)
            {
                error = "a payload ends with a lone '\\'; write '\\\\' for a backslash";
                break;
            }

            char e = text[++i];
            switch (e)
            {
                case '\\': buffer.Add((byte)'\\'); break;
                case 'n': buffer.Add((byte)'\n'); break;
                case 'r': buffer.Add((byte)'\r'); break;
                case 't': buffer.Add((byte)'\t'); break;
                case '0': buffer.Add(0); break;
                case 'x' when i + 2 < text.Length
                    && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b):
                    buffer.Add(b);
                    i += 2;
                    break;
                case 'x':
                    error = $"'\\x' at offset {i - 1} needs two hex digits";
                    break;
                default:
                    error = $"unknown escape '\\{e}'; the escapes are \\xNN, \\\\, \\n, \\r, \\t and \\0";
                    break;
            }

            if (error is not null)
            {
                break;
            }
        }

        bytes = [.. buffer];
        return error is null;
    }

    /// <summary>The payload as <see cref="TryDecode"/> reads it: printable ASCII as is, everything else escaped.</summary>
    public static string Escape(ReadOnlySpan<byte> payload)
    {
        var sb = new StringBuilder(payload.Length);
        foreach (byte b in payload)
        {
            if (b == (byte)'\\')
            {
                sb.Append(@"\\");
            }
            else if (b is >= 0x20 and < 0x7f)
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return sb.ToString();
    }
}
