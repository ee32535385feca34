using Sesame.RouterOS.Scripting.Values;
using static Sesame.Tests.Scripting.Values.Ros;

namespace Sesame.Tests.Scripting.Values;

/// <summary><c>= != &lt; &gt; &lt;= &gt;=</c>: equality across types and the order of each ordered type.</summary>
public sealed class RosCompareTests
{
    [Theory]
    [InlineData("1", "1", true)]
    [InlineData("1", "2", false)]
    [InlineData("0x10", "16", true)]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "ABC", false)]
    [InlineData("true", "yes", true)]
    [InlineData("1h", "60m", true)]
    [InlineData("1h", "01:00:00", true)]
    [InlineData("1.2.3.4", "1.2.3.4", true)]
    [InlineData("1.2.3.4", "1.2.3.5", false)]
    [InlineData("1.2.3.4/24", "1.2.3.0/24", true)]
    [InlineData("1.2.3.0/24", "1.2.3.0/25", false)]
    [InlineData("1.2.3.4", "1.2.3.4/32", true)]
    [InlineData("1.2.3.4", "1.2.3.0/24", false)]
    [InlineData("2001:db8::1", "2001:DB8:0::1", true)]
    [InlineData("2001:db8::1", "2001:db8::1/128", true)]
    [InlineData("*1A", "*1a", true)]
    public void AreEqual_SameMeaning(string left, string right, bool expected)
    {
        Assert.Equal(expected, RosOps.AreEqual(W(left), W(right)));
        Assert.Equal(RosBool.Of(expected), RosOps.Binary("=", W(left), W(right)));
        Assert.Equal(RosBool.Of(!expected), RosOps.Binary("!=", W(left), W(right)));
    }

    [Fact]
    public void AreEqual_DifferentTypes_Unequal()
    {
        Assert.False(RosOps.AreEqual(S("1"), N(1)));
        Assert.False(RosOps.AreEqual(S("true"), RosBool.True));
        Assert.False(RosOps.AreEqual(N(1), RosBool.True));
        Assert.False(RosOps.AreEqual(N(0), RosNil.Instance));
        Assert.False(RosOps.AreEqual(S(""), RosNil.Instance));
        Assert.False(RosOps.AreEqual(S(""), RosNothing.Instance));
        Assert.False(RosOps.AreEqual(W("1s"), N(1)));
        Assert.False(RosOps.AreEqual(W("1.2.3.4"), W("::ffff:1.2.3.4")));
        Assert.False(RosOps.AreEqual(new RosId(1, ""), N(1)));
        Assert.False(RosOps.AreEqual(new RosArray(), S("")));
    }

    [Fact]
    public void AreEqual_NilAndNothing_Equal()
    {
        Assert.True(RosOps.AreEqual(RosNil.Instance, RosNothing.Instance));
        Assert.True(RosOps.AreEqual(RosNil.Instance, new RosNil()));
    }

    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4", true)]
    [InlineData("1.2.3.4", " 1.2.3.4", false)]
    [InlineData("1.2.3.4", "1.2.3.4\n", false)]
    [InlineData("1.2.3.4", "1.2.3.4/32", true)]
    [InlineData("1.2.3.4", "1.2.3.5", false)]
    [InlineData("1.2.3.4", "host", false)]
    [InlineData("1.2.3.0/24", "1.2.3.9/24", true)]
    [InlineData("2001:db8::1", "2001:db8:0::1", true)]
    public void AreEqual_AddressAndStrSpellingIt(string address, string text, bool expected)
    {
        Assert.Equal(expected, RosOps.AreEqual(W(address), S(text)));
        Assert.Equal(expected, RosOps.AreEqual(S(text), W(address)));
    }

    [Fact]
    public void AreEqual_Ids_MenuMustAgreeWhenBothKnown()
    {
        var a = new RosId(5, "ip firewall address-list");
        Assert.True(RosOps.AreEqual(a, new RosId(5, "ip firewall address-list")));
        Assert.True(RosOps.AreEqual(a, new RosId(5, "")));
        Assert.False(RosOps.AreEqual(a, new RosId(5, "ip firewall filter")));
        Assert.False(RosOps.AreEqual(a, new RosId(6, "ip firewall address-list")));
    }

    [Fact]
    public void AreEqual_Arrays_ElementWise()
    {
        Assert.True(RosOps.AreEqual(Array(N(1), S("a")), Array(N(1), S("a"))));
        Assert.False(RosOps.AreEqual(Array(N(1), S("a")), Array(S("a"), N(1))));
        Assert.False(RosOps.AreEqual(Array(N(1)), Array(N(1), N(1))));
        Assert.True(RosOps.AreEqual(Keyed(("a", N(1)), ("b", N(2))), Keyed(("b", N(2)), ("a", N(1)))));
        Assert.False(RosOps.AreEqual(Keyed(("a", N(1))), Array(N(1))));
        Assert.True(RosOps.AreEqual(Array(Array(N(1))), Array(Array(N(1)))));
    }

    [Theory]
    [InlineData("1", "<", "2", true)]
    [InlineData("2", "<", "1", false)]
    [InlineData("-5", "<", "3", true)]
    [InlineData("2", "<=", "2", true)]
    [InlineData("2", ">=", "3", false)]
    [InlineData("3", ">", "2", true)]
    [InlineData("abc", "<", "abd", true)]
    [InlineData("ab", "<", "abc", true)]
    [InlineData("B", "<", "a", true)]
    [InlineData("10", "<", "9", false)]
    [InlineData("30s", "<", "1m", true)]
    [InlineData("1d", ">", "23h", true)]
    [InlineData("-1s", "<", "0s", true)]
    [InlineData("10.0.0.2", ">", "10.0.0.1", true)]
    [InlineData("9.255.255.255", "<", "10.0.0.0", true)]
    [InlineData("2001:db8::2", ">", "2001:db8::1", true)]
    [InlineData("10.0.0.0/8", "<", "10.0.0.0/16", true)]
    [InlineData("10.0.0.0/8", "<", "11.0.0.0/8", true)]
    [InlineData("*A", "<", "*1A", true)]
    public void Binary_Order_PerType(string left, string op, string right, bool expected)
    {
        Assert.Equal(RosBool.Of(expected), RosOps.Binary(op, W(left), W(right)));
    }

    [Fact]
    public void Compare_Strings_ByteWise()
    {
        // "é" is C3 A9 in UTF-8 and "\FF" the single byte FF: byte order puts é first; UTF-16 order would not.
        string ff = Sesame.Text.RouterOsBytes.GetString([0xFF]);
        Assert.True(RosOps.Compare(S("é"), S(ff)) < 0);
        Assert.True(RosOps.Compare(S("\uFFFD"), S("😀")) < 0); // EF BF BD before F0 9F 98 80
        Assert.True(RosOps.Compare(S("z"), S("é")) < 0);
        Assert.Equal(0, RosOps.Compare(S("é"), S("é")));
    }

    [Theory]
    [InlineData("1", "<", "a")]
    [InlineData("1", ">", "1h")]
    [InlineData("1.2.3.4", "<", "::1")]
    [InlineData("true", "<", "false")]
    [InlineData("1.2.3.4", "<", "1.2.3.0/24")]
    public void Binary_OrderAcrossTypes_TypeError(string left, string op, string right)
    {
        var e = Assert.Throws<RosScriptException>(() => RosOps.Binary(op, W(left), W(right)));
        Assert.StartsWith("cannot compare", e.Message);
    }

    [Fact]
    public void Binary_OrderWithNil_TypeError()
    {
        Assert.Equal("cannot compare nil with num", Assert.Throws<RosScriptException>(() => RosOps.Binary("<", RosNil.Instance, N(1))).Message);
        Assert.Throws<RosScriptException>(() => RosOps.Binary(">", new RosArray(), new RosArray()));
    }
}
