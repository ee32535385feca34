using System.Globalization;
using System.Text.RegularExpressions;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Building;

namespace Sesame.RouterOS.Console;

/// <summary>A <c>find</c>/<c>where</c> condition (ROUTEROS.md §1.7) over an item's property values.</summary>
internal sealed record FindExpression(FindKind Kind)
{
    public static FindExpression All { get; } = new(FindKind.All);

    public FindExpression? Left { get; init; }

    public FindExpression? Right { get; init; }

    public string Property { get; init; } = "";

    public FindOperator Operator { get; init; }

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
        FindOperator.Matches => SafeIsMatch(actual),
        FindOperator.NotEquals => !SameValue(actual, Value),
        FindOperator.In => IsInside(actual, Value),
        FindOperator.Less => Order(actual, Value) is < 0,
        FindOperator.Greater => Order(actual, Value) is > 0,
        FindOperator.LessOrEqual => Order(actual, Value) is <= 0,
        FindOperator.GreaterOrEqual => Order(actual, Value) is >= 0,
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

    /// <summary>
    /// Values compare by meaning: booleans as yes/no, addresses as the range they stand for (ROUTEROS.md §1.9, §3.2:
    /// <c>1.2.3.4/24</c> is stored as <c>1.2.3.0/24</c>, so the user's form must find it), with a leading <c>!</c> on both.
    /// </summary>
    private static bool SameValue(string a, string b)
    {
        if (ValueParsers.TryParseBool(a, out bool x, out _) && ValueParsers.TryParseBool(b, out bool y, out _))
        {
            return x == y;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        (bool negatedA, string textA) = SplitNegation(a);
        (bool negatedB, string textB) = SplitNegation(b);
        return negatedA == negatedB
            && IpRange.TryParse(textA, out IpRange? rangeA)
            && IpRange.TryParse(textB, out IpRange? rangeB)
            && rangeA == rangeB;
    }

    private static (bool Negated, string Text) SplitNegation(string value) =>
        value.StartsWith('!') ? (true, value[1..]) : (false, value);

    /// <summary><c>address in 10.0.0.0/8</c>: every address the item's value covers is inside the given range.</summary>
    private static bool IsInside(string actual, string outer) =>
        IpRange.TryParse(actual, out IpRange? inner)
        && IpRange.TryParse(outer, out IpRange? range)
        && inner.Value.Family == range.Value.Family
        && inner.Value.First >= range.Value.First
        && inner.Value.Last <= range.Value.Last;

    /// <summary>
    /// The order of two numbers, or of two times (<c>timeout&lt;1m</c>); null when the item's value is neither, which
    /// matches no <c>&lt;</c>, <c>&gt;</c>, <c>&lt;=</c> or <c>&gt;=</c>.
    /// </summary>
    private static int? Order(string actual, string expected)
    {
        if (TryNumber(actual, out long a) && TryNumber(expected, out long b))
        {
            return a.CompareTo(b);
        }

        if (actual.Length > 0 && RouterOsTime.TryParse(actual, out TimeSpan x) && RouterOsTime.TryParse(expected, out TimeSpan y))
        {
            return x.CompareTo(y);
        }

        return null;
    }

    public static bool TryNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Flags as <c>find</c> sees them: <c>disabled</c>, and <c>dynamic</c> for address-list entries with a timeout.</summary>
    public static bool IsFlagSet(MenuItem item, MenuDefinition menu, string flag) => flag switch
    {
        "disabled" => ValueParsers.TryParseBool(ValueOf(item, menu, "disabled"), out bool d, out _) && d,
        "dynamic" => menu.IsAddressList
            && (item.Get("timeout") is not null || (ValueParsers.TryParseBool(ValueOf(item, menu, "dynamic"), out bool dyn, out _) && dyn)),
        _ => false,
    };
}
