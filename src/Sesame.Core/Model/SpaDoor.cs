using Sesame.Diagnostics;
using Sesame.Spa;

namespace Sesame.Model;

/// <summary>
/// A Sesame extension to the rule model (RouterOS has no such thing): a door opened by one fwknop-compatible SPA packet
/// to a UDP port. The filter rule that carries <see cref="FilterRule.SpaDoor"/> hands the door's packets to its verifier
/// and drops them (the port never answers); a granted packet puts the address into the list of each requested port
/// (<see cref="PortLists"/>), whose accept rules are ordinary filter rules.
/// </summary>
public sealed record SpaDoor(string Name)
{
    /// <summary>fwknopd's default SPA port.</summary>
    public const ushort DefaultPort = 62201;

    /// <summary>The UDP port the SPA packets go to.</summary>
    public ushort Port { get; init; } = DefaultPort;

    /// <summary>How far a packet's timestamp may be from the daemon's clock, either way (fwknopd's MAX_SPA_PACKET_AGE, 120 s).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The access granted when the packet asks for no time (fwknopd's FW_ACCESS_TIMEOUT, 30 s).</summary>
    public TimeSpan OpenFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest access granted, whatever a client-timeout packet asks (fwknopd's MAX_FW_TIMEOUT, 300 s).</summary>
    public TimeSpan MaxOpenFor { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// A packet may name an address other than its source (the client's <c>-a</c>/<c>-R</c>) and that address is opened.
    /// False (the default): only the packet's source is ever opened; a packet naming another address is refused.
    /// </summary>
    public bool AllowAddress { get; init; }

    /// <summary>A packet must name its address: <c>0.0.0.0</c> (the client's <c>-s</c>) is refused (fwknopd's REQUIRE_SOURCE_ADDRESS).</summary>
    public bool RequireAddress { get; init; }

    /// <summary>The keys and what each may open; tried in order, the first whose sources and HMAC match decides.</summary>
    public EquatableArray<SpaUser> Users { get; init; } = EquatableArray<SpaUser>.Empty;

    /// <summary>Every port the door can open and the address list that opens it.</summary>
    public EquatableArray<SpaPortList> PortLists { get; init; } = EquatableArray<SpaPortList>.Empty;

    public SourceLocation Location { get; init; } = SourceLocation.None;
}

/// <summary>One stanza of an SPA door (fwknopd's access.conf <c>SOURCE</c> block): who, with which keys, may open what.</summary>
public sealed record SpaUser(string Name, SpaKeys Keys)
{
    /// <summary>The source prefixes the stanza applies to; empty is fwknopd's <c>SOURCE ANY</c>.</summary>
    public EquatableArray<Sesame.Net.IpRange> Sources { get; init; } = EquatableArray<Sesame.Net.IpRange>.Empty;

    /// <summary>The ports this key may open (a subset of the door's); a request naming any other is refused whole.</summary>
    public EquatableArray<SpaPort> Ports { get; init; } = EquatableArray<SpaPort>.Empty;

    /// <summary>This stanza's default access time, or null for the door's.</summary>
    public TimeSpan? OpenFor { get; init; }

    /// <summary>This stanza's longest access time, or null for the door's.</summary>
    public TimeSpan? MaxOpenFor { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}

/// <summary>The address list whose accept rule opens <see cref="Port"/> to the addresses an SPA door grants.</summary>
public sealed record SpaPortList(SpaPort Port, string List);
