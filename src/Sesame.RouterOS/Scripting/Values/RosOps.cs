namespace Sesame.RouterOS.Scripting.Values;

/// <summary>
/// RouterOS's operators, conversions and built-in value functions (MikroTik "Scripting": operators, data types,
/// <c>:tostr :tonum :toip :toip6 :totime :tobool :toarray :len :pick :find :typeof</c>).
/// A type error throws <see cref="RosScriptException"/> with the message the interpreter reports.
/// </summary>
public static class RosOps
{
    // CONTRACT SKELETON (lead): signatures the interpreter calls. The values helper implements them (and may add more).

    /// <summary>A binary operator: <c>. + - * / % = != &lt; &gt; &lt;= &gt;= &amp;&amp; || and or in ^ &amp; | &lt;&lt; &gt;&gt;</c>.</summary>
    public static RosValue Binary(string op, RosValue left, RosValue right) => throw new NotImplementedException();

    /// <summary>A unary operator: <c>! not - ~</c>.</summary>
    public static RosValue Unary(string op, RosValue operand) => throw new NotImplementedException();

    /// <summary>
    /// Types an unquoted word as the console does: <c>10</c> num, <c>1.2.3.4</c> ip, <c>1.2.3.0/24</c> ip-prefix, ip6 and
    /// ip6-prefix, <c>1h30m</c>/<c>00:30:00</c> time, <c>yes no true false</c> bool, <c>*1A</c> id; anything else str.
    /// </summary>
    public static RosValue Literal(string word) => throw new NotImplementedException();

    /// <summary>How a value prints in <c>:put</c>, <c>:log</c>, <c>.</c> and string interpolation (<c>:tostr</c>).</summary>
    public static string ToStr(RosValue value) => throw new NotImplementedException();

    /// <summary><c>:tonum</c>; <see cref="RosNil"/> when it does not convert.</summary>
    public static RosValue ToNum(RosValue value) => throw new NotImplementedException();

    /// <summary><c>:toip</c>; <see cref="RosNil"/> when it does not convert.</summary>
    public static RosValue ToIp(RosValue value) => throw new NotImplementedException();

    /// <summary><c>:toip6</c>; <see cref="RosNil"/> when it does not convert.</summary>
    public static RosValue ToIp6(RosValue value) => throw new NotImplementedException();

    /// <summary><c>:totime</c>; <see cref="RosNil"/> when it does not convert.</summary>
    public static RosValue ToTime(RosValue value) => throw new NotImplementedException();

    /// <summary><c>:tobool</c>; <see cref="RosNil"/> when it does not convert.</summary>
    public static RosValue ToBool(RosValue value) => throw new NotImplementedException();

    /// <summary><c>:toarray</c>: an array as is, a string split at commas, anything else a one-element array.</summary>
    public static RosArray ToArray(RosValue value) => throw new NotImplementedException();

    /// <summary>Whether a value is true where a condition is needed (<c>:if</c>, <c>:while</c>); a non-bool is a type error.</summary>
    public static bool IsTrue(RosValue value) => throw new NotImplementedException();

    /// <summary><c>:len</c>.</summary>
    public static long Length(RosValue value) => throw new NotImplementedException();

    /// <summary><c>:pick</c> <paramref name="value"/> <paramref name="start"/> [<paramref name="end"/>].</summary>
    public static RosValue Pick(RosValue value, long start, long? end) => throw new NotImplementedException();

    /// <summary><c>:find</c> <paramref name="haystack"/> <paramref name="needle"/> [<paramref name="from"/>]: a position, or nil.</summary>
    public static RosValue Find(RosValue haystack, RosValue needle, long? from) => throw new NotImplementedException();

    /// <summary>Equality as <c>=</c> compares (an ip with a prefix, a str with a num, and so on).</summary>
    public static bool AreEqual(RosValue left, RosValue right) => throw new NotImplementedException();
}
