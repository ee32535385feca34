using Sesame.RouterOS.Scripting.Values;
using static Sesame.Tests.Scripting.Values.Ros;

namespace Sesame.Tests.Scripting.Values;

/// <summary>Operators (MikroTik "Scripting", operators): arithmetic, address and time arithmetic, bitwise, logic.</summary>
public sealed class RosOperatorTests
{
    [Theory]
    [InlineData("3", "+", "4", "7")]
    [InlineData("3", "-", "4", "-1")]
    [InlineData("3", "*", "4", "12")]
    [InlineData("10", "/", "3", "3")]
    [InlineData("-10", "/", "3", "-3")]
    [InlineData("10", "%", "3", "1")]
    [InlineData("-10", "%", "3", "-1")]
    [InlineData("0x10", "+", "1", "17")]
    [InlineData("-9223372036854775808", "%", "-1", "0")]
    [InlineData("9223372036854775807", "-", "9223372036854775807", "0")]
    public void Binary_Num_Arithmetic(string left, string op, string right, string expected)
    {
        Assert.Equal(expected, Put(left, op, right));
    }

    [Theory]
    [InlineData("9223372036854775807", "+", "1")]
    [InlineData("-9223372036854775808", "-", "1")]
    [InlineData("4611686018427387904", "*", "2")]
    [InlineData("-9223372036854775808", "/", "-1")]
    [InlineData("-9223372036854775808", "*", "-1")]
    public void Binary_NumOverflow_Error(string left, string op, string right)
    {
        var e = Assert.Throws<RosScriptException>(() => RosOps.Binary(op, W(left), W(right)));
        Assert.Contains("overflow", e.Message);
    }

    [Theory]
    [InlineData("1", "/", "0")]
    [InlineData("1", "%", "0")]
    [InlineData("1h", "/", "0")]
    public void Binary_DivisionByZero_Error(string left, string op, string right)
    {
        var e = Assert.Throws<RosScriptException>(() => RosOps.Binary(op, W(left), W(right)));
        Assert.Equal("division by zero", e.Message);
    }

    [Theory]
    [InlineData("5", "-5")]
    [InlineData("-5", "5")]
    [InlineData("0", "0")]
    [InlineData("1h", "-01:00:00")]
    public void Unary_Minus_Negates(string operand, string expected)
    {
        Assert.Equal(expected, Put(RosOps.Unary("-", W(operand))));
    }

    [Fact]
    public void Unary_MinusOfMinimum_Overflow()
    {
        Assert.Throws<RosScriptException>(() => RosOps.Unary("-", N(long.MinValue)));
        Assert.Throws<RosScriptException>(() => RosOps.Unary("-", new RosTime(TimeSpan.MinValue)));
    }

    [Theory]
    [InlineData("1h", "+", "30m", "01:30:00")]
    [InlineData("1d", "+", "2h", "1d02:00:00")]
    [InlineData("1h", "-", "30m", "00:30:00")]
    [InlineData("30m", "-", "1h", "-00:30:00")]
    [InlineData("30m", "*", "2", "01:00:00")]
    [InlineData("2", "*", "30m", "01:00:00")]
    [InlineData("1h", "/", "4", "00:15:00")]
    [InlineData("1s", "/", "2", "00:00:00.500")]
    [InlineData("1w", "-", "1d", "6d00:00:00")]
    public void Binary_Time_Arithmetic(string left, string op, string right, string expected)
    {
        Assert.Equal(expected, Put(left, op, right));
    }

    [Fact]
    public void Binary_TimeOverflow_Error()
    {
        var big = new RosTime(TimeSpan.MaxValue);
        Assert.Contains("time overflow", Assert.Throws<RosScriptException>(() => RosOps.Binary("+", big, W("1s"))).Message);
        Assert.Contains("time overflow", Assert.Throws<RosScriptException>(() => RosOps.Binary("*", big, N(2))).Message);
    }

