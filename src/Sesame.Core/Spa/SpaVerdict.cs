using Sesame.Model;
using Sesame.Net;

namespace Sesame.Spa;

/// <summary>
/// What the verifier decided about one packet. Granted: <see cref="Address"/> goes into each of <see cref="Lists"/> for
/// <see cref="OpenFor"/>. Refused: <see cref="Reason"/> and a <see cref="Detail"/> safe to log (never a key, never the
/// packet's plaintext beyond the user name and the request).
/// </summary>
public sealed record SpaVerdict
{
    public SpaRejectReason? Reason { get; init; }

    public string? Detail { get; init; }

    /// <summary>The user of the stanza whose key opened the packet (its profile name, else the packet's user).</summary>
    public string? User { get; init; }

    public IpRange? Address { get; init; }

    public EquatableArray<string> Lists { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<SpaPort> Ports { get; init; } = EquatableArray<SpaPort>.Empty;

    public TimeSpan OpenFor { get; init; }

    public bool Granted => Reason is null;

    public static SpaVerdict Reject(SpaRejectReason reason, string detail, string? user = null) => new() { Reason = reason, Detail = detail, User = user };
}
