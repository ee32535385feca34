using System.Text;
using Sesame.Text;

namespace Sesame.RouterOS.Scripting.Values;

/// <summary>
/// Strings as RouterOS sees them, bytes (<see cref="RouterOsBytes"/>): lengths, offsets and order are of bytes, not of
/// .NET characters. ASCII strings, nearly all a script handles, take a path that allocates nothing.
/// </summary>
internal static class RosText
{
    /// <summary>Orders keys as RouterOS does: byte-wise.</summary>
    public static readonly IComparer<string> ByteOrder = Comparer<string>.Create(CompareBytes);

    // The bytes of the last non-ASCII string converted on this thread: a script walking a long string with :pick or
    // :find converts it once, not once per call (a 1 MB string picked byte by byte would otherwise be quadratic).
    private const int CacheFrom = 4096;

    [ThreadStatic]
    private static string? t_lastText;

    [ThreadStatic]
    private static byte[]? t_lastBytes;

    public static int ByteLength(string s) => Ascii.IsValid(s) ? s.Length : BytesOf(s).Length;

    /// <summary>The bytes of a string (<see cref="RouterOsBytes.GetBytes"/>), from a one-entry cache; never modify the result.</summary>
    private static byte[] BytesOf(string s)
    {
        if (ReferenceEquals(s, t_lastText) && t_lastBytes is { } cached)
        {
            return cached;
        }

        byte[] bytes = RouterOsBytes.GetBytes(s);
        if (s.Length < CacheFrom)
        {
            return bytes; // short strings are cheap to convert and must not evict the long one being walked
        }

        t_lastText = s;
        t_lastBytes = bytes;
        return bytes;
    }

    /// <summary>Byte-wise lexicographic order (a shorter prefix first), as RouterOS compares strings.</summary>
    public static int CompareBytes(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        if (Ascii.IsValid(a) && Ascii.IsValid(b))
        {
            return Math.Sign(string.CompareOrdinal(a, b));
        }

        return Math.Sign(RouterOsBytes.GetBytes(a).AsSpan().SequenceCompareTo(BytesOf(b)));
    }

    public static bool EqualBytes(string a, string b) =>
        string.Equals(a, b, StringComparison.Ordinal) || (!Ascii.IsValid(a) && !Ascii.IsValid(b) && CompareBytes(a, b) == 0);

    /// <summary>Bytes [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="s"/>, both already within range.</summary>
    public static string Slice(string s, int start, int end)
    {
        if (Ascii.IsValid(s))
        {
            return s[start..end];
        }

        return RouterOsBytes.GetString(BytesOf(s).AsSpan(start, end - start));
    }

    /// <summary>The byte offset of <paramref name="needle"/> in <paramref name="haystack"/> at or after <paramref name="start"/>, or -1.</summary>
    public static int IndexOf(string haystack, string needle, int start)
    {
        if (Ascii.IsValid(haystack) && Ascii.IsValid(needle))
        {
            return start > haystack.Length ? -1 : haystack.IndexOf(needle, start, StringComparison.Ordinal);
        }

        byte[] n = RouterOsBytes.GetBytes(needle);
        byte[] h = BytesOf(haystack);
        if (start > h.Length)
        {
            return -1;
        }

        int at = h.AsSpan(start).IndexOf(n);
        return at < 0 ? -1 : at + start;
    }

    /// <summary>Throws when a string result would pass <see cref="RosLimits.MaxStringBytes"/>.</summary>
    public static string Checked(string s)
    {
        // A .NET character is at most 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 characters).
        if ((long)s.Length * 3 > RosLimits.MaxStringBytes && ByteLength(s) > RosLimits.MaxStringBytes)
        {
            throw TooLong();
        }

        return s;
    }

    public static RosScriptException TooLong() =>
        new($"string too long (more than {RosLimits.MaxStringBytes} bytes)");
}
