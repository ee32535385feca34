using Sesame.RouterOS.Scripting.Values;
using Sesame.Text;
using static Sesame.Tests.Scripting.Values.Ros;

namespace Sesame.Tests.Scripting.Values;

/// <summary>Strings an attacker or a careless admin writes: NUL, newlines, quotes, escapes, raw bytes, megabytes.</summary>
public sealed class RosHostileTests
{
    [Theory]
    [InlineData("a\0b")]
    [InlineData("line1\nline2")]
    [InlineData("a;b}c#d")]
    [InlineData("\"quoted\"")]
    [InlineData("\u001b[2J")]
    [InlineData("$x $(y)")]
    public void Literal_HostileWord_StaysStr(string word)
    {
        RosValue v = W(word);
        Assert.Equal("str", v.TypeName);
        Assert.Equal(word, Put(v));
    }

    [Fact]
    public void Str_Nul_KeptAndCounted()
    {
        RosStr s = S("ab\0cd");
        Assert.Equal(5, RosOps.Length(s));
        Assert.Equal(N(2), RosOps.Find(s, S("\0"), null));
        Assert.Equal("\0c", Put(RosOps.Pick(s, 2, 4)));
        Assert.False(RosOps.AreEqual(s, S("ab")));
    }

    [Fact]
    public void Str_RawBytes_RoundTripThroughPickAndConcat()
    {
        byte[] raw = [0x41, 0xFF, 0xC3, 0x00, 0x80, 0x42];
        RosStr s = S(RouterOsBytes.GetString(raw));
        Assert.Equal(6, RosOps.Length(s));
        string whole = Put(RosOps.Binary(".", RosOps.Pick(s, 0, 3), RosOps.Pick(s, 3, 6)));
        Assert.Equal(raw, RouterOsBytes.GetBytes(whole));
        Assert.Equal(N(4), RosOps.Find(s, S(RouterOsBytes.GetString([0x80])), null));
    }

    [Fact]
    public void Concat_HalvesOfACharacter_JoinIntoIt()
    {
        RosStr s = S("é");
        RosValue joined = RosOps.Binary(".", RosOps.Pick(s, 0, 1), RosOps.Pick(s, 1, 2));
        Assert.Equal(s, joined); // the same .NET string, not two escape characters
        Assert.True(RosOps.AreEqual(s, joined));
    }

    [Fact]
    public void AreEqual_SameBytesDifferentSpelling_Equal()
    {
        string escaped = "\uDCC3\uDCA9"; // the bytes C3 A9 held as two stray bytes
        Assert.True(RosOps.AreEqual(S("é"), S(escaped)));
        Assert.Equal(0, RosOps.Compare(S(escaped), S("é")));
        var a = new RosArray();
        a.Set(S("é"), N(1));
        Assert.Equal(N(1), a.Get(S(escaped)));
    }

    [Fact]
    public void Str_OneMegabyte_LenPickFind()
    {
        string big = new string('a', 1 << 20) + "needle";
        RosStr s = S(big);
        Assert.Equal((1 << 20) + 6, RosOps.Length(s));
        Assert.Equal(N(1 << 20), RosOps.Find(s, S("needle"), null));
        Assert.Equal("needle", Put(RosOps.Pick(s, 1 << 20, (1 << 20) + 100)));
    }

    [Fact]
    public void Str_OneMegabyteNonAscii_PickEveryByteStaysFast()
    {
        // Without the byte cache each :pick would convert the whole megabyte again (quadratic).
        RosStr s = S(string.Concat(Enumerable.Repeat("é", 1 << 19)));
        Assert.Equal(1 << 20, RosOps.Length(s));
        var started = System.Diagnostics.Stopwatch.StartNew();
        long bytes = 0;
        for (long i = 0; i < 1 << 20; i += 1024)
        {
            bytes += RosOps.Length(RosOps.Pick(s, i, i + 2));
        }

        Assert.Equal(2048, bytes);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), started.Elapsed.ToString());
    }

    [Fact]
    public void Concat_Past16MiB_Error()
    {
        RosStr half = S(new string('x', RosLimits.MaxStringBytes / 2));
        RosValue full = RosOps.Binary(".", half, half);
        Assert.Equal(RosLimits.MaxStringBytes, RosOps.Length(full));
        var e = Assert.Throws<RosScriptException>(() => RosOps.Binary(".", full, S("y")));
        Assert.Contains("string too long", e.Message);
    }

    [Fact]
    public void Concat_MultiByteCountedInBytes()
    {
        // 6 MiB characters of 3 bytes each = 18 MiB: too long although fewer characters than the limit.
        RosStr big = S(new string('€', 6 * 1024 * 1024));
        Assert.Throws<RosScriptException>(() => RosOps.Binary(".", big, S("")));
    }

    [Fact]
    public void ToStr_ArrayPast16MiB_Error()
    {
        RosStr chunk = S(new string('x', 1024 * 1024));
        var a = new RosArray();
        for (int i = 0; i < 17; i++)
        {
            a.Add(chunk);
        }

        Assert.Throws<RosScriptException>(() => RosOps.ToStr(a));
        Assert.Throws<RosScriptException>(() => RosOps.Binary(".", a, S("")));
    }

    [Fact]
    public void CheckString_Bounds()
    {
        Assert.Equal("ok", RosLimits.CheckString("ok"));
        Assert.Throws<RosScriptException>(() => RosLimits.CheckString(new string('x', RosLimits.MaxStringBytes + 1)));
    }

    [Fact]
    public void Find_HugeFrom_Nil()
    {
        Assert.Same(RosNil.Instance, RosOps.Find(S("abc"), S("a"), long.MaxValue));
        Assert.Same(RosNil.Instance, RosOps.Find(S("abc"), S("a"), (long)int.MaxValue + 5));
        Assert.Equal(N(0), RosOps.Find(S("abc"), S("a"), long.MinValue));
    }

    [Fact]
    public void Pick_HugePositions_Clamped()
    {
        Assert.Equal("abc", Put(RosOps.Pick(S("abc"), long.MinValue, long.MaxValue)));
        Assert.Equal("", Put(RosOps.Pick(S("abc"), long.MaxValue, null)));
    }
}
