using Sesame.RouterOS.Scripting.Values;

namespace Sesame.Tests.Scripting.Values;

/// <summary>Examples from MikroTik's "Scripting" manual, each with the result the manual states.</summary>
public sealed class RosOpsTests
{
    private static RosValue L(string word) => RosOps.Literal(word);

    private static string Put(RosValue value) => RosOps.ToStr(value);

    [Theory]
    [InlineData("4", "num")]
    [InlineData("-4", "num")]
    [InlineData("0x1F", "num")]
    [InlineData("true", "bool")]
    [InlineData("no", "bool")]
    [InlineData("1.2.3.4", "ip")]
    [InlineData("1.2.3.0/24", "ip-prefix")]
    [InlineData("2001:db8::1", "ip6")]
    [InlineData("2001:db8::/32", "ip6-prefix")]
    [InlineData("1h30m", "time")]
    [InlineData("00:30:00", "time")]
    [InlineData("*1A", "id")]
    [InlineData("abc", "str")]
    [InlineData("300.1.1.1", "str")]
    [InlineData("1.5", "str")]
    public void Literal_Word_TypedAsConsole(string word, string type)
    {
        Assert.Equal(type, L(word).TypeName);
    }

    [Fact]
    public void Len_String_CountsBytes()
    {
        Assert.Equal(3, RosOps.Length(new RosStr("abc")));
        Assert.Equal(3, RosOps.Length(new RosStr("äb")));
    }

    [Fact]
    public void Pick_String_ManualExample()
    {
        Assert.Equal("bc", Put(RosOps.Pick(new RosStr("abcde"), 1, 3)));
    }

    [Theory]
    [InlineData("1.1.1.1", "+", "1", "1.1.1.2")]
    [InlineData("192.168.88.77", "&", "255.255.255.0", "192.168.88.0")]
    [InlineData("1.1.1.1", "in", "1.0.0.0/8", "true")]
    [InlineData("1h", "+", "30m", "01:30:00")]
    [InlineData("10", "/", "3", "3")]
    [InlineData("a", ".", "1", "a1")]
    public void Binary_ManualExamples(string left, string op, string right, string expected)
    {
        Assert.Equal(expected, Put(RosOps.Binary(op, L(left), L(right))));
    }

    [Fact]
    public void Conversions_ManualExamples()
    {
        Assert.Equal(new RosNum(16), RosOps.ToNum(new RosStr("0x10")));
        Assert.Equal("01:00:00", Put(RosOps.ToTime(new RosStr("1h"))));
        Assert.Same(RosNil.Instance, RosOps.ToIp(new RosStr("300.1.1.1")));
    }

    [Fact]
    public void Binary_AddStrToNum_TypeError()
    {
        var e = Assert.Throws<RosScriptException>(() => RosOps.Binary("+", new RosNum(1), new RosStr("a")));
        Assert.Equal("cannot add str to num", e.Message);
    }

    [Fact]
    public void Array_KeyedOrderedByKey_JoinedWithSemicolon()
    {
        var a = new RosArray();
        a.Set(new RosStr("b"), new RosNum(2));
        a.Set(new RosStr("a"), new RosNum(1));
        Assert.Equal("a=1;b=2", Put(a));
        Assert.Equal("1;2;3", Put(new RosArray([new RosNum(1), new RosNum(2), new RosNum(3)])));
    }
}
