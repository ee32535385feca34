using System.Globalization;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.RouterOS.Scripting.Values;

public static partial class RosOps
{
    /// <summary>
    /// Types an unquoted word as the console does: <c>10</c> num, <c>1.2.3.4</c> ip, <c>1.2.3.0/24</c> ip-prefix, ip6 and
    /// ip6-prefix, <c>1h30m</c>/<c>00:30:00</c> time, <c>yes no true false</c> bool, <c>*1A</c> id; anything else str.
    /// </summary>
    /// <remarks>
    /// Decisions: a number needs digits only (<c>-5</c>, <c>0x1F</c>); one that does not fit 64 bits is a str. A bare
    /// <c>1.5</c> is the ip 1.0.0.5 (RouterOS's short address form, see <see cref="TryParseIp"/>), never a time (a time
    /// needs a unit or a clock: <c>1.5s</c>, <c>00:00:01.5</c>). An address range
    /// (<c>1.2.3.4-1.2.3.9</c>) has no script type and stays a str. A prefix keeps only its network
    /// (<c>1.2.3.4/24</c> → <c>1.2.3.0/24</c>, as RouterOS prints it).
    /// </remarks>
    public static RosValue Literal(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (TryParseNum(word, out long n))
        {
            return new RosNum(n);
        }

        switch (word)
        {
            case "true" or "yes":
                return RosBool.True;
            case "false" or "no":
                return RosBool.False;
        }

        if (TryParseId(word, out long id))
        {
            return new RosId(id, "");
        }

        if (TryParseIp(word, out IpRange ip))
        {
            return new RosIp(ip);
        }

        if (TryParsePrefix(word, out IpRange prefix))
        {
            return new RosPrefix(prefix);
        }

        if (HasTimeForm(word) && TryParseTime(word, out TimeSpan time))
        {
            return new RosTime(time);
        }

        if (TryParseIp6(word, out IpRange ip6))
        {
            return new RosIp(ip6);
        }

        return new RosStr(word);
    }

