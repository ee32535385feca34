using System.Globalization;
using System.Text;
using Sesame.Net;

namespace Sesame.RouterOS.Scripting.Values;

public static partial class RosOps
{
    /// <summary>How a value prints in <c>:put</c>, <c>:log</c>, <c>.</c> and string interpolation (<c>:tostr</c>).</summary>
    /// <remarks>
    /// An array prints its elements joined with <c>;</c>, keyed ones as <c>key=value</c> (<c>1;2;3</c>, <c>a=1;b=2</c>);
    /// a nested array prints flat inside it, as RouterOS does. nil and nothing print as the empty string.
    /// </remarks>
    public static string ToStr(RosValue value) => ToStrAt(value, 1);

    private static string ToStrAt(RosValue value, int depth)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            RosStr s => s.Value,
            RosNum n => n.Value.ToString(CultureInfo.InvariantCulture),
            RosBool b => b.Value ? "true" : "false",
            // An ip normally holds one host; should a host give one holding more (a range entry), it prints all of it.
            RosIp ip => ip.Address.IsHost ? IpRange.ToAddress(ip.Address.Family, ip.Address.First).ToString() : ip.Address.ToString(),
            RosPrefix p => PrefixToStr(p.Prefix),
            RosTime t => FormatTime(t.Value),
            RosId id => "*" + id.Value.ToString("X", CultureInfo.InvariantCulture),
            RosArray a => ArrayToStr(a, depth),
            _ => "",
        };
    }

    /// <summary>
    /// A time as RouterOS prints it in scripts: weeks and days as units, then a clock (<c>00:30:00</c>, <c>1d02:00:00</c>,
    /// <c>1w00:00:00</c>, <c>1w2d00:00:00</c>), milliseconds after a dot when there are any (<c>00:00:01.500</c>), finer
    /// parts as microseconds (<c>00:00:00.000100</c>) or nanoseconds (the manual's <c>:timestamp</c> prints
    /// <c>2735w21:41:43.481891543</c>), a minus sign before a negative time. Unlike the configuration's
    /// spelling (<see cref="Sesame.Model.RouterOsTime.Format"/>), which is what <c>export</c> writes.
    /// </summary>
    public static string FormatTime(TimeSpan value)
    {
        var sb = new StringBuilder(16);
        long ticks = value.Ticks;
        if (ticks < 0)
        {
            sb.Append('-');
        }

        // TimeSpan.MinValue has no positive counterpart; its magnitude still fits an unsigned number.
        ulong magnitude = ticks < 0 ? (ulong)(-(ticks + 1)) + 1 : (ulong)ticks;
        ulong totalSeconds = magnitude / TimeSpan.TicksPerSecond;
        ulong fraction = magnitude % TimeSpan.TicksPerSecond;
        ulong weeks = totalSeconds / 604_800;
        ulong days = totalSeconds / 86_400 % 7;
        ulong hours = totalSeconds / 3600 % 24;
        ulong minutes = totalSeconds / 60 % 60;
        ulong seconds = totalSeconds % 60;
        if (weeks > 0)
        {
            sb.Append(weeks.ToString(CultureInfo.InvariantCulture)).Append('w');
        }

        if (days > 0)
        {
            sb.Append(days.ToString(CultureInfo.InvariantCulture)).Append('d');
        }

        sb.Append(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{seconds:00}");
        if (fraction != 0)
        {
            sb.Append('.').Append(
                fraction % TimeSpan.TicksPerMillisecond == 0 ? (fraction / TimeSpan.TicksPerMillisecond).ToString("000", CultureInfo.InvariantCulture)
                : fraction % TimeSpan.TicksPerMicrosecond == 0 ? (fraction / TimeSpan.TicksPerMicrosecond).ToString("000000", CultureInfo.InvariantCulture)
                : (fraction * TimeSpan.NanosecondsPerTick).ToString("000000000", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static string PrefixToStr(IpRange prefix)
    {
        int length = prefix.PrefixLength;
        string network = IpRange.ToAddress(prefix.Family, prefix.First).ToString();
        return length >= 0 ? $"{network}/{length}" : prefix.ToString();
    }

    private static string ArrayToStr(RosArray array, int depth)
    {
        RosArray.CheckDepth(depth);
        var sb = new StringBuilder();
        bool first = true;
        foreach (KeyValuePair<string?, RosValue> item in array.Items)
        {
            if (!first)
            {
                sb.Append(';');
            }

            first = false;
            if (item.Key is not null)
            {
                sb.Append(item.Key).Append('=');
            }

            sb.Append(ToStrAt(item.Value, depth + 1));

            // Checked as it grows: a 1,000,000-element array of long strings must not build a giant string first.
            if (sb.Length > RosLimits.MaxStringBytes)
            {
                throw RosText.TooLong();
            }
        }

        return RosText.Checked(sb.ToString());
    }
}
