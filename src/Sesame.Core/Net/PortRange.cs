namespace Sesame.Net;

/// <summary>An inclusive port range; a single port has <c>First == Last</c>.</summary>
public readonly record struct PortRange(ushort First, ushort Last)
{
    public bool Contains(ushort port) => port >= First && port <= Last;

    public override string ToString() => First == Last ? First.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{First}-{Last}";
}
