using Sesame.RouterOS.Scripting.Values;
using static Sesame.Tests.Scripting.Values.Ros;

namespace Sesame.Tests.Scripting.Values;

/// <summary><c>:typeof</c> of unquoted words and how each prints back (MikroTik "Scripting", data types).</summary>
public sealed class RosLiteralTests
{
    [Theory]
    [InlineData("4", "num", "4")]
    [InlineData("-4", "num", "-4")]
    [InlineData("0", "num", "0")]
    [InlineData("0x1F", "num", "31")]
    [InlineData("0x10", "num", "16")]
    [InlineData("0xffffffffffffffff", "num", "-1")]
    [InlineData("9223372036854775807", "num", "9223372036854775807")]
    [InlineData("-9223372036854775808", "num", "-9223372036854775808")]
    [InlineData("true", "bool", "true")]
    [InlineData("yes", "bool", "true")]
    [InlineData("false", "bool", "false")]
    [InlineData("no", "bool", "false")]
    [InlineData("1.2.3.4", "ip", "1.2.3.4")]
    [InlineData("0.0.0.0", "ip", "0.0.0.0")]
    [InlineData("255.255.255.255", "ip", "255.255.255.255")]
    [InlineData("1.2.3.0/24", "ip-prefix", "1.2.3.0/24")]
    [InlineData("1.2.3.4/24", "ip-prefix", "1.2.3.0/24")]
    [InlineData("10.0.0.1/32", "ip-prefix", "10.0.0.1/32")]
    [InlineData("0.0.0.0/0", "ip-prefix", "0.0.0.0/0")]
    [InlineData("2001:db8::1", "ip6", "2001:db8::1")]
    [InlineData("2001:DB8:0:0:0:0:0:1", "ip6", "2001:db8::1")]
    [InlineData("::", "ip6", "::")]
    [InlineData("::1", "ip6", "::1")]
    [InlineData("::ffff:1.2.3.4", "ip6", "::ffff:1.2.3.4")]
    [InlineData("2001:db8::/32", "ip6-prefix", "2001:db8::/32")]
    [InlineData("2001:db8::77/64", "ip6-prefix", "2001:db8::/64")]
    [InlineData("::/0", "ip6-prefix", "::/0")]
    [InlineData("1h30m", "time", "01:30:00")]
    [InlineData("1w2d3h4m5s", "time", "1w2d03:04:05")]
    [InlineData("500ms", "time", "00:00:00.500")]
    [InlineData("00:30:00", "time", "00:30:00")]
    [InlineData("1d02:00:00", "time", "1d02:00:00")]
    [InlineData("30m", "time", "00:30:00")]
    [InlineData("1d2h", "time", "1d02:00:00")]
    [InlineData("0s", "time", "00:00:00")]
    [InlineData("1000m", "time", "16:40:00")]
    [InlineData("25h", "time", "1d01:00:00")]
    [InlineData("1m30", "time", "00:01:30")]
    [InlineData("1w", "time", "1w00:00:00")]
    [InlineData("52w", "time", "52w00:00:00")]
    [InlineData("1.5s", "time", "00:00:01.500")]
    [InlineData("10:20", "time", "10:20:00")]
    [InlineData("*1A", "id", "*1A")]
    [InlineData("*1a", "id", "*1A")]
    [InlineData("*0", "id", "*0")]
    [InlineData("abc", "str", "abc")]
    [InlineData("", "str", "")]
    [InlineData("300.1.1.1", "str", "300.1.1.1")]
    [InlineData("1.2.3", "ip", "1.2.0.3")]
    [InlineData("32.16.8", "ip", "32.16.0.8")]
    [InlineData("16.8", "ip", "16.0.0.8")]
    [InlineData("0.8", "ip", "0.0.0.8")]
    [InlineData("1.5", "ip", "1.0.0.5")]
    [InlineData("10.65535", "ip", "10.0.255.255")]
    [InlineData("10.16777215", "ip", "10.255.255.255")]
    [InlineData("10.16777216", "str", "10.16777216")]
    [InlineData("10.1.65536", "str", "10.1.65536")]
    [InlineData("8.008.008.008", "str", "8.008.008.008")]
    [InlineData("010.0.0.1", "str", "010.0.0.1")]
    [InlineData("1.2.3.04", "str", "1.2.3.04")]
    [InlineData("1.2.3.4.5", "str", "1.2.3.4.5")]
    [InlineData("1.2.3.4/33", "str", "1.2.3.4/33")]
    [InlineData("1.2.3.4-1.2.3.9", "str", "1.2.3.4-1.2.3.9")]
    [InlineData("2001:db8::/129", "str", "2001:db8::/129")]
    [InlineData("fe80::1%eth0", "str", "fe80::1%eth0")]
    [InlineData("1.5.", "str", "1.5.")]
    [InlineData(".1.5", "str", ".1.5")]
    [InlineData("9223372036854775808", "str", "9223372036854775808")]
    [InlineData("0x", "str", "0x")]
    [InlineData("0x1G", "str", "0x1G")]
    [InlineData("*", "str", "*")]
    [InlineData("*XYZ", "str", "*XYZ")]
    [InlineData("TRUE", "str", "TRUE")]
    [InlineData("knock2", "str", "knock2")]
    [InlineData("-", "str", "-")]
    [InlineData("1x", "str", "1x")]
    public void Literal_Word_TypedAndPrintedAsRouterOs(string word, string type, string printed)
    {
        RosValue value = W(word);
        Assert.Equal(type, value.TypeName);
        Assert.Equal(type, Put(RosOps.TypeOf(value)));
        Assert.Equal(printed, Put(value));
    }

    [Theory]
    [InlineData("0x1.2.3.4")]
    [InlineData("1.2.3.256")]
    [InlineData("1..2.3")]
    [InlineData(" 1.2.3.4")]
    public void Literal_MalformedAddress_IsStr(string word)
    {
        Assert.Equal("str", W(word).TypeName);
    }

    [Fact]
    public void Literal_Id_HasUnknownMenu()
    {
        Assert.Equal(new RosId(0x1A, ""), W("*1A"));
    }

    [Fact]
    public void Literal_NegativeTime_Parses()
    {
        Assert.Equal(new RosTime(TimeSpan.FromHours(-1)), W("-1h"));
        Assert.Equal("-01:00:00", Put(W("-1h")));
    }
}
