using Sesame.Net;

namespace Sesame.RouterOS.Scripting.Values;

/// <remarks>
/// Decision for every conversion from a str: the text must be the value and nothing else, no surrounding space or
/// newline (<c>:toip " 1.2.3.4"</c> is nil), so that a string carrying more than an address never passes as one.
/// </remarks>
public static partial class RosOps
{
    /// <summary><c>:tonum</c>; <see cref="RosNil"/> when it does not convert.</summary>
    /// <remarks>
    /// A str in decimal or <c>0x</c> hex (<c>:tonum "0x10"</c> is 16); a time as whole seconds; an IPv4 address as its
    /// 32-bit value; an id as its number. Decisions: a bool, a prefix, an ip6 and an array do not convert (nil).
    /// </remarks>
    public static RosValue ToNum(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            RosNum => value,
            RosStr s => TryParseNum(s.Value, out long n) ? new RosNum(n) : RosNil.Instance,
            RosTime t => new RosNum(t.Value.Ticks / TimeSpan.TicksPerSecond),
            RosIp { Address.Family: IpFamily.V4 } ip => new RosNum((long)ip.Address.First),
            RosId id => new RosNum(id.Value),
            _ => RosNil.Instance,
        };
    }

    /// <summary><c>:toip</c>; <see cref="RosNil"/> when it does not convert (<c>:toip "300.1.1.1"</c> is nil).</summary>
    public static RosValue ToIp(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            RosIp { Address.Family: IpFamily.V4 } => value,
            RosStr s => TryParseIp(s.Value, out IpRange ip) ? new RosIp(ip) : RosNil.Instance,
            _ => RosNil.Instance,
        };
    }

    /// <summary><c>:toip6</c>; <see cref="RosNil"/> when it does not convert.</summary>
    public static RosValue ToIp6(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            RosIp { Address.Family: IpFamily.V6 } => value,
            RosStr s => TryParseIp6(s.Value, out IpRange ip) ? new RosIp(ip) : RosNil.Instance,
            _ => RosNil.Instance,
        };
    }

    /// <summary><c>:totime</c>; <see cref="RosNil"/> when it does not convert.</summary>
    /// <remarks>A str in any RouterOS time form (<c>1h</c>, <c>00:30:00</c>, <c>1d02:00:00</c>; a bare number is seconds); a num is seconds.</remarks>
    public static RosValue ToTime(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            RosTime => value,
            RosStr s => TryParseTime(s.Value, out TimeSpan t) ? new RosTime(t) : RosNil.Instance,
            RosNum n => n.Value is > long.MaxValue / TimeSpan.TicksPerSecond or < long.MinValue / TimeSpan.TicksPerSecond
                ? RosNil.Instance
                : new RosTime(TimeSpan.FromSeconds(n.Value)),
            _ => RosNil.Instance,
        };
    }

    /// <summary><c>:tobool</c>; <see cref="RosNil"/> when it does not convert.</summary>
    /// <remarks>A str <c>true false yes no</c>; a num, 0 false and any other true (decision, as C reads a number).</remarks>
    public static RosValue ToBool(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            RosBool => value,
            RosStr { Value: "true" or "yes" } => RosBool.True,
            RosStr { Value: "false" or "no" } => RosBool.False,
            RosNum n => Bool(n.Value != 0),
            _ => RosNil.Instance,
        };
    }

    /// <summary><c>:toid</c>: a str <c>*1A</c> or a num gives an id of an unknown menu; <see cref="RosNil"/> otherwise.</summary>
    public static RosValue ToId(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            RosId => value,
            RosStr s => TryParseId(s.Value, out long id) ? new RosId(id, "") : RosNil.Instance,
            RosNum n => new RosId(n.Value, ""),
            _ => RosNil.Instance,
        };
    }

    /// <summary><c>:tostr</c>.</summary>
    public static RosStr ToStrValue(RosValue value) => value as RosStr ?? new RosStr(ToStr(value));

    /// <summary><c>:toarray</c>: an array as is, a string split at commas, anything else a one-element array.</summary>
    /// <remarks>
    /// The parts of a split string are strs (<c>:toarray "a,b,c"</c> has three); an empty string, nil and nothing give
    /// an empty array. The parts are not trimmed: <c>"a, b"</c> gives <c>"a"</c> and <c>" b"</c>.
    /// </remarks>
    public static RosArray ToArray(RosValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case RosArray array:
                return array;
            case RosNil or RosNothing:
                return new RosArray();
            case RosStr s:
                var result = new RosArray();
                if (s.Value.Length == 0)
                {
                    return result;
                }

                int start = 0;
                while (true)
                {
                    int comma = s.Value.IndexOf(',', start);
                    result.Add(new RosStr(comma < 0 ? s.Value[start..] : s.Value[start..comma]));
                    if (comma < 0)
                    {
                        return result;
                    }

                    start = comma + 1;
                }

            default:
                return new RosArray([value]);
        }
    }
}
