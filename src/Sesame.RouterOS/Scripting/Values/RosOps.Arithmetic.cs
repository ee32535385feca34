using Sesame.Net;
using Sesame.Text;

namespace Sesame.RouterOS.Scripting.Values;

public static partial class RosOps
{
    private static RosStr Concat(RosValue left, RosValue right)
    {
        string a = ToStr(left);
        string b = ToStr(right);
        long chars = (long)a.Length + b.Length;
        // Each character is at least one byte, so more characters than the limit is already too long.
        if (chars > RosLimits.MaxStringBytes
            || (chars * 3 > RosLimits.MaxStringBytes && (long)RosText.ByteLength(a) + RosText.ByteLength(b) > RosLimits.MaxStringBytes))
        {
            throw RosText.TooLong();
        }

        string joined = string.Concat(a, b);

        // Two stray bytes can join into one character (the halves of "é" from two :pick calls); decoding again keeps one
        // spelling per byte string, so that whoever compares the .NET strings (a list name) sees them equal.
        return new RosStr(HasStrayBytes(a) || HasStrayBytes(b) ? RouterOsBytes.GetString(RouterOsBytes.GetBytes(joined)) : joined);

        static bool HasStrayBytes(string s) => s.AsSpan().IndexOfAnyInRange('\uDC80', '\uDCFF') >= 0;
    }

    /// <summary><c>+</c>: num + num, time + time, ip + num (either side) shifts the address.</summary>
    private static RosValue Add(RosValue left, RosValue right) => (left, right) switch
    {
        (RosNum a, RosNum b) => TryAdd(a.Value, b.Value, out long r) ? new RosNum(r) : throw Overflow(),
        (RosTime a, RosTime b) => TryAdd(a.Value.Ticks, b.Value.Ticks, out long r) ? Time(r) : throw TimeOverflow(),
        (RosIp a, RosNum b) => ShiftAddress(a, b.Value),
        (RosNum a, RosIp b) => ShiftAddress(b, a.Value),
        _ => throw TypeError("+", left, right),
    };

    /// <summary><c>-</c>: num - num, time - time, ip - num, ip - ip (the distance, a num).</summary>
    private static RosValue Subtract(RosValue left, RosValue right) => (left, right) switch
    {
        (RosNum a, RosNum b) => TrySubtract(a.Value, b.Value, out long r) ? new RosNum(r) : throw Overflow(),
        (RosTime a, RosTime b) => TrySubtract(a.Value.Ticks, b.Value.Ticks, out long r) ? Time(r) : throw TimeOverflow(),
        (RosIp a, RosNum b) => b.Value == long.MinValue ? throw AddressOverflow(a) : ShiftAddress(a, -b.Value),
        (RosIp a, RosIp b) when a.Address.Family == b.Address.Family => new RosNum(Distance(a.Address.First, b.Address.First)),
        _ => throw TypeError("-", left, right),
    };

    /// <summary><c>*</c>: num * num, time * num (either side).</summary>
    private static RosValue Multiply(RosValue left, RosValue right) => (left, right) switch
    {
        (RosNum a, RosNum b) => TryMultiply(a.Value, b.Value, out long r) ? new RosNum(r) : throw Overflow(),
        (RosTime a, RosNum b) => TryMultiply(a.Value.Ticks, b.Value, out long r) ? Time(r) : throw TimeOverflow(),
        (RosNum a, RosTime b) => TryMultiply(b.Value.Ticks, a.Value, out long r) ? Time(r) : throw TimeOverflow(),
        _ => throw TypeError("*", left, right),
    };

    /// <summary><c>/</c>: integer division of nums (10/3 = 3, truncated toward zero), time / num.</summary>
    private static RosValue Divide(RosValue left, RosValue right) => (left, right) switch
    {
        (RosNum, RosNum { Value: 0 }) or (RosTime, RosNum { Value: 0 }) => throw DivisionByZero(),
        (RosNum a, RosNum b) => a.Value == long.MinValue && b.Value == -1 ? throw Overflow() : new RosNum(a.Value / b.Value),
        (RosTime a, RosNum b) => a.Value.Ticks == long.MinValue && b.Value == -1 ? throw TimeOverflow() : new RosTime(TimeSpan.FromTicks(a.Value.Ticks / b.Value)),
        _ => throw TypeError("/", left, right),
    };

    private static RosValue Modulo(RosValue left, RosValue right) => (left, right) switch
    {
        (RosNum, RosNum { Value: 0 }) => throw DivisionByZero(),
        (RosNum, RosNum { Value: -1 }) => new RosNum(0), // long.MinValue % -1 throws in .NET; the result is 0
        (RosNum a, RosNum b) => new RosNum(a.Value % b.Value),
        _ => throw TypeError("%", left, right),
    };

    /// <summary><c>&amp; | ^</c> on nums, and on two addresses of one family (netmask arithmetic: <c>192.168.88.77 &amp; 255.255.255.0</c>).</summary>
    private static RosValue Bitwise(string op, RosValue left, RosValue right)
    {
        if (left is RosNum a && right is RosNum b)
        {
            return new RosNum(op switch { "&" => a.Value & b.Value, "|" => a.Value | b.Value, _ => a.Value ^ b.Value });
        }

        if (left is RosIp x && right is RosIp y && x.Address.Family == y.Address.Family)
        {
            UInt128 p = x.Address.First;
            UInt128 q = y.Address.First;
            return new RosIp(IpRange.Host(x.Address.Family, op switch { "&" => p & q, "|" => p | q, _ => p ^ q }));
        }

        throw TypeError(op, left, right);
    }

