using Sesame.RouterOS.Scripting.Values;
using Sesame.Text;
using static Sesame.Tests.Scripting.Values.Ros;

namespace Sesame.Tests.Scripting.Values;

/// <summary><c>:len :pick :find :typeof</c> and conditions (MikroTik "Scripting", global commands).</summary>
public sealed class RosFunctionTests
{
    [Theory]
    [InlineData("abc", 3)]
    [InlineData("", 0)]
    [InlineData("äb", 3)]
    [InlineData("€", 3)]
    [InlineData("😀", 4)]
    [InlineData("a\0b", 3)]
    public void Length_Str_CountsBytes(string text, long expected)
    {
        Assert.Equal(expected, RosOps.Length(S(text)));
    }

    [Fact]
    public void Length_NonUtf8Byte_IsOneByte()
    {
        Assert.Equal(3, RosOps.Length(S(RouterOsBytes.GetString([0x61, 0xFF, 0x62]))));
    }

    [Fact]
    public void Length_Others()
    {
        Assert.Equal(3, RosOps.Length(Array(N(1), N(2), N(3))));
        Assert.Equal(2, RosOps.Length(Keyed(("a", N(1)), ("b", N(2)))));
        Assert.Equal(0, RosOps.Length(new RosArray()));
        Assert.Equal(0, RosOps.Length(RosNil.Instance));
        Assert.Equal(0, RosOps.Length(RosNothing.Instance));
        Assert.Equal(3, RosOps.Length(N(123)));
        Assert.Equal(7, RosOps.Length(W("1.2.3.4")));
        Assert.Equal(4, RosOps.Length(RosBool.True));
    }

    [Theory]
    [InlineData("abcde", 1, 3L, "bc")]
    [InlineData("abcde", 0, 5L, "abcde")]
    [InlineData("abcde", 1, null, "b")]
    [InlineData("abcde", 3, 100L, "de")]
    [InlineData("abcde", -2, 2L, "ab")]
    [InlineData("abcde", 3, 1L, "")]
    [InlineData("abcde", 2, 2L, "")]
    [InlineData("abcde", 9, null, "")]
    [InlineData("abcde", -1, null, "")]
    [InlineData("abcde", 9, 12L, "")]
    [InlineData("", 0, null, "")]
    public void Pick_Str_ByteRange(string text, long start, long? end, string expected)
    {
        RosValue picked = RosOps.Pick(S(text), start, end);
        Assert.Equal("str", picked.TypeName);
        Assert.Equal(expected, Put(picked));
    }

    [Fact]
    public void Pick_NonAscii_ByBytes()
    {
        Assert.Equal("ä", Put(RosOps.Pick(S("äb"), 0, 2)));
        Assert.Equal("b", Put(RosOps.Pick(S("äb"), 2, null)));
        // Half a character is a byte of its own, as RouterOS keeps it; its bytes survive.
        RosValue half = RosOps.Pick(S("äb"), 0, 1);
        Assert.Equal(new byte[] { 0xC3 }, RouterOsBytes.GetBytes(Put(half)));
        Assert.Equal(1, RosOps.Length(half));
    }

    [Fact]
    public void Pick_OtherTypes_FromPrinted()
    {
        Assert.Equal("23", Put(RosOps.Pick(N(12345), 1, 3)));
        Assert.Equal("1.2", Put(RosOps.Pick(W("1.2.3.4"), 0, 3)));
        Assert.Same(RosNothing.Instance, RosOps.Pick(RosNil.Instance, 0, 1));
    }

    [Fact]
    public void Pick_Array_ElementOrSubArray()
    {
        RosArray a = Array(S("a"), S("b"), S("c"), S("d"));
        Assert.Equal(S("b"), RosOps.Pick(a, 1, null));
        RosValue sub = RosOps.Pick(a, 1, 3);
        Assert.Equal("array", sub.TypeName);
        Assert.Equal("b;c", Put(sub));
        Assert.Same(RosNothing.Instance, RosOps.Pick(a, 4, null));
        Assert.Same(RosNothing.Instance, RosOps.Pick(a, -1, null));
        Assert.Equal(0, RosOps.Length(RosOps.Pick(a, 3, 1)));
        Assert.Equal("a;b;c;d", Put(RosOps.Pick(a, -5, 50)));
    }

    [Fact]
    public void Pick_KeyedArray_ByPositionKeysKept()
    {
        RosArray a = Keyed(("c", N(3)), ("a", N(1)), ("b", N(2)));
        Assert.Equal(N(1), RosOps.Pick(a, 0, null));
        Assert.Equal("b=2;c=3", Put(RosOps.Pick(a, 1, 3)));
    }

    [Fact]
    public void Pick_SubArray_IndependentOfSource()
    {
        RosArray inner = Array(N(1));
        RosArray a = Array(inner, N(2));
        var sub = (RosArray)RosOps.Pick(a, 0, 2);
        a.Set(N(1), N(9));
        inner.Set(N(0), N(7));
        Assert.Equal("1;2", Put(sub));
    }