    [Theory]
    [InlineData("1.1.1.1", "+", "1", "1.1.1.2")]
    [InlineData("1", "+", "1.1.1.1", "1.1.1.2")]
    [InlineData("1.1.1.255", "+", "1", "1.1.2.0")]
    [InlineData("1.1.1.1", "-", "2", "1.1.0.255")]
    [InlineData("1.1.1.1", "+", "-1", "1.1.1.0")]
    [InlineData("10.0.0.10", "-", "10.0.0.1", "9")]
    [InlineData("10.0.0.1", "-", "10.0.0.10", "-9")]
    [InlineData("192.168.88.77", "&", "255.255.255.0", "192.168.88.0")]
    [InlineData("192.168.88.77", "|", "0.0.0.255", "192.168.88.255")]
    [InlineData("192.168.88.77", "^", "0.0.0.1", "192.168.88.76")]
    [InlineData("2001:db8::1", "+", "1", "2001:db8::2")]
    [InlineData("2001:db8::ffff", "+", "1", "2001:db8::1:0")]
    [InlineData("2001:db8::10", "-", "2001:db8::1", "15")]
    [InlineData("2001:db8::1234", "&", "ffff:ffff::", "2001:db8::")]
    public void Binary_Address_Arithmetic(string left, string op, string right, string expected)
    {
        Assert.Equal(expected, Put(left, op, right));
    }

