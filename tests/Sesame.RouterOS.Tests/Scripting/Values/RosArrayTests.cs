using Sesame.RouterOS.Scripting.Values;
using static Sesame.Tests.Scripting.Values.Ros;

namespace Sesame.Tests.Scripting.Values;

/// <summary>Arrays: positional and keyed elements, RouterOS's key order, value (copy) semantics, the size bound.</summary>
public sealed class RosArrayTests
{
    [Fact]
    public void Add_Positional_InOrder()
    {
        var a = new RosArray();
        a.Add(N(3));
        a.Add(N(1));
        a.Add(N(2));
        Assert.Equal("3;1;2", Put(a));
        Assert.Equal(3, a.Count);
        Assert.Equal(3, a.PositionalCount);
        Assert.All(a.Items, i => Assert.Null(i.Key));
    }

    [Fact]
    public void Set_Keyed_OrderedByKey()
    {
        RosArray a = Keyed(("zeta", N(1)), ("alpha", N(2)), ("Mid", N(3)), ("a", N(4)));
        Assert.Equal(["Mid", "a", "alpha", "zeta"], a.Items.Select(i => i.Key));
        Assert.Equal("Mid=3;a=4;alpha=2;zeta=1", Put(a));
        Assert.True(a.HasKeys);
    }

    [Fact]
    public void Items_PositionalFirstThenKeyed()
    {
        var a = new RosArray();
        a.Set(new RosStr("k"), N(9));
        a.Add(N(1));
        a.Add(N(2));
        Assert.Equal("1;2;k=9", Put(a));
        Assert.Equal([null, null, "k"], a.Items.Select(i => i.Key));
    }

    [Fact]
    public void Items_ManualForeachExample_PositionalThenSortedKeys()
    {
        // :foreach k,v in={2; "aX"=1; y=2; 5} do={:put ("$k=$v")} prints 0=2, 1=5, aX=1, y=2.
        var a = new RosArray();
        a.Add(N(2));
        a.Set(S("aX"), N(1));
        a.Set(S("y"), N(2));
        a.Add(N(5));
        Assert.Equal(["2", "5", "1", "2"], a.Items.Select(i => Put(i.Value)));
        Assert.Equal([null, null, "aX", "y"], a.Items.Select(i => i.Key));
        Assert.Equal(N(1), a.Get(S("aX")));
    }

    [Fact]
    public void Set_ManualExample_ChangesOneElement()
    {
        // :global a {x=1; y=2}; :set ($a->"x") 5 gives a={x=5; y=2}
        RosArray a = Keyed(("x", N(1)), ("y", N(2)));
        a.Set(S("x"), N(5));
        Assert.Equal("x=5;y=2", Put(a));
    }

    [Fact]
    public void Set_ExistingKey_Replaces()
    {
        RosArray a = Keyed(("a", N(1)), ("b", N(2)));
        a.Set(S("a"), S("x"));
        Assert.Equal("a=x;b=2", Put(a));
        Assert.Equal(2, a.Count);
    }

    [Fact]
    public void Get_ByPositionOrKey()
    {
        var a = new RosArray([S("p0"), S("p1")]);
        a.Set(S("k"), S("v"));
        Assert.Equal(S("p1"), a.Get(N(1)));
        Assert.Equal(S("v"), a.Get(S("k")));
        Assert.Same(RosNothing.Instance, a.Get(N(2)));
        Assert.Same(RosNothing.Instance, a.Get(N(-1)));
        Assert.Same(RosNothing.Instance, a.Get(S("missing")));
        Assert.Same(RosNothing.Instance, a.Get(S("0")));
        Assert.Same(RosNothing.Instance, a.Get(RosNil.Instance));
    }

    [Fact]
    public void Get_NumberOnKeyedArray_Nothing()
    {
        Assert.Same(RosNothing.Instance, Keyed(("a", N(1))).Get(N(0)));
    }

