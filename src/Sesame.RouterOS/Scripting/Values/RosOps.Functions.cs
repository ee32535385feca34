namespace Sesame.RouterOS.Scripting.Values;

public static partial class RosOps
{
    /// <summary>Whether a value is true where a condition is needed (<c>:if</c>, <c>:while</c>); a non-bool is a type error.</summary>
    public static bool IsTrue(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value is RosBool b
            ? b.Value
            : throw new RosScriptException($"a condition must be bool, got {value.TypeName}{(value is RosNil or RosNothing ? "" : $" ({Quote(ToStr(value))})")}");
    }

    /// <summary><c>:len</c>: a string's bytes (<c>:len "äb"</c> is 3), an array's elements, 0 for nil and nothing, otherwise the length of the printed value.</summary>
    public static long Length(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            RosStr s => RosText.ByteLength(s.Value),
            RosArray a => a.Count,
            RosNil or RosNothing => 0,
            _ => RosText.ByteLength(ToStr(value)),
        };
    }

    /// <summary><c>:pick</c> <paramref name="value"/> <paramref name="start"/> [<paramref name="end"/>].</summary>
    /// <remarks>
    /// A string gives bytes [start, end) (<c>:pick "abcde" 1 3</c> is <c>bc</c>), or the one byte at start when there
    /// is no end; an array gives the element at start, or a sub-array of elements [start, end) (keys kept). Positions
    /// are clamped to the value (a negative start is 0, an end past the value is its length); an empty range gives an
    /// empty string or array. One position outside the value gives nothing for an array (as <c>$a->9</c>) and the empty
    /// string for a string (decision). Other types are picked from their printed form; nil and nothing give nothing.
    /// </remarks>
    public static RosValue Pick(RosValue value, long start, long? end)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is RosArray array)
        {
            IReadOnlyList<KeyValuePair<string?, RosValue>> items = array.Items;
            if (end is null)
            {
                return start >= 0 && start < items.Count ? items[(int)start].Value : RosNothing.Instance;
            }

            (int from, int to) = Clamp(start, end.Value, items.Count);
            var sub = new RosArray();
            for (int i = from; i < to; i++)
            {
                KeyValuePair<string?, RosValue> item = items[i];
                RosValue element = item.Value is RosArray nested ? nested.Copy() : item.Value;
                if (item.Key is null)
                {
                    sub.Add(element);
                }
                else
                {
                    sub.Set(new RosStr(item.Key), element);
                }
            }

            return sub;
        }

        if (value is RosNil or RosNothing)
        {
            return RosNothing.Instance;
        }

        string s = ToStr(value);
        int length = RosText.ByteLength(s);
        if (end is null)
        {
            return new RosStr(start >= 0 && start < length ? RosText.Slice(s, (int)start, (int)start + 1) : "");
        }

        (int a, int b) = Clamp(start, end.Value, length);
        return new RosStr(a < b ? RosText.Slice(s, a, b) : "");
    }

    /// <summary><c>:find</c> <paramref name="haystack"/> <paramref name="needle"/> [<paramref name="from"/>]: a position, or nil.</summary>
    /// <remarks>
    /// As the manual's <c>:find "abc" "a" -1</c> (0) shows, the search starts after position <paramref name="from"/>
    /// (from the start when it is absent), so a loop passing the last position found walks every occurrence. A string is
    /// searched by bytes for the needle's printed form; an array for an element equal (<see cref="AreEqual"/>) to the needle.
    /// </remarks>
    public static RosValue Find(RosValue haystack, RosValue needle, long? from)
    {
        ArgumentNullException.ThrowIfNull(haystack);
        ArgumentNullException.ThrowIfNull(needle);
        long first = from switch
        {
            null => 0,
            long.MaxValue => long.MaxValue,
            { } f => Math.Max(f + 1, 0),
        };
        if (haystack is RosArray array)
        {
            IReadOnlyList<KeyValuePair<string?, RosValue>> items = array.Items;
            for (long i = first; i < items.Count; i++)
            {
                if (AreEqual(items[(int)i].Value, needle))
                {
                    return new RosNum(i);
                }
            }

            return RosNil.Instance;
        }

        if (haystack is RosNil or RosNothing)
        {
            return RosNil.Instance;
        }

        string s = ToStr(haystack);
        if (first > int.MaxValue)
        {
            return RosNil.Instance;
        }

        int at = RosText.IndexOf(s, ToStr(needle), (int)first);
        return at < 0 ? RosNil.Instance : new RosNum(at);
    }

    /// <summary><c>:typeof</c>.</summary>
    public static RosStr TypeOf(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new RosStr(value.TypeName);
    }

    private static (int From, int To) Clamp(long start, long end, int length)
    {
        long from = Math.Clamp(start, 0, length);
        long to = Math.Clamp(end, 0, length);
        return ((int)from, (int)Math.Max(from, to));
    }

    /// <summary>A value for an error message: quoted, cut at 40 characters, control characters shown as <c>\XX</c>.</summary>
    internal static string Quote(string s)
    {
        const int Max = 40;
        var sb = new System.Text.StringBuilder("\"");
        foreach (char c in s.Length > Max ? s[..Max] : s)
        {
            if (c < 0x20 || c == 0x7F)
            {
                sb.Append('\\').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
            }
        }

        return sb.Append(s.Length > Max ? "\"…" : "\"").ToString();
    }
}
