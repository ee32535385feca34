using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Sesame.Text;

namespace Sesame.Linux.Nftables;

/// <summary>
/// A Layer7 pattern that is a plain string anchored at the start of the data (<c>^text</c>) and perhaps at its end
/// (<c>^text$</c>): the only kind nftables can match, as a raw payload comparison.
/// </summary>
/// <param name="Text">The bytes to find at the start of the payload, escapes resolved.</param>
/// <param name="Exact">True for <c>^text$</c>: the payload is exactly the text.</param>
internal sealed record Layer7Literal(byte[] Text, bool Exact)
{
    /// <summary>The widest raw payload load nftables takes (one 128-bit register); longer texts are split.</summary>
    private const int MaxPieceBytes = 16;

    /// <summary>
    /// Reads <paramref name="regexp"/> as the engine's translator does (ROUTEROS.md §4.3): the pattern is its bytes
    /// (<see cref="RouterOsBytes"/>: <c>é</c> and <c>\C3\A9</c> are both C3 A9), <c>\xHH</c> is a byte, a backslash
    /// before punctuation makes it literal. Anything else with a meaning in a regex (<c>. [ ( * + ? { | ^</c>, <c>$</c>
    /// not at the end, a backslash before a letter, a digit or a byte above 0x7F) makes the pattern a general regex. A
    /// NUL can never match (the engine strips NULs from the data).
    /// </summary>
    public static bool TryParse(string regexp, [NotNullWhen(true)] out Layer7Literal? literal)
    {
        ArgumentNullException.ThrowIfNull(regexp);
        literal = null;
        regexp = RouterOsBytes.ToByteChars(regexp);
        if (regexp.Length < 2 || regexp[0] != '^')
        {
            return false;
        }

        var bytes = new List<byte>(regexp.Length);
        bool exact = false;
        for (int i = 1; i < regexp.Length; i++)
        {
            char c = regexp[i];
            if (c == '$')
            {
                if (i != regexp.Length - 1)
                {
                    return false;
                }

                exact = true;
                break;
            }

            if (c == '\\')
            {
                if (i + 1 >= regexp.Length)
                {
                    return false;
                }

                char next = regexp[++i];
                if (next == 'x')
                {
                    if (i + 2 >= regexp.Length
                        || !byte.TryParse(regexp.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte hex))
                    {
                        return false;
                    }

                    i += 2;
                    c = (char)hex;
                }
                else if (char.IsAsciiLetterOrDigit(next) || next > '\x7f')
                {
                    return false;
                }
                else
                {
                    c = next;
                }
            }
            else if (".[]()*+?{}|^".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }

            if (c == '\0')
            {
                return false;
            }

            bytes.Add((byte)c);
        }

        if (bytes.Count == 0)
        {
            return false;
        }

        literal = new Layer7Literal([.. bytes], exact);
        return true;
    }

    /// <summary>
    /// Raw payload comparisons from <paramref name="baseBits"/> bits after <paramref name="payloadBase"/> (<c>@th</c>,
    /// <c>@ih</c>), at most 128 bits each, as nft text (<see cref="Pieces"/>).
    /// </summary>
    public IEnumerable<string> PayloadMatches(string payloadBase, int baseBits)
    {
        foreach (Piece piece in Pieces(baseBits))
        {
            string load = string.Create(CultureInfo.InvariantCulture, $"{payloadBase},{piece.OffsetBits},{piece.LengthBits}");
            string value = Convert.ToHexStringLower(piece.Value);
            yield return piece.Folds ? $"{load} & 0x{Convert.ToHexStringLower(piece.Mask)} == 0x{value}" : $"{load} 0x{value}";
        }
    }

    /// <summary>
    /// The raw payload comparisons from <paramref name="baseBits"/> bits into the payload, at most 128 bits each.
    /// Case-insensitive as RouterOS's Layer7 (ROUTEROS.md §4.3): on an ASCII letter the mask clears bit 0x20 and the
    /// value is the upper-case letter; other bytes compare exactly.
    /// </summary>
    public IEnumerable<Piece> Pieces(int baseBits)
    {
        for (int start = 0; start < Text.Length; start += MaxPieceBytes)
        {
            int length = Math.Min(MaxPieceBytes, Text.Length - start);
            byte[] mask = new byte[length];
            byte[] value = new byte[length];
            bool folds = false;
            for (int i = 0; i < length; i++)
            {
                byte b = Text[start + i];
                bool letter = char.IsAsciiLetter((char)b);
                folds |= letter;
                mask[i] = letter ? (byte)0xDF : (byte)0xFF;
                value[i] = (byte)(letter ? b & 0xDF : b);
            }

            yield return new Piece(baseBits + (8 * start), 8 * length, mask, value, folds);
        }
    }

    /// <summary>One comparison: <paramref name="Value"/> at <paramref name="OffsetBits"/>, under <paramref name="Mask"/> when <paramref name="Folds"/>.</summary>
    internal sealed record Piece(int OffsetBits, int LengthBits, byte[] Mask, byte[] Value, bool Folds);
}