    [Fact]
    public void Get_NonStrKey_ByPrintedForm()
    {
        var a = new RosArray();
        a.Set(W("10.0.0.1"), N(3));
        Assert.Equal(N(3), a.Get(S("10.0.0.1")));
        Assert.Equal(N(3), a.Get(W("10.0.0.1")));
        Assert.Equal(1, a.Count);
    }

    [Fact]
    public void Set_Position_ReplacesOrAppends()
    {
        RosArray a = Array(N(1), N(2));
        a.Set(N(0), N(9));
        a.Set(N(2), N(3));
        Assert.Equal("9;2;3", Put(a));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    [InlineData(long.MaxValue)]
    public void Set_PositionPastEnd_Error(long position)
    {
        RosArray a = Array(N(1), N(2));
        var e = Assert.Throws<RosScriptException>(() => a.Set(N(position), N(0)));
        Assert.Contains("out of range", e.Message);
        Assert.Equal("1;2", Put(a));
    }

    [Fact]
    public void Set_NilKey_Error()
    {
        Assert.Throws<RosScriptException>(() => new RosArray().Set(RosNil.Instance, N(1)));
        Assert.Throws<RosScriptException>(() => new RosArray().Set(new RosArray(), N(1)));
    }

    [Fact]
    public void Remove_PositionOrKey()
    {
        RosArray a = Array(N(1), N(2), N(3));
        a.Set(S("k"), N(4));
        Assert.True(a.Remove(N(0)));
        Assert.True(a.Remove(S("k")));
        Assert.False(a.Remove(S("k")));
        Assert.False(a.Remove(N(5)));
        Assert.Equal("2;3", Put(a));
    }

    [Fact]
    public void Copy_Independent_Deep()
    {
        RosArray inner = Array(N(1));
        RosArray a = Array(inner, N(2));
        a.Set(S("k"), Array(N(5)));
        RosArray copy = a.Copy();
        a.Set(N(1), N(9));
        inner.Set(N(0), N(8));
        ((RosArray)a.Get(S("k"))).Add(N(6));
        copy.Add(N(7));
        Assert.Equal("1;2;7;k=5", Put(copy));
        Assert.Equal("8;9;k=5;6", Put(a));
    }

    [Fact]
    public void With_CopiesDeepToo()
    {
        RosArray a = Array(Array(N(1)));
        RosArray b = a with { };
        ((RosArray)a.Get(N(0))).Add(N(2));
        Assert.Equal("1", Put(b));
        Assert.Equal("1;2", Put(a));
    }

    [Fact]
    public void Items_ReflectsChanges()
    {
        RosArray a = Array(N(1));
        IReadOnlyList<KeyValuePair<string?, RosValue>> before = a.Items;
        a.Add(N(2));
        Assert.Single(before);
        Assert.Equal(2, a.Items.Count);
    }

    [Fact]
    public void Items_CannotBeChangedThroughCast()
    {
        Assert.False(Array(N(1)).Items is KeyValuePair<string?, RosValue>[]);
    }

    [Fact]
    public void Equality_RecordEquals_ByContent()
    {
        Assert.Equal(Array(N(1), N(2)), Array(N(1), N(2)));
        Assert.NotEqual(Array(N(1), N(2)), Array(N(2), N(1)));
        Assert.True(Array(S("a")) == Array(S("a")));
    }

    [Fact]
    public void Add_PastBound_Error()
    {
        var a = new RosArray();
        for (int i = 0; i < RosLimits.MaxArrayLength; i++)
        {
            a.Add(RosNothing.Instance);
        }

        var e = Assert.Throws<RosScriptException>(() => a.Add(N(1)));
        Assert.Contains("array too long", e.Message);
        Assert.Throws<RosScriptException>(() => a.Set(S("k"), N(1)));
        Assert.Throws<RosScriptException>(() => a.Set(N(RosLimits.MaxArrayLength), N(1)));
        a.Set(N(0), N(1)); // replacing is fine
        Assert.Throws<RosScriptException>(() => RosOps.Binary(",", a, N(1)));
    }

    [Fact]
    public void Set_ManyKeysInRandomOrder_SortedAndQuick()
    {
        var random = new Random(8);
        var a = new RosArray();
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 200_000; i++)
        {
            a.Set(S(random.Next().ToString("x8", System.Globalization.CultureInfo.InvariantCulture)), N(i));
        }

        string? previous = null;
        foreach (KeyValuePair<string?, RosValue> item in a.Items)
        {
            Assert.True(previous is null || string.CompareOrdinal(previous, item.Key) < 0);
            previous = item.Key;
        }

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), started.Elapsed.ToString());
    }

    [Fact]
    public void ToArray_HugeCommaString_Bounded()
    {
        string commas = new(',', RosLimits.MaxArrayLength);
        Assert.Throws<RosScriptException>(() => RosOps.ToArray(S(commas)));
        Assert.Equal(RosLimits.MaxArrayLength, RosOps.ToArray(S(commas[1..])).Count);
    }

    [Fact]
    public void Constructor_FromItems_AllPositional()
    {
        RosArray a = new([S("a"), N(1), RosBool.True]);
        Assert.Equal("a;1;true", Put(a));
        Assert.False(a.HasKeys);
    }

    [Fact]
    public void Depth_CountsNesting()
    {
        Assert.Equal(1, new RosArray().Depth());
        Assert.Equal(1, Array(N(1)).Depth());
        Assert.Equal(3, Array(N(1), Array(N(2), Array(N(3)))).Depth());
        Assert.Equal(2, Keyed(("k", Array(N(1)))).Depth());
    }

    [Fact]
    public void Add_NestingPastBound_ErrorNotStackOverflow()
    {
        // :local a {}; :for i from=1 to=1000000 do={ :set a {$a} } must stop with an error, not crash the process.
        var a = new RosArray();
        int levels = 1;
        var e = Assert.Throws<RosScriptException>(() =>
        {
            for (int i = 0; i < 1_000_000; i++)
            {
                a = new RosArray([a]);
                levels++;
            }
        });
        Assert.Contains("nested too deep", e.Message);
        Assert.Equal(RosLimits.MaxArrayDepth, levels);
        Assert.Equal(RosLimits.MaxArrayDepth, a.Depth());
        Assert.NotEmpty(RosOps.ToStr(a.Copy()) + "x");
    }

    [Fact]
    public void Add_Itself_Error()
    {
        RosArray a = Array(N(1));
        Assert.Contains("itself", Assert.Throws<RosScriptException>(() => a.Add(a)).Message);
        Assert.Throws<RosScriptException>(() => a.Set(S("k"), a));
        Assert.Equal("1", Put(a));
    }

    [Fact]
    public void Walks_CycleThroughNestedMutation_ErrorNotStackOverflow()
    {
        // b holds a, then a is given b: a cycle no single insertion saw whole. Every walk must stop with an error.
        RosArray a = Array(N(1));
        RosArray b = Array(a);
        Assert.Contains("itself", Assert.Throws<RosScriptException>(() => a.Add(b)).Message);
        Assert.Throws<RosScriptException>(() => a.Set(S("k"), Array(Array(b))));
        Assert.Equal("1", Put(b));
    }

    [Fact]
    public void Walks_DepthGrownThroughNestedMutation_Error()
    {
        // Each insertion passes its local check, but nesting grows through references held inside: the walks stop it.
        RosArray outer = Build();
        Assert.Throws<RosScriptException>(() => RosOps.ToStr(outer));
        Assert.Throws<RosScriptException>(() => outer.Copy());
        Assert.Throws<RosScriptException>(() => outer with { });
        Assert.Throws<RosScriptException>(() => RosOps.AreEqual(outer, Build()));
        Assert.Throws<RosScriptException>(() => outer.Depth());

        static RosArray Build()
        {
            RosArray outer = Array(N(0));
            RosArray innermost = outer;
            for (int i = 0; i < RosLimits.MaxArrayDepth - 1; i++)
            {
                var next = new RosArray();
                innermost.Add(next);
                innermost = next;
            }

            innermost.Add(Array(Array(N(1)))); // innermost's own depth stays small
            return outer;
        }
    }
}
