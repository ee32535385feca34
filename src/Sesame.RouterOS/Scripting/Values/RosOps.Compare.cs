using Sesame.Net;

namespace Sesame.RouterOS.Scripting.Values;

public static partial class RosOps
{
    /// <summary>Equality as <c>=</c> compares (an ip with a prefix, a str with a num, and so on).</summary>
    /// <remarks>
    /// Same type: equal values (strings byte for byte, prefixes by their normalised network, arrays element by
    /// element, ids by number — an id from an unknown menu (<c>""</c>) matches the same number from any menu). Different
    /// types are unequal (decision: RouterOS does not convert for <c>=</c>; <c>"1" = 1</c> is false), except an address
    /// and a prefix holding exactly that address (<c>1.2.3.4 = 1.2.3.4/32</c>, as the console's <c>find address=</c>
    /// compares), an address or prefix and a str that spells it (<c>1.2.3.4 = "1.2.3.4"</c>: RouterOS gives an
    /// address-list entry's address as a str, Sesame's <c>get</c> as an ip, and a script written for either must work),
    /// and nil with nothing.
    /// </remarks>
    public static bool AreEqual(RosValue left, RosValue right) => AreEqualAt(left, right, 1);

    internal static bool AreEqualAt(RosValue left, RosValue right, int depth)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return (left, right) switch
        {
            (RosStr a, RosStr b) => RosText.EqualBytes(a.Value, b.Value),
            (RosNum a, RosNum b) => a.Value == b.Value,
            (RosBool a, RosBool b) => a.Value == b.Value,
            (RosTime a, RosTime b) => a.Value == b.Value,
            (RosIp a, RosIp b) => a.Address == b.Address,
            (RosPrefix a, RosPrefix b) => a.Prefix == b.Prefix,
            (RosIp a, RosPrefix b) => a.Address == b.Prefix,
            (RosPrefix a, RosIp b) => a.Prefix == b.Address,
            (RosIp a, RosStr b) => TryParseAddress(b.Value, out IpRange r) && r == a.Address,
            (RosStr a, RosIp b) => TryParseAddress(a.Value, out IpRange r) && r == b.Address,
            (RosPrefix a, RosStr b) => TryParseAddress(b.Value, out IpRange r) && r == a.Prefix,
            (RosStr a, RosPrefix b) => TryParseAddress(a.Value, out IpRange r) && r == b.Prefix,
            (RosId a, RosId b) => a.Value == b.Value && (a.Menu.Length == 0 || b.Menu.Length == 0 || a.Menu == b.Menu),
            (RosArray a, RosArray b) => a.EqualsAt(b, depth),
            (RosNil or RosNothing, RosNil or RosNothing) => true,
            _ => false,
        };
    }

    /// <summary>
    /// The order <c>&lt; &gt; &lt;= &gt;=</c> use: -1, 0 or 1. Both sides must be of one ordered type: num, str (byte-wise),
    /// time, ip or ip6 (same family), prefix (network first, then the shorter prefix first), id; bool, arrays, nil and
    /// mixed types are a type error.
    /// </summary>
    public static int Compare(RosValue left, RosValue right) => Compare(left, right, "<");

    private static int Compare(RosValue left, RosValue right, string op)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return (left, right) switch
        {
            (RosNum a, RosNum b) => a.Value.CompareTo(b.Value),
            (RosStr a, RosStr b) => RosText.CompareBytes(a.Value, b.Value),
            (RosTime a, RosTime b) => a.Value.CompareTo(b.Value),
            (RosIp a, RosIp b) when a.Address.Family == b.Address.Family => a.Address.First.CompareTo(b.Address.First),
            (RosPrefix a, RosPrefix b) when a.Prefix.Family == b.Prefix.Family => ComparePrefix(a.Prefix, b.Prefix),
            (RosId a, RosId b) => a.Value.CompareTo(b.Value),
            _ => throw TypeError(op, left, right),
        };
    }

    private static int ComparePrefix(IpRange a, IpRange b)
    {
        int byFirst = a.First.CompareTo(b.First);
        return byFirst != 0 ? Math.Sign(byFirst) : Math.Sign(b.Last.CompareTo(a.Last));
    }

    /// <summary>An ip, ip6 or prefix spelled in a str, as <c>=</c> and <c>in</c> read one.</summary>
    private static bool TryParseAddress(string s, out IpRange range)
    {
        return TryParseIp(s, out range) || TryParsePrefix(s, out range) || TryParseIp6(s, out range);
    }
}
