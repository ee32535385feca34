using System.Text;

namespace Sesame.Text;

/// <summary>
/// RouterOS strings are bytes (ROUTEROS.md §1.8: <c>\XX</c> is one byte, a character typed in a script is its UTF-8
/// bytes). The model keeps them as .NET strings: valid UTF-8 decodes to its characters, and each byte that is not part
/// of valid UTF-8 (<c>"\FF"</c>) becomes the lone surrogate U+DC80..U+DCFF, as Python's <c>surrogateescape</c> does, so
/// that <see cref="GetBytes"/> gives back exactly the bytes the script wrote. Whatever compares bytes — Layer7 patterns,
/// the kernel's names and payload matches — goes through <see cref="GetBytes"/>.
/// </summary>
public static class RouterOsBytes
{
    private const char FirstEscape = '\uDC80';
    private const char LastEscape = '\uDCFF';

    /// <summary>The string of <paramref name="bytes"/>: UTF-8 where valid, an escape character for each other byte.</summary>
    public static string GetString(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out Rune rune, out int consumed) == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
            }
            else
            {
                // The invalid sequence is given up one byte at a time; the next byte may start a valid character.
                consumed = 1;
                sb.Append((char)(FirstEscape + (bytes[0] - 0x80)));
            }

            bytes = bytes[consumed..];
        }

        return sb.ToString();
    }

    /// <summary>
    /// The bytes of <paramref name="text"/>: UTF-8, and an escape character (<see cref="GetString"/>) as its byte. Any
    /// other lone surrogate, which no RouterOS script can produce, is written as U+FFFD, as .NET's UTF-8 encoder does.
    /// </summary>
    public static byte[] GetBytes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is >= FirstEscape and <= LastEscape)
            {
                bytes.Add((byte)(c - FirstEscape + 0x80));
                continue;
            }

            Rune rune = Rune.ReplacementChar;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                rune = new Rune(c, text[++i]);
            }
            else if (!char.IsSurrogate(c))
            {
                rune = new Rune(c);
            }

            int n = rune.EncodeToUtf8(utf8);
            for (int k = 0; k < n; k++)
            {
                bytes.Add(utf8[k]);
            }
        }

        return [.. bytes];
    }

    /// <summary>The number of bytes <see cref="GetBytes"/> gives.</summary>
    public static int GetByteCount(string text) => GetBytes(text).Length;

    /// <summary>
    /// The bytes of <paramref name="text"/> as the characters U+0000..U+00FF, one per byte: the form in which the Layer7
    /// matchers (engine, daemon) hold packet data, so that a pattern compares bytes with bytes.
    /// </summary>
    public static string ToByteChars(string text) => Encoding.Latin1.GetString(GetBytes(text));
}
