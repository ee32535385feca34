namespace Sesame.RouterOS.Scripting.Values;

/// <summary>
/// RouterOS's operators, conversions and built-in value functions (MikroTik "Scripting": operators, data types,
/// <c>:tostr :tonum :toip :toip6 :totime :tobool :toarray :len :pick :find :typeof</c>).
/// A type error throws <see cref="RosScriptException"/> with the message the interpreter reports.
/// </summary>
/// <remarks>
/// Decisions where the manual is silent (each also at its place):
/// <list type="bullet">
/// <item>num arithmetic is checked: a result outside 64 bits is an error ("integer overflow"), not a wrap; so is time
/// arithmetic ("time overflow") and address arithmetic that leaves the address space.</item>
/// <item>No implicit conversion in arithmetic: <c>"5" + 1</c>, <c>true + 1</c>, <c>$unset + 1</c> are type errors
/// naming both types ("cannot add str to num"); <c>.</c> concatenates the printed forms of anything.</item>
/// <item>Values of different types are never equal (<c>"1" = 1</c> is false), except an ip and a prefix that hold the
/// same single address (<c>1.2.3.4 = 1.2.3.4/32</c>), an address and a str spelling it, and nil and nothing.</item>
/// <item><c>&lt; &gt; &lt;= &gt;=</c> need two values of one ordered type (num, str byte-wise, time, ip, ip6, id,
/// prefix); anything else is a type error rather than a silent false.</item>
/// <item>Conversions from a str take the exact text (no trimming); a failed one gives nil.</item>
/// <item>A string is at most <see cref="RosLimits.MaxStringBytes"/> bytes, an array at most
/// <see cref="RosLimits.MaxArrayLength"/> elements; past that, an error.</item>
/// </list>
/// </remarks>
public static partial class RosOps
{
    /// <summary>A binary operator: <c>. + - * / % = != &lt; &gt; &lt;= &gt;= &amp;&amp; || and or in ^ &amp; | &lt;&lt; &gt;&gt; ,</c>.</summary>
    /// <remarks>
    /// <c>&amp;&amp; ||</c> check both operands here, since both are already values (<c>true || "abc"</c> is a type
    /// error); an interpreter that short-circuits calls <see cref="IsTrue"/> on the left and skips the right.
    /// </remarks>
    public static RosValue Binary(string op, RosValue left, RosValue right)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return op switch
        {
            "." => Concat(left, right),
            "+" => Add(left, right),
            "-" => Subtract(left, right),
            "*" => Multiply(left, right),
            "/" => Divide(left, right),
            "%" => Modulo(left, right),
            "=" => Bool(AreEqual(left, right)),
            "!=" => Bool(!AreEqual(left, right)),
            "<" => Bool(Compare(left, right, op) < 0),
            ">" => Bool(Compare(left, right, op) > 0),
            "<=" => Bool(Compare(left, right, op) <= 0),
            ">=" => Bool(Compare(left, right, op) >= 0),
            "&&" or "and" => Bool(NeedBool(left, op) & NeedBool(right, op)),
            "||" or "or" => Bool(NeedBool(left, op) | NeedBool(right, op)),
            "in" => Bool(In(left, right)),
            "&" or "|" or "^" => Bitwise(op, left, right),
            "<<" or ">>" => Shift(op, left, right),
            "," => Join(left, right),
            _ => throw new RosScriptException($"unknown operator '{op}'"),
        };
    }

    /// <summary>A unary operator: <c>! not - ~</c>.</summary>
    public static RosValue Unary(string op, RosValue operand)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(operand);
        return (op, operand) switch
        {
            ("!" or "not", _) => Bool(!NeedBool(operand, op)),
            ("-", RosNum n) => n.Value == long.MinValue ? throw Overflow() : new RosNum(-n.Value),
            ("-", RosTime t) => t.Value.Ticks == long.MinValue ? throw TimeOverflow() : new RosTime(TimeSpan.FromTicks(-t.Value.Ticks)),
            ("~", RosNum n) => new RosNum(~n.Value),
            ("~", RosIp ip) => new RosIp(Sesame.Net.IpRange.Host(ip.Address.Family, ~ip.Address.First & AllOnes(ip.Address.Family))),
            ("-" or "~", _) => throw new RosScriptException($"cannot apply '{op}' to {operand.TypeName}"),
            _ => throw new RosScriptException($"unknown operator '{op}'"),
        };
    }

    private static RosBool Bool(bool value) => RosBool.Of(value);

    private static bool NeedBool(RosValue value, string op) => value is RosBool b
        ? b.Value
        : throw new RosScriptException($"'{op}' needs bool operands, got {value.TypeName}");

    private static RosScriptException TypeError(string op, RosValue left, RosValue right) => new(op switch
    {
        "+" => $"cannot add {right.TypeName} to {left.TypeName}",
        "-" => $"cannot subtract {right.TypeName} from {left.TypeName}",
        "*" => $"cannot multiply {left.TypeName} by {right.TypeName}",
        "/" => $"cannot divide {left.TypeName} by {right.TypeName}",
        "%" => $"cannot take {left.TypeName} modulo {right.TypeName}",
        "in" => $"cannot test whether {left.TypeName} is in {right.TypeName} (need an address or prefix in a prefix)",
        "<" or ">" or "<=" or ">=" => $"cannot compare {left.TypeName} with {right.TypeName}",
        _ => $"cannot apply '{op}' to {left.TypeName} and {right.TypeName}",
    });

    private static RosScriptException Overflow() => new("integer overflow (the result does not fit 64 bits)");
}
