namespace Sesame.Model;

/// <summary>Address types for <c>dst-address-type</c>/<c>src-address-type</c>.</summary>
[Flags]
public enum AddressTypes : byte
{
    None = 0,
    Unicast = 1,
    Local = 2,
    Broadcast = 4,
    Multicast = 8,
}