    /// <summary>
    /// <c>&lt;&lt; &gt;&gt;</c> on nums and on IPv4 addresses (the manual: <c>192.168.88.77&lt;&lt;8</c>,
    /// <c>192.168.88.77&gt;&gt;24</c>; "not supported for IPv6"). The count must be 0..63 (decision: a larger or
    /// negative count is an error rather than .NET's silent count modulo 64). A num's <c>&gt;&gt;</c> is arithmetic (the
    /// sign is kept); an address shifts within its 32 bits, bits shifted out are lost.
    /// </summary>
    private static RosValue Shift(string op, RosValue left, RosValue right)
    {
        if (left is not (RosNum or RosIp { Address.Family: IpFamily.V4 }) || right is not RosNum b)
        {
            throw TypeError(op, left, right);
        }

        if (b.Value is < 0 or > 63)
        {
            throw new RosScriptException($"shift count {b.Value} is out of range (0..63)");
        }

        int count = (int)b.Value;
        if (left is RosNum a)
        {
            return new RosNum(op == "<<" ? a.Value << count : a.Value >> count);
        }

        ulong address = (ulong)((RosIp)left).Address.First;
        ulong shifted = count >= 32 ? 0 : (op == "<<" ? address << count : address >> count) & uint.MaxValue;
        return new RosIp(IpRange.Host(IpFamily.V4, shifted));
    }

    /// <summary><c>,</c>: an array of both sides, an array side giving its elements (<c>("a","b")</c> has two elements).</summary>
    private static RosArray Join(RosValue left, RosValue right)
    {
        var result = new RosArray();
        Append(result, left);
        Append(result, right);
        return result;

        static void Append(RosArray into, RosValue value)
        {
            if (value is RosArray array)
            {
                foreach (KeyValuePair<string?, RosValue> item in array.Items)
                {
                    if (item.Key is null)
                    {
                        into.Add(item.Value is RosArray nested ? nested.Copy() : item.Value);
                    }
                    else
                    {
                        into.Set(new RosStr(item.Key), item.Value is RosArray nested ? nested.Copy() : item.Value);
                    }
                }
            }
            else
            {
                into.Add(value);
            }
        }
    }

    /// <summary>
    /// <c>in</c>: an address or a prefix inside a prefix (or equal to an address) of its family; a different family is
    /// simply not in it. A str operand that spells an address or prefix is read as one (see <see cref="AreEqual"/>);
    /// any other operand is a type error, never a silent false.
    /// </summary>
    private static bool In(RosValue left, RosValue right)
    {
        if (!TryRange(left, out IpRange inner) || !TryRange(right, out IpRange outer))
        {
            throw TypeError("in", left, right);
        }

        return inner.Family == outer.Family && inner.First >= outer.First && inner.Last <= outer.Last;

        static bool TryRange(RosValue value, out IpRange range)
        {
            switch (value)
            {
                case RosIp ip:
                    range = ip.Address;
                    return true;
                case RosPrefix p:
                    range = p.Prefix;
                    return true;
                case RosStr s:
                    return TryParseAddress(s.Value, out range);
                default:
                    range = default;
                    return false;
            }
        }
    }

    private static RosIp ShiftAddress(RosIp ip, long delta)
    {
        UInt128 value = ip.Address.First;
        UInt128 max = AllOnes(ip.Address.Family);
        UInt128 magnitude = delta < 0 ? (UInt128)(-(delta + 1)) + 1 : (UInt128)delta;
        if (delta >= 0 ? max - value < magnitude : value < magnitude)
        {
            throw AddressOverflow(ip);
        }

        return new RosIp(IpRange.Host(ip.Address.Family, delta >= 0 ? value + magnitude : value - magnitude));
    }

    private static long Distance(UInt128 a, UInt128 b)
    {
        UInt128 magnitude = a >= b ? a - b : b - a;
        if (magnitude > (UInt128)long.MaxValue)
        {
            throw Overflow();
        }

        return a >= b ? (long)magnitude : -(long)magnitude;
    }

    private static UInt128 AllOnes(IpFamily family) => family == IpFamily.V4 ? uint.MaxValue : UInt128.MaxValue;

    private static bool TryAdd(long a, long b, out long r)
    {
        r = unchecked(a + b);
        // Overflow when both operands have the same sign and the result's sign differs.
        return ((a ^ r) & (b ^ r)) >= 0;
    }

    private static bool TrySubtract(long a, long b, out long r)
    {
        r = unchecked(a - b);
        return ((a ^ b) & (a ^ r)) >= 0;
    }

    private static bool TryMultiply(long a, long b, out long r)
    {
        Int128 wide = (Int128)a * b;
        r = unchecked((long)wide);
        return wide >= long.MinValue && wide <= long.MaxValue;
    }

    private static RosTime Time(long ticks) => new(TimeSpan.FromTicks(ticks));

    private static RosScriptException TimeOverflow() => new("time overflow (the result is out of range)");

    private static RosScriptException DivisionByZero() => new("division by zero");

    private static RosScriptException AddressOverflow(RosIp ip) =>
        new($"address arithmetic on {ToStr(ip)} leaves the {(ip.Address.Family == IpFamily.V4 ? "IPv4" : "IPv6")} address space");
}
