using System.Globalization;
using System.Text;

namespace Sesame.Model;

/// <summary>RouterOS time values (ROUTEROS.md §1.9): <c>30s</c>, <c>1000m</c>, <c>1w2d3h4m5s</c>, <c>500ms</c>, <c>00:30:00</c>, <c>1d02:00:00</c>, a bare number of seconds, fractions allowed.</summary>
public static class RouterOsTime
{
    /// <summary>The largest time RouterOS accepts for timeouts: 35w3d13h13m56s (2^31/100 seconds).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(21474836);

    public static bool TryParse(string text, out TimeSpan value) => TryParse(text, out value, out _);

    public static bool TryParse(string text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        string s = text.Trim();
        if (s.Length == 0)
        {
            error = "empty time value";
            return false;
        }

        double seconds = 0;
        int i = 0;
        // An optional unit-suffixed head (e.g. "1d" in "1d02:00:00"), then either a clock "hh:mm:ss" or more units.
        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start)
            {
                error = $"'{text}' is not a time value (expected a number at '{s[i..]}')";
                return false;
            }

            if (i < s.Length && s[i] == ':')
            {
                if (!TryParseClock(s[start..], out double clock))
                {
                    error = $"'{text}' is not a time value (expected hh:mm:ss)";
                    return false;
                }

                seconds += clock;
                i = s.Length;
                break;
            }

            if (!double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number))
            {
                error = $"'{text}' is not a time value";
                return false;
            }

            int unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            string unit = s[unitStart..i].ToLowerInvariant();
            double factor = unit switch
            {
                "" => i == s.Length ? 1 : double.NaN,
                "ms" => 0.001,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86400,
                "w" => 604800,
                _ => double.NaN,
            };
            if (double.IsNaN(factor))
            {
                error = unit.Length == 0
                    ? $"'{text}' is not a time value"
                    : $"'{text}' is not a time value (unknown unit '{unit}'; use w, d, h, m, s or ms)";
                return false;
            }

            seconds += number * factor;
        }

        if (seconds > Max.TotalSeconds)
        {
            error = $"value of time is out of range (00:00:00 .. {Format(Max)})";
            return false;
        }

        value = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return true;
    }

    private static bool TryParseClock(string s, out double seconds)
    {
        seconds = 0;
        string[] parts = s.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        double total = 0;
        foreach (string part in parts)
        {
            if (part.Length == 0 || !double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n))
            {
                return false;
            }

            total = (total * 60) + n;
        }

        if (parts.Length == 2)
        {
            total *= 60; // hh:mm
        }

        seconds = total;
        return true;
    }

    /// <summary>
    /// The normalised spelling RouterOS prints: largest units first, zero units left out (<c>1000m</c> → <c>16h40m</c>,
    /// <c>00:30:00</c> → <c>30m</c>), <c>0s</c> for zero. ROUTEROS.md §10 item 12 asks for a decision: we canonicalise.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }

        long ms = (long)Math.Round(value.TotalMilliseconds);
        var sb = new StringBuilder();
        Append(sb, ref ms, 604_800_000, "w");
        Append(sb, ref ms, 86_400_000, "d");
        Append(sb, ref ms, 3_600_000, "h");
        Append(sb, ref ms, 60_000, "m");
        Append(sb, ref ms, 1_000, "s");
        Append(sb, ref ms, 1, "ms");
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, ref long ms, long unit, string suffix)
    {
        long n = ms / unit;
        if (n > 0)
        {
            sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(suffix);
            ms -= n * unit;
        }
    }
}
