namespace Sesame.Model;

/// <summary>
/// A matcher value with RouterOS whole-value negation: <c>src-address-list=!secured</c> matches when the source is
/// <em>not</em> in <c>secured</c> (ROUTEROS.md §1.9).
/// </summary>
public readonly record struct Negatable<T>(bool Negated, T Value)
{
    public static Negatable<T> Is(T value) => new(false, value);

    public static Negatable<T> Not(T value) => new(true, value);

    public override string ToString() => Negated ? $"!{Value}" : $"{Value}";
}
