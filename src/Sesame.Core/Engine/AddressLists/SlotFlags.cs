namespace Sesame.Engine.AddressLists;

[Flags]
internal enum SlotFlags : byte
{
    None = 0,
    Live = 1,
    Dynamic = 2,
    Disabled = 4,

    /// <summary>The entry is a DNS name: it has no address and matches nothing.</summary>
    Dns = 8,

    /// <summary>A single address, found through the hash table; other addresses are prefixes or ranges, scanned per list.</summary>
    Host = 16,

    /// <summary>The entry has a DNS name or comment in the side table.</summary>
    HasText = 32,

    V6 = 64,
}
