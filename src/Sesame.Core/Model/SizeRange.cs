namespace Sesame.Model;

/// <summary>An inclusive range of sizes, as in <c>packet-size=100-200</c>; one value has <c>Min == Max</c>.</summary>
public readonly record struct SizeRange(int Min, int Max)
{
    public bool Contains(int value) => value >= Min && value <= Max;

    public override string ToString() => Min == Max ? $"{Min}" : $"{Min}-{Max}";
}
