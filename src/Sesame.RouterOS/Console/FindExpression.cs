using System.Text.RegularExpressions;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Console;

/// <summary>A <c>find</c>/<c>where</c> condition (ROUTEROS.md §1.7) over an item's property values.</summary>
internal sealed record FindExpression(FindKind Kind)
{
    public static FindExpression All { get; } = new(FindKind.All);

    public FindExpression? Left { get; init; }

    public FindExpression? Right { get; init; }

    public string Property { get; init; } = "";

    public PairOperator Operator { get; init; }

    public string Value { get; init; } = "";

    /// <summary>For <c>~</c>: RouterOS uses POSIX extended regular expressions; .NET's engine agrees on the common subset.</summary>
    public Regex? Pattern { get; init; }

    public bool Matches(MenuItem item, MenuDefinition menu) => Kind switch
    {
        FindKind.All => true,
        FindKind.And => Left!.Matches(item, menu) && Right!.Matches(item, menu),
        FindKind.Or => Left!.Matches(item, menu) || Right!.Matches(item, menu),
        FindKind.Not => !Left!.Matches(item, menu),
        FindKind.Flag => IsFlagSet(item, menu, Property),
        _ => Compare(ValueOf(item, menu, Property)),
    };

    private bool Compare(string actual) => Operator switch
    {
        PairOperator.Matches => SafeIsMatch(actual),
        PairOperator.NotEquals => !SameValue(actual, Value),
        _ => SameValue(actual, Value),
    };

    private bool SafeIsMatch(string actual)
    {
        try
        {
            return Pattern!.IsMatch(actual);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern that takes this long on a property value is hostile; it matches nothing.
            return false;
        }
    }

    private static string ValueOf(MenuItem item, MenuDefinition menu, string property) =>
        item.ValueOf(property) ?? menu.DefaultOf(property);

    private static bool SameValue(string a, string b) =>
        TryBool(a, out bool x) && TryBool(b, out bool y) ? x == y : string.Equals(a, b, StringComparison.Ordinal);

    public static bool TryBool(string text, out bool value)
    {
        switch (text)
        {
            case "yes" or "true":
                value = true;
                return true;
            case "no" or "false":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>Flags as <c>find</c> sees them: <c>disabled</c>, and <c>dynamic</c> for address-list entries with a timeout.</summary>
    public static bool IsFlagSet(MenuItem item, MenuDefinition menu, string flag) => flag switch
    {
        "disabled" => TryBool(ValueOf(item, menu, "disabled"), out bool d) && d,
        "dynamic" => menu.IsAddressList
            && (item.Get("timeout") is not null || (TryBool(ValueOf(item, menu, "dynamic"), out bool dyn) && dyn)),
        _ => false,
    };
}
