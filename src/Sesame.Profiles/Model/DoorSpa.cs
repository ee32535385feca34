using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>
/// What makes a door an SPA door (profile key <c>spa:</c>): its knock is one fwknop-compatible single packet
/// authorization packet to a UDP port, checked by <c>sesame serve</c>. Defaults are fwknopd's.
/// </summary>
public sealed record DoorSpa
{
    /// <summary>fwknopd's range check on MAX_SPA_PACKET_AGE (RCHK_MAX_SPA_PACKET_AGE, 100000 s).</summary>
    public static TimeSpan MaxWindow { get; } = TimeSpan.FromSeconds(100000);

    /// <summary>fwknopd's range check on FW_ACCESS_TIMEOUT and MAX_FW_TIMEOUT (RCHK_MAX_FW_TIMEOUT, 2^23 s).</summary>
    public static TimeSpan MaxAccess { get; } = TimeSpan.FromSeconds(2 << 22);

    /// <summary>fwknopd's FW_ACCESS_TIMEOUT default: an SPA door's <see cref="Door.OpenFor"/> when the profile gives none.</summary>
    public static TimeSpan DefaultOpenFor { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The UDP port the packets go to (fwknopd's 62201).</summary>
    public ushort Port { get; init; } = SpaDoor.DefaultPort;

    /// <summary>How far a packet's timestamp may be from the clock (fwknopd's MAX_SPA_PACKET_AGE, 120 s).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>A packet may name an address other than its source (the client's <c>-a</c>/<c>-R</c>).</summary>
    public bool AllowAddress { get; init; }

    /// <summary>A packet asking for <c>0.0.0.0</c> (the client's <c>-s</c>) is refused (fwknopd's REQUIRE_SOURCE_ADDRESS).</summary>
    public bool RequireAddress { get; init; }

    /// <summary>The longest access a client-timeout packet gets (fwknopd's MAX_FW_TIMEOUT, 300 s).</summary>
    public TimeSpan MaxOpenFor { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The stanzas, tried in order.</summary>
    public EquatableArray<DoorSpaUser> Users { get; init; } = EquatableArray<DoorSpaUser>.Empty;

    /// <summary>Where <c>spa:</c> is written.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