    /// <summary>A decimal (optionally signed) or <c>0x</c> hexadecimal 64-bit number (MikroTik "Scripting": "possible hexadecimal input").</summary>
    internal static bool TryParseNum(string s, out long value)
    {
        value = 0;
        if (s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        {
            // Hex input is the bit pattern: 0xFFFFFFFFFFFFFFFF is -1, as a C strtoull into int64 gives.
            return s.Length <= 18 && AllHex(s.AsSpan(2))
                && long.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        ReadOnlySpan<char> digits = s.StartsWith('-') || s.StartsWith('+') ? s.AsSpan(1) : s.AsSpan();
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9')
            && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary><c>*1A</c>: an internal id, hexadecimal after the star.</summary>
    internal static bool TryParseId(string s, out long value)
    {
        value = 0;
        return s.Length is >= 2 and <= 17 && s[0] == '*' && AllHex(s.AsSpan(1))
            && long.TryParse(s.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// An IPv4 host as RouterOS reads one: decimal parts, inet_aton's short forms included (a forum test on RouterOS:
    /// <c>32.16.8</c> is 32.16.0.8, <c>16.8</c> is 16.0.0.8, <c>0.8</c> is 0.0.0.8 — the last part fills the remaining
    /// bytes), but no octal or hex (<c>008.8.8.8</c> is a str there). Decision: a part with a leading zero
    /// (<c>010</c>) is refused rather than guessed, so the address is a str. Our own parser, because
    /// <see cref="System.Net.IPAddress"/> reads <c>010</c> as octal 8.
    /// </summary>
    internal static bool TryParseIp(string s, out IpRange ip)
    {
        ip = default;
        if (!TryParseV4(s.AsSpan(), out uint v))
        {
            return false;
        }

        ip = IpRange.Host(IpFamily.V4, v);
        return true;
    }

    /// <summary>An IPv6 host (no zone, no prefix length).</summary>
    internal static bool TryParseIp6(string s, out IpRange ip)
    {
        ip = default;
        // Only hex digits, colons and the dots of an embedded IPv4 tail: IPAddress alone would also take "[::1]" and zones.
        if (s.Contains(':') && !s.AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF:.")
            && IpRange.TryParseAddress(s, out IpFamily family, out UInt128 value) && family == IpFamily.V6)
        {
            ip = IpRange.Host(IpFamily.V6, value);
            return true;
        }

        return false;
    }

    /// <summary><c>ADDR/LEN</c>, IPv4 or IPv6, normalised to its network.</summary>
    internal static bool TryParsePrefix(string s, out IpRange prefix)
    {
        prefix = default;
        int slash = s.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        ReadOnlySpan<char> len = s.AsSpan(slash + 1);
        if (len.Length is 0 or > 3 || len.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        int length = int.Parse(len, CultureInfo.InvariantCulture);
        string addr = s[..slash];
        if (TryParseV4(addr.AsSpan(), out uint v4))
        {
            if (length > 32)
            {
                return false;
            }

            prefix = IpRange.FromPrefix(IpFamily.V4, v4, length);
            return true;
        }

        if (TryParseIp6(addr, out IpRange v6) && length <= 128)
        {
            prefix = IpRange.FromPrefix(IpFamily.V6, v6.First, length);
            return true;
        }

        return false;
    }

    /// <summary>
    /// A time as RouterOS writes one (<see cref="RouterOsTime.TryParse(string, out TimeSpan)"/>), with an optional minus
    /// sign for the negative results of time arithmetic.
    /// </summary>
    /// <remarks>
    /// The shared parser stops at 35w3d13h13m56s (the timeout limit). Script times go further (the manual's
    /// <c>:timestamp</c> prints <c>2735w21:41:43.481891543</c>), so a leading whole number of weeks is taken apart and
    /// the rest given to the shared parser; any other time past the limit does not convert.
    /// </remarks>
    internal static bool TryParseTime(string s, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        bool negative = s.StartsWith('-');
        string body = negative ? s[1..] : s;
        if (body.Length == 0 || !char.IsAsciiDigit(body[0]) || body.Trim().Length != body.Length)
        {
            return false;
        }

        if (!RouterOsTime.TryParse(body, out value))
        {
            int w = body.IndexOf('w');
            TimeSpan rest = TimeSpan.Zero;
            // At most 1,500,000 weeks (TimeSpan holds about 1,525,000), plus the shared parser's 35 weeks.
            if (w <= 0 || w > 7 || body.AsSpan(0, w).ContainsAnyExceptInRange('0', '9')
                || int.Parse(body.AsSpan(0, w), CultureInfo.InvariantCulture) is var weeks && weeks > 1_500_000
                || (w + 1 < body.Length && !RouterOsTime.TryParse(body[(w + 1)..], out rest)))
            {
                return false;
            }

            value = TimeSpan.FromDays(7L * weeks) + rest;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>Whether a word looks like a time rather than a number: it has a unit letter or a clock colon.</summary>
    private static bool HasTimeForm(string s)
    {
        ReadOnlySpan<char> body = s.StartsWith('-') ? s.AsSpan(1) : s.AsSpan();
        return body.Length > 0 && char.IsAsciiDigit(body[0]) && body.IndexOfAny(":wdhms") >= 0;
    }

    private static bool TryParseV4(ReadOnlySpan<char> s, out uint value)
    {
        value = 0;
        Span<uint> parts = stackalloc uint[4];
        int count = 0;
        foreach (Range r in s.Split('.'))
        {
            ReadOnlySpan<char> part = s[r];
            if (count == 4 || part.Length is 0 or > 8 || part.ContainsAnyExceptInRange('0', '9') || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            parts[count++] = uint.Parse(part, CultureInfo.InvariantCulture);
        }

        if (count < 2)
        {
            return false; // one part is a num
        }

        // Every part but the last is one byte; the last fills the bytes left (inet_aton).
        int lastBits = 8 * (5 - count);
        for (int i = 0; i < count - 1; i++)
        {
            if (parts[i] > 255)
            {
                return false;
            }

            value = (value << 8) | parts[i];
        }

        uint last = parts[count - 1];
        if (lastBits < 32 && last >> lastBits != 0)
        {
            return false;
        }

        value = (value << lastBits) | last;
        return true;
    }

    private static bool AllHex(ReadOnlySpan<char> s) => s.Length > 0 && !s.ContainsAnyExcept("0123456789abcdefABCDEF");
}
