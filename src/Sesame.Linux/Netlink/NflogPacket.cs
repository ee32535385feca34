namespace Sesame.Linux.Netlink;

/// <summary>
/// One packet the kernel logged to an NFLOG group. The spans point into the receive buffer and are valid until the next
/// receive: decoding allocates nothing.
/// </summary>
/// <param name="family">The packet's protocol family: <see cref="NflogConstants.AF_INET"/> or <see cref="NflogConstants.AF_INET6"/>.</param>
/// <param name="prefix">The rule's log prefix, without the terminating NUL.</param>
/// <param name="payload">The network-layer packet from its IP header on, cut at the rule's snaplen.</param>
internal readonly ref struct NflogPacket(byte family, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> payload)
{
    public byte Family { get; } = family;

    public ReadOnlySpan<byte> Prefix { get; } = prefix;

    public ReadOnlySpan<byte> Payload { get; } = payload;
}
