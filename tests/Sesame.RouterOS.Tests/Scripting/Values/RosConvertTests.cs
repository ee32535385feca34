using Sesame.RouterOS.Scripting.Values;
using static Sesame.Tests.Scripting.Values.Ros;

namespace Sesame.Tests.Scripting.Values;

/// <summary><c>:tonum :toip :toip6 :totime :tobool :toarray :toid :tostr</c>; a failed conversion gives nil.</summary>
public sealed class RosConvertTests
{
    [Theory]
    [InlineData("0x10", "16")]
    [InlineData("10", "10")]
    [InlineData("-10", "-10")]
    [InlineData("0xFFFFFFFF", "4294967295")]
    public void ToNum_Str_Converts(string text, string expected)
    {
        RosValue n = RosOps.ToNum(S(text));
        Assert.Equal("num", n.TypeName);
        Assert.Equal(expected, Put(n));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("12abc")]
    [InlineData("0x")]
    [InlineData("99999999999999999999")]
    [InlineData("1 2")]
    [InlineData(" 7")]
    [InlineData("7\n")]
    public void ToNum_NotANumber_Nil(string text)
    {
        Assert.Same(RosNil.Instance, RosOps.ToNum(S(text)));
    }

    [Fact]
    public void ToNum_OtherTypes()
    {
        Assert.Equal(N(5), RosOps.ToNum(N(5)));
        Assert.Equal(N(5400), RosOps.ToNum(W("1h30m")));
        Assert.Equal(N(1), RosOps.ToNum(W("1500ms")));
        Assert.Equal(N(-1), RosOps.ToNum(W("-1500ms")));
        Assert.Equal(N(TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerSecond), RosOps.ToNum(new RosTime(TimeSpan.MaxValue)));
        Assert.Equal(N(16843009), RosOps.ToNum(W("1.1.1.1")));
        Assert.Equal(N(26), RosOps.ToNum(W("*1A")));
        Assert.Same(RosNil.Instance, RosOps.ToNum(RosBool.True));
        Assert.Same(RosNil.Instance, RosOps.ToNum(W("::1")));
        Assert.Same(RosNil.Instance, RosOps.ToNum(RosNothing.Instance));
        Assert.Same(RosNil.Instance, RosOps.ToNum(new RosArray()));
    }

    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("16.8", "16.0.0.8")]
    public void ToIp_Str_Converts(string text, string expected)
    {
        RosValue ip = RosOps.ToIp(S(text));
        Assert.Equal("ip", ip.TypeName);
        Assert.Equal(expected, Put(ip));
    }

    [Theory]
    [InlineData("300.1.1.1")]
    [InlineData("1.2.3.4/24")]
    [InlineData("010.0.0.1")]
    [InlineData("1")]
    [InlineData("::1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("1.2.3.4\n")]
    [InlineData(" 10.0.0.1")]
    [InlineData("1.2.3.4\0")]
    public void ToIp_NotAnIpv4Address_Nil(string text)
    {
        Assert.Same(RosNil.Instance, RosOps.ToIp(S(text)));
    }

    [Fact]
    public void ToIp_OtherTypes()
    {
        Assert.Equal(W("1.2.3.4"), RosOps.ToIp(W("1.2.3.4")));
        Assert.Same(RosNil.Instance, RosOps.ToIp(W("2001:db8::1")));
        Assert.Same(RosNil.Instance, RosOps.ToIp(N(1)));
        Assert.Same(RosNil.Instance, RosOps.ToIp(W("1.2.3.0/24")));
    }

    [Theory]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("::", "::")]
    [InlineData("FE80::1", "fe80::1")]
    public void ToIp6_Str_Converts(string text, string expected)
    {
        RosValue ip = RosOps.ToIp6(S(text));
        Assert.Equal("ip6", ip.TypeName);
        Assert.Equal(expected, Put(ip));
    }

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("2001:db8::/32")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:db8:::1")]
    [InlineData("gggg::1")]
    [InlineData("[::1]")]
    [InlineData("::1\n")]
    [InlineData(" ::1")]
    public void ToIp6_NotAnIpv6Address_Nil(string text)
    {
        Assert.Same(RosNil.Instance, RosOps.ToIp6(S(text)));
    }

    [Theory]
    [InlineData("1h", "01:00:00")]
    [InlineData("30m", "00:30:00")]
    [InlineData("00:30:00", "00:30:00")]
    [InlineData("1d02:00:00", "1d02:00:00")]
    [InlineData("1w2d3h4m5s", "1w2d03:04:05")]
    [InlineData("500ms", "00:00:00.500")]
    [InlineData("90", "00:01:30")]
    [InlineData("-5m", "-00:05:00")]
    [InlineData("2735w21:41:43.481", "2735w21:41:43.481")]
    [InlineData("2735w1d21:41:43", "2735w1d21:41:43")]
    [InlineData("52w", "52w00:00:00")]
    [InlineData("1500000w35w", "1500035w00:00:00")]
    [InlineData("-100w", "-100w00:00:00")]
    public void ToTime_Str_Converts(string text, string expected)
    {
        RosValue t = RosOps.ToTime(S(text));
        Assert.Equal("time", t.TypeName);
        Assert.Equal(expected, Put(t));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1y")]
    [InlineData("h")]
    [InlineData("1:2:3:4")]
    [InlineData("-")]
    [InlineData("--1h")]
    [InlineData("52ww")]
    [InlineData("w1d")]
    [InlineData("1000000000000w")]
    [InlineData("999999999999w")]
    [InlineData("1500001w")]
    [InlineData("52w1y")]
    public void ToTime_NotATime_Nil(string text)
    {
        Assert.Same(RosNil.Instance, RosOps.ToTime(S(text)));
    }

    [Fact]
    public void ToTime_Num_IsSeconds()
    {
        Assert.Equal("01:00:00", Put(RosOps.ToTime(N(3600))));
        Assert.Equal("-00:00:01", Put(RosOps.ToTime(N(-1))));
        Assert.Same(RosNil.Instance, RosOps.ToTime(N(long.MaxValue)));
        Assert.Same(RosNil.Instance, RosOps.ToTime(RosBool.True));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    public void ToBool_Str_Converts(string text, bool expected)
    {
        Assert.Equal(RosBool.Of(expected), RosOps.ToBool(S(text)));
    }

    [Fact]
    public void ToBool_Others()
    {
        Assert.Equal(RosBool.True, RosOps.ToBool(N(1)));
        Assert.Equal(RosBool.True, RosOps.ToBool(N(-7)));
        Assert.Equal(RosBool.False, RosOps.ToBool(N(0)));
        Assert.Equal(RosBool.True, RosOps.ToBool(RosBool.True));
        Assert.Same(RosNil.Instance, RosOps.ToBool(S("TRUE")));
        Assert.Same(RosNil.Instance, RosOps.ToBool(S("1")));
        Assert.Same(RosNil.Instance, RosOps.ToBool(S("")));
        Assert.Same(RosNil.Instance, RosOps.ToBool(RosNil.Instance));
    }

    [Fact]
    public void ToArray_CommaString_Splits()
    {
        RosArray a = RosOps.ToArray(S("a,b,c"));
        Assert.Equal(3, a.Count);
        Assert.Equal("a;b;c", Put(a));
        Assert.All(a.Items, i => Assert.Equal("str", i.Value.TypeName));
        Assert.Equal(S("b"), a.Get(N(1)));
    }

    [Fact]
    public void ToArray_EdgeStrings()
    {
        Assert.Equal(0, RosOps.ToArray(S("")).Count);
        Assert.Equal(1, RosOps.ToArray(S("abc")).Count);
        Assert.Equal(3, RosOps.ToArray(S(",,")).Count);
        Assert.Equal(S(" b"), RosOps.ToArray(S("a, b")).Get(N(1)));
    }

    [Fact]
    public void ToArray_Others()
    {
        RosArray existing = Array(N(1));
        Assert.Same(existing, RosOps.ToArray(existing));
        Assert.Equal(0, RosOps.ToArray(RosNil.Instance).Count);
        Assert.Equal(0, RosOps.ToArray(RosNothing.Instance).Count);
        RosArray one = RosOps.ToArray(N(5));
        Assert.Equal(1, one.Count);
        Assert.Equal(N(5), one.Get(N(0)));
    }

    [Fact]
    public void ToId_Converts()
    {
        Assert.Equal(new RosId(0x1A, ""), RosOps.ToId(S("*1A")));
        Assert.Equal(new RosId(3, ""), RosOps.ToId(N(3)));
        Assert.Same(RosNil.Instance, RosOps.ToId(S("1A")));
        Assert.Same(RosNil.Instance, RosOps.ToId(RosBool.True));
    }
}
