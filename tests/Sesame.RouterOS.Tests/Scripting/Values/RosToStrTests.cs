using Sesame.RouterOS.Scripting.Values;
using static Sesame.Tests.Scripting.Values.Ros;

namespace Sesame.Tests.Scripting.Values;

/// <summary>How values print in <c>:put</c>, <c>:log</c>, <c>.</c> and <c>:tostr</c>.</summary>
public sealed class RosToStrTests
{
    [Theory]
    [InlineData(0, "00:00:00")]
    [InlineData(1, "00:00:01")]
    [InlineData(59, "00:00:59")]
    [InlineData(60, "00:01:00")]
    [InlineData(3600, "01:00:00")]
    [InlineData(86_399, "23:59:59")]
    [InlineData(86_400, "1d00:00:00")]
    [InlineData(93_600, "1d02:00:00")]
    [InlineData(604_800, "1w00:00:00")]
    [InlineData(777_600, "1w2d00:00:00")]
    [InlineData(6_048_000, "10w00:00:00")]
    [InlineData(-90, "-00:01:30")]
    public void FormatTime_Seconds_AsRouterOsPrints(long seconds, string expected)
    {
        Assert.Equal(expected, Put(new RosTime(TimeSpan.FromSeconds(seconds))));
    }

    [Theory]
    [InlineData(1_500, "00:00:01.500")]
    [InlineData(1, "00:00:00.001")]
    [InlineData(90_010, "00:01:30.010")]
    public void FormatTime_Milliseconds_AfterDot(long ms, string expected)
    {
        Assert.Equal(expected, Put(new RosTime(TimeSpan.FromMilliseconds(ms))));
    }

    [Fact]
    public void FormatTime_Microseconds_SixDigits()
    {
        Assert.Equal("00:00:00.000100", Put(new RosTime(TimeSpan.FromTicks(1000))));
    }

    [Fact]
    public void FormatTime_Nanoseconds_NineDigits()
    {
        // The manual's :timestamp example: weeks, no days, a nine-digit fraction.
        TimeSpan t = TimeSpan.FromDays(2735 * 7) + new TimeSpan(21, 41, 43) + TimeSpan.FromTicks(4_818_915);
        Assert.Equal("2735w21:41:43.481891500", Put(new RosTime(t)));
    }

    [Fact]
    public void FormatTime_Extremes_DoNotThrow()
    {
        Assert.StartsWith("-", Put(new RosTime(TimeSpan.MinValue)));
        Assert.EndsWith("02:48:05.477580700", Put(new RosTime(TimeSpan.MaxValue)));
    }

    [Fact]
    public void ToStr_Scalars_AsRouterOsPrints()
    {
        Assert.Equal("true", Put(RosBool.True));
        Assert.Equal("false", Put(RosBool.False));
        Assert.Equal("-42", Put(N(-42)));
        Assert.Equal("*FF", Put(new RosId(255, "ip firewall address-list")));
        Assert.Equal("", Put(RosNil.Instance));
        Assert.Equal("", Put(RosNothing.Instance));
        Assert.Equal("a\"b", Put(S("a\"b")));
    }

    [Fact]
    public void ToStr_Arrays_JoinedWithSemicolon()
    {
        Assert.Equal("1;2;3", Put(Array(N(1), N(2), N(3))));
        Assert.Equal("a=1;b=2", Put(Keyed(("b", N(2)), ("a", N(1)))));
        Assert.Equal("", Put(new RosArray()));
        Assert.Equal("1;2;3;4", Put(Array(N(1), Array(N(2), N(3)), N(4))));
        Assert.Equal("x;y;k=1.2.3.4", Put(RosOps.Binary(",", Array(S("x"), S("y")), Keyed(("k", W("1.2.3.4"))))));
    }

    [Fact]
    public void ToStr_IpHoldingRange_PrintsWholeRange()
    {
        Assert.True(Sesame.Net.IpRange.TryParse("10.0.0.10-10.0.0.20", out Sesame.Net.IpRange? range));
        Assert.Equal("10.0.0.10-10.0.0.20", Put(new RosIp(range.Value)));
    }

    [Fact]
    public void ToStrValue_Str_ReturnsSame()
    {
        RosStr s = S("x");
        Assert.Same(s, RosOps.ToStrValue(s));
        Assert.Equal(S("10"), RosOps.ToStrValue(N(10)));
    }
}
