namespace Sesame.Model;

/// <summary><c>connection-limit=N,MASK</c>: matches when the source's /MASK block has more than N tracked connections.</summary>
public readonly record struct ConnectionLimit(int Limit, int Mask)
{
    public override string ToString() => $"{Limit},{Mask}";
}
