using Sesame.RouterOS.Scripting.Values;

namespace Sesame.Tests.Scripting.Values;

/// <summary>Shorthands so that a test reads like the console line it stands for.</summary>
internal static class Ros
{
    /// <summary>An unquoted word, as the console types it.</summary>
    public static RosValue W(string word) => RosOps.Literal(word);

    /// <summary>A quoted string.</summary>
    public static RosStr S(string text) => new(text);

    public static RosNum N(long n) => new(n);

    /// <summary>What <c>:put</c> prints.</summary>
    public static string Put(RosValue value) => RosOps.ToStr(value);

    /// <summary><c>:put (left op right)</c>.</summary>
    public static string Put(string left, string op, string right) => Put(RosOps.Binary(op, W(left), W(right)));

    public static RosArray Array(params RosValue[] items) => new(items);

    public static RosArray Keyed(params (string Key, RosValue Value)[] items)
    {
        var a = new RosArray();
        foreach ((string key, RosValue value) in items)
        {
            a.Set(new RosStr(key), value);
        }

        return a;
    }
}