    [Theory]
    [InlineData("abc", "a", null, 0L)]
    [InlineData("abc", "a", -1L, 0L)]
    [InlineData("abc", "c", null, 2L)]
    [InlineData("abc", "bc", null, 1L)]
    [InlineData("abcabc", "a", 0L, 3L)]
    [InlineData("abcabc", "a", 3L, null)]
    [InlineData("abc", "x", null, null)]
    [InlineData("abc", "abcd", null, null)]
    [InlineData("", "a", null, null)]
    [InlineData("abc", "a", 100L, null)]
    [InlineData("abc", "a", -100L, 0L)]
    [InlineData("a,b,c", ",", null, 1L)]
    public void Find_Str_PositionAfterFrom(string haystack, string needle, long? from, long? expected)
    {
        RosValue found = RosOps.Find(S(haystack), S(needle), from);
        if (expected is null)
        {
            Assert.Same(RosNil.Instance, found);
        }
        else
        {
            Assert.Equal(N(expected.Value), found);
        }
    }

    [Fact]
    public void Find_WalksEveryOccurrence()
    {
        var positions = new List<long>();
        long? from = null;
        for (int guard = 0; guard < 10; guard++)
        {
            if (RosOps.Find(S("a.b.c.d"), S("."), from) is not RosNum n)
            {
                break;
            }

            positions.Add(n.Value);
            from = n.Value;
        }

        Assert.Equal([1L, 3L, 5L], positions);
    }

    [Fact]
    public void Find_NonAscii_ByteOffset()
    {
        Assert.Equal(N(2), RosOps.Find(S("äb"), S("b"), null));
        Assert.Equal(N(4), RosOps.Find(S("a€b"), S("b"), null));
        Assert.Equal(N(1), RosOps.Find(S("a€b€"), S("€"), null));
        Assert.Equal(N(5), RosOps.Find(S("a€b€"), S("€"), 1));
    }

    [Fact]
    public void Find_NeedlePrinted()
    {
        Assert.Equal(N(3), RosOps.Find(S("abc123"), N(1), null));
        Assert.Equal(N(4), RosOps.Find(S("ip: 10.0.0.1"), W("10.0.0.1"), null));
        Assert.Equal(N(2), RosOps.Find(N(12345), N(34), null));
    }

    [Fact]
    public void Find_Array_IndexOfEqualElement()
    {
        RosArray a = Array(S("x"), N(1), W("10.0.0.1"), N(1));
        Assert.Equal(N(1), RosOps.Find(a, N(1), null));
        Assert.Equal(N(3), RosOps.Find(a, N(1), 1));
        Assert.Equal(N(2), RosOps.Find(a, W("10.0.0.1"), null));
        Assert.Equal(N(2), RosOps.Find(a, S("10.0.0.1"), null));
        Assert.Same(RosNil.Instance, RosOps.Find(a, S("1"), null));
        Assert.Same(RosNil.Instance, RosOps.Find(new RosArray(), N(1), null));
    }

    [Fact]
    public void Find_InNothing_Nil()
    {
        Assert.Same(RosNil.Instance, RosOps.Find(RosNothing.Instance, S("a"), null));
    }

    [Fact]
    public void IsTrue_Bools()
    {
        Assert.True(RosOps.IsTrue(RosBool.True));
        Assert.False(RosOps.IsTrue(RosBool.False));
    }

    [Theory]
    [InlineData("1", "a condition must be bool, got num (\"1\")")]
    [InlineData("true", null)]
    [InlineData("abc", "a condition must be bool, got str (\"abc\")")]
    [InlineData("1.2.3.4", "a condition must be bool, got ip (\"1.2.3.4\")")]
    public void IsTrue_NonBool_TypeError(string word, string? message)
    {
        RosValue value = word == "true" ? S("true") : W(word);
        var e = Assert.Throws<RosScriptException>(() => RosOps.IsTrue(value));
        Assert.Equal(message ?? "a condition must be bool, got str (\"true\")", e.Message);
    }

    [Fact]
    public void IsTrue_NilOrNothing_TypeError()
    {
        Assert.Equal("a condition must be bool, got nil", Assert.Throws<RosScriptException>(() => RosOps.IsTrue(RosNil.Instance)).Message);
        Assert.Equal("a condition must be bool, got nothing", Assert.Throws<RosScriptException>(() => RosOps.IsTrue(RosNothing.Instance)).Message);
    }

    [Fact]
    public void IsTrue_HostileStr_MessageEscapedAndCut()
    {
        var e = Assert.Throws<RosScriptException>(() => RosOps.IsTrue(S("x\ny\u001b[31m\"" + new string('z', 100))));
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain('\u001b', e.Message);
        Assert.Contains("x\\0Ay\\1B[31m\\\"", e.Message);
        Assert.True(e.Message.Length < 120, e.Message);
    }

    [Theory]
    [InlineData("4", "num")]
    [InlineData("abc", "str")]
    [InlineData("1.2.3.4", "ip")]
    public void TypeOf_ManualExamples(string word, string type)
    {
        Assert.Equal(S(type), RosOps.TypeOf(W(word)));
    }

    [Fact]
    public void TypeOf_NoValues()
    {
        Assert.Equal("nil", RosOps.TypeOf(RosNil.Instance).Value);
        Assert.Equal("nothing", RosOps.TypeOf(RosNothing.Instance).Value);
        Assert.Equal("array", RosOps.TypeOf(new RosArray()).Value);
        Assert.Equal("id", RosOps.TypeOf(new RosId(1, "ip firewall filter")).Value);
    }
}