    [Theory]
    [InlineData("255.255.255.255", "+", "1")]
    [InlineData("0.0.0.0", "-", "1")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "+", "1")]
    [InlineData("::", "-", "1")]
    [InlineData("::", "-", "-9223372036854775808")]
    public void Binary_AddressLeavesSpace_Error(string left, string op, string right)
    {
        var e = Assert.Throws<RosScriptException>(() => RosOps.Binary(op, W(left), W(right)));
        Assert.Contains("address space", e.Message);
    }

    [Theory]
    [InlineData("1.2.3.4", "-", "::1")]
    [InlineData("1.2.3.4", "&", "ffff::")]
    [InlineData("1.2.3.4", "+", "1.2.3.4")]
    [InlineData("1.2.3.0/24", "+", "1")]
    [InlineData("::", "-", "9223372036854775807.1.1.1")]
    public void Binary_AddressMismatch_TypeError(string left, string op, string right)
    {
        Assert.Throws<RosScriptException>(() => RosOps.Binary(op, W(left), W(right)));
    }

    [Fact]
    public void Binary_Ip6Distance_TooFar_Overflow()
    {
        Assert.Contains("overflow", Assert.Throws<RosScriptException>(() => RosOps.Binary("-", W("ffff::"), W("::"))).Message);
    }

    [Theory]
    [InlineData("~", "255.255.255.0", "0.0.0.255")]
    [InlineData("~", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("~", "0", "-1")]
    [InlineData("~", "5", "-6")]
    public void Unary_BitwiseNot(string op, string operand, string expected)
    {
        Assert.Equal(expected, Put(RosOps.Unary(op, W(operand))));
    }

    [Theory]
    [InlineData("12", "&", "10", "8")]
    [InlineData("12", "|", "3", "15")]
    [InlineData("12", "^", "10", "6")]
    [InlineData("1", "<<", "4", "16")]
    [InlineData("1", "<<", "63", "-9223372036854775808")]
    [InlineData("256", ">>", "4", "16")]
    [InlineData("-16", ">>", "2", "-4")]
    public void Binary_Num_Bitwise(string left, string op, string right, string expected)
    {
        Assert.Equal(expected, Put(left, op, right));
    }

    [Theory]
    [InlineData("192.168.88.77", "<<", "8", "168.88.77.0")]
    [InlineData("192.168.88.77", ">>", "24", "0.0.0.192")]
    [InlineData("0.0.0.1", "<<", "31", "128.0.0.0")]
    [InlineData("255.255.255.255", "<<", "32", "0.0.0.0")]
    [InlineData("255.255.255.255", ">>", "40", "0.0.0.0")]
    [InlineData("1.2.3.4", "<<", "0", "1.2.3.4")]
    public void Binary_Ipv4Shift_ManualExamples(string left, string op, string right, string expected)
    {
        Assert.Equal(expected, Put(left, op, right));
        Assert.Equal("ip", RosOps.Binary(op, W(left), W(right)).TypeName);
    }

    [Theory]
    [InlineData("2001:db8::1", "<<", "8")]
    [InlineData("1.2.3.0/24", ">>", "8")]
    [InlineData("1.2.3.4", "<<", "1.2.3.4")]
    [InlineData("abc", ">>", "1")]
    public void Binary_ShiftUnsupported_TypeError(string left, string op, string right)
    {
        Assert.Throws<RosScriptException>(() => RosOps.Binary(op, W(left), W(right)));
    }

    [Theory]
    [InlineData("~", "0.0.0.0", "255.255.255.255")]
    [InlineData("~", "::ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:0")]
    public void Unary_BitwiseNot_ManualExamples(string op, string operand, string expected)
    {
        Assert.Equal(expected, Put(RosOps.Unary(op, W(operand))));
    }

    [Theory]
    [InlineData("192.168.88.0", "|", "0.0.0.255", "192.168.88.255")]
    [InlineData("2001::1", "|", "::ffff", "2001::ffff")]
    [InlineData("1.1.1.1", "^", "255.255.0.0", "254.254.1.1")]
    [InlineData("2001::ffff:1", "^", "::ffff:0", "2001::1")]
    [InlineData("2001::1111", "&", "ffff::", "2001::")]
    [InlineData("192.168.88.77", "&", "0.0.0.255", "0.0.0.77")]
    [InlineData("5", "%", "3", "2")]
    [InlineData("1", "-", "6", "-5")]
    [InlineData("4", "*", "5", "20")]
    [InlineData("3", "+", "4", "7")]
    [InlineData("1.1.1.1/32", "in", "1.0.0.0/8", "true")]
    public void Binary_ManualOperatorTable(string left, string op, string right, string expected)
    {
        Assert.Equal(expected, Put(left, op, right));
    }

    [Fact]
    public void Binary_Ipv4Broadcast_ManualExample()
    {
        // :local InvertedCIDR (~$CIDRnetmask); :put ($Network|$InvertedCIDR)
        RosValue inverted = RosOps.Unary("~", W("255.255.255.0"));
        Assert.Equal("192.168.88.255", Put(RosOps.Binary("|", W("192.168.88.0"), inverted)));
    }

    [Fact]
    public void Binary_CommaAddsElement_ManualExample()
    {
        Assert.Equal("1;2;3;5", Put(RosOps.Binary(",", Array(N(1), N(2), N(3)), N(5))));
    }

    [Theory]
    [InlineData("64")]
    [InlineData("-1")]
    public void Binary_ShiftCountOutOfRange_Error(string count)
    {
        Assert.Contains("shift count", Assert.Throws<RosScriptException>(() => RosOps.Binary("<<", N(1), W(count))).Message);
    }

    [Theory]
    [InlineData("true", "&&", "true", "true")]
    [InlineData("true", "&&", "false", "false")]
    [InlineData("false", "||", "true", "true")]
    [InlineData("false", "||", "false", "false")]
    [InlineData("yes", "and", "yes", "true")]
    [InlineData("no", "or", "yes", "true")]
    public void Binary_Logic_NeedsBools(string left, string op, string right, string expected)
    {
        Assert.Equal(expected, Put(left, op, right));
    }

    [Theory]
    [InlineData("1", "&&", "true")]
    [InlineData("true", "||", "abc")]
    [InlineData("true", "and", "1")]
    public void Binary_LogicOnNonBool_TypeError(string left, string op, string right)
    {
        var e = Assert.Throws<RosScriptException>(() => RosOps.Binary(op, W(left), W(right)));
        Assert.Contains("needs bool operands", e.Message);
    }

    [Fact]
    public void Unary_Not_NeedsBool()
    {
        Assert.Equal(RosBool.False, RosOps.Unary("!", RosBool.True));
        Assert.Equal(RosBool.True, RosOps.Unary("not", RosBool.False));
        Assert.Throws<RosScriptException>(() => RosOps.Unary("!", N(0)));
        Assert.Throws<RosScriptException>(() => RosOps.Unary("!", RosNil.Instance));
    }

    [Theory]
    [InlineData("1.1.1.1", "1.0.0.0/8", true)]
    [InlineData("2.1.1.1", "1.0.0.0/8", false)]
    [InlineData("1.2.3.0/24", "1.2.0.0/16", true)]
    [InlineData("1.2.0.0/16", "1.2.3.0/24", false)]
    [InlineData("1.2.3.0/24", "1.2.3.0/24", true)]
    [InlineData("1.2.3.4", "0.0.0.0/0", true)]
    [InlineData("1.2.3.4", "1.2.3.4", true)]
    [InlineData("2001:db8::1", "2001:db8::/32", true)]
    [InlineData("2001:db9::1", "2001:db8::/32", false)]
    [InlineData("2001:db8:1::/48", "2001:db8::/32", true)]
    [InlineData("::ffff:1.2.3.4", "1.2.3.0/24", false)]
    [InlineData("1.2.3.4", "::/0", false)]
    [InlineData("2001:db8::1", "0.0.0.0/0", false)]
    public void Binary_In_AddressInPrefix(string left, string right, bool expected)
    {
        Assert.Equal(RosBool.Of(expected), RosOps.Binary("in", W(left), W(right)));
    }

    [Fact]
    public void Binary_In_StrSpellingAnAddress_ReadAsAddress()
    {
        Assert.Equal(RosBool.True, RosOps.Binary("in", S("10.1.2.3"), W("10.0.0.0/8")));
        Assert.Equal(RosBool.True, RosOps.Binary("in", W("10.1.2.3"), S("10.0.0.0/8")));
    }

    [Theory]
    [InlineData("abc", "10.0.0.0/8")]
    [InlineData("5", "10.0.0.0/8")]
    [InlineData("1.2.3.4", "abc")]
    [InlineData("1h", "10.0.0.0/8")]
    public void Binary_In_NotAddresses_TypeError(string left, string right)
    {
        var e = Assert.Throws<RosScriptException>(() => RosOps.Binary("in", W(left), W(right)));
        Assert.StartsWith("cannot test whether", e.Message);
    }

    [Fact]
    public void Binary_In_NilOperand_TypeErrorNotFalse()
    {
        // An unset variable must not silently read as "not in the list of trusted networks".
        Assert.Throws<RosScriptException>(() => RosOps.Binary("in", RosNil.Instance, W("10.0.0.0/8")));
    }

    [Theory]
    [InlineData("1", "+", "a", "cannot add str to num")]
    [InlineData("true", "+", "1", "cannot add num to bool")]
    [InlineData("1h", "+", "1", "cannot add num to time")]
    [InlineData("a", "-", "1", "cannot subtract num from str")]
    [InlineData("a", "*", "2", "cannot multiply str by num")]
    [InlineData("a", "/", "2", "cannot divide str by num")]
    [InlineData("1h", "/", "1h", "cannot divide time by time")]
    [InlineData("a", "%", "2", "cannot take str modulo num")]
    [InlineData("abc", "&", "1", "cannot apply '&' to str and num")]
    public void Binary_TypeMismatch_MessageNamesOperands(string left, string op, string right, string message)
    {
        Assert.Equal(message, Assert.Throws<RosScriptException>(() => RosOps.Binary(op, W(left), W(right))).Message);
    }

    [Fact]
    public void Binary_NilInArithmetic_TypeError()
    {
        Assert.Equal("cannot add nil to num", Assert.Throws<RosScriptException>(() => RosOps.Binary("+", N(1), RosNil.Instance)).Message);
        Assert.Throws<RosScriptException>(() => RosOps.Binary("+", RosNothing.Instance, N(1)));
    }

    [Fact]
    public void Binary_UnknownOperator_Error()
    {
        Assert.Throws<RosScriptException>(() => RosOps.Binary("**", N(1), N(1)));
        Assert.Throws<RosScriptException>(() => RosOps.Unary("+", N(1)));
    }

    [Theory]
    [InlineData("a", "b", "ab")]
    [InlineData("a", "1", "a1")]
    [InlineData("1", "2", "12")]
    [InlineData("1.2.3.4", "/24", "1.2.3.4/24")]
    [InlineData("1h", "x", "01:00:00x")]
    [InlineData("true", "", "true")]
    public void Binary_Dot_ConcatenatesPrinted(string left, string right, string expected)
    {
        Assert.Equal(expected, Put(left, ".", right));
        Assert.Equal("str", RosOps.Binary(".", W(left), W(right)).TypeName);
    }

    [Fact]
    public void Binary_Dot_NilPrintsEmpty()
    {
        Assert.Equal("x", Put(RosOps.Binary(".", S("x"), RosNil.Instance)));
        Assert.Equal("x", Put(RosOps.Binary(".", RosNothing.Instance, S("x"))));
    }

    [Fact]
    public void Binary_Comma_BuildsArray()
    {
        RosValue two = RosOps.Binary(",", S("a"), S("b"));
        Assert.Equal("array", two.TypeName);
        Assert.Equal(2, RosOps.Length(two));
        RosValue three = RosOps.Binary(",", two, S("c"));
        Assert.Equal("a;b;c", Put(three));
        Assert.Equal(2, RosOps.Length(two)); // the operands are not changed
        Assert.Equal("a;b;a;b", Put(RosOps.Binary(",", two, two)));
    }
}
