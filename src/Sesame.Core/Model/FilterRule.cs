using Sesame.Diagnostics;
using Sesame.Net;

namespace Sesame.Model;

/// <summary>
/// One <c>/ip firewall filter</c> (or <c>/ipv6</c>) rule: where it applies, what it matches and what it does.
/// Unset matchers are null and match everything (ROUTEROS.md §2.2: set matchers are ANDed).
/// </summary>
public sealed record FilterRule
{
    public required string Chain { get; init; }

    public required FilterAction Action { get; init; }

    public bool Disabled { get; init; }

    public string? Comment { get; init; }

    // Action parameters.
    public string? AddressList { get; init; }

    public AddressListTimeout? AddressListTimeout { get; init; }

    public string? JumpTarget { get; init; }

    public string? RejectWith { get; init; }

    public bool Log { get; init; }

    public string? LogPrefix { get; init; }

    // Matchers.

    /// <summary>IP protocol number (<c>tcp</c> = 6, <c>udp</c> = 17, <c>icmp</c> = 1, <c>icmpv6</c> = 58).</summary>
    public Negatable<byte>? Protocol { get; init; }

    public Negatable<IpRange>? SrcAddress { get; init; }

    public Negatable<IpRange>? DstAddress { get; init; }

    public Negatable<string>? SrcAddressList { get; init; }

    public Negatable<string>? DstAddressList { get; init; }

    public Negatable<EquatableArray<PortRange>>? SrcPort { get; init; }

    public Negatable<EquatableArray<PortRange>>? DstPort { get; init; }

    /// <summary><c>port=</c>: matches when either the source or the destination port is in the list.</summary>
    public Negatable<EquatableArray<PortRange>>? AnyPort { get; init; }

    public Negatable<string>? InInterface { get; init; }

    public Negatable<string>? OutInterface { get; init; }

    public Negatable<string>? InInterfaceList { get; init; }

    public Negatable<string>? OutInterfaceList { get; init; }

    public Negatable<ConnectionStates>? ConnectionState { get; init; }

    public TcpFlagsMatch? TcpFlags { get; init; }

    public string? Layer7Protocol { get; init; }

    /// <summary>
    /// Sesame extension, not RouterOS: the name of the <see cref="SpaDoor"/> whose verifier gets the packets this rule
    /// matches. The rule's action still applies (a drop: the SPA port never answers); <c>serve</c> hands the packet to the
    /// daemon first. The engine and exports treat the rule as its plain action, so without the daemon nothing opens.
    /// </summary>
    public string? SpaDoor { get; init; }

    /// <summary><c>packet-size</c>: the IP packet's total length.</summary>
    public Negatable<SizeRange>? PacketSize { get; init; }

    public Negatable<AddressTypes>? SrcAddressType { get; init; }

    public Negatable<AddressTypes>? DstAddressType { get; init; }

    public Negatable<ConnectionLimit>? ConnectionLimit { get; init; }

    /// <summary>
    /// RouterOS matchers that Sesame parses and exports but does not evaluate (<c>nth</c>, <c>limit</c>, …). A rule
    /// with any of them never matches in the engine, and <c>check</c> says so.
    /// </summary>
    public EquatableArray<RawProperty> Unsupported { get; init; } = EquatableArray<RawProperty>.Empty;

    /// <summary>Where the rule was defined; not part of the rule's meaning.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
