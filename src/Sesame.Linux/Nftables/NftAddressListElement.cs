using Sesame.Net;

namespace Sesame.Linux.Nftables;

/// <summary>An element of an address list's set as the kernel reports it.</summary>
/// <param name="Timeout">The timeout the element was given, or null for an element without one (static or none-dynamic).</param>
/// <param name="Expires">What is left of the timeout, or null. nft reports both in whole seconds.</param>
public sealed record NftAddressListElement(string List, IpFamily Family, IpRange Address, TimeSpan? Timeout, TimeSpan? Expires)
{
    /// <summary>The element's comment (a script's <c>add … comment=</c>), or null.</summary>
    public string? Comment { get; init; }
}
