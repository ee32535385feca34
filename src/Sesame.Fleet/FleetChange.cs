using Sesame.Net;

namespace Sesame.Fleet;

/// <summary>
/// A change this node made to a shared list, as the daemon hands it to <see cref="IFleetLink.Publish"/>.
/// </summary>
/// <param name="Op">What happened.</param>
/// <param name="List">The address list's name, as the configuration spells it.</param>
/// <param name="Address">A single address (IPv4 or IPv6).</param>
/// <param name="TimeLeft">For <see cref="FleetOp.Put"/>: the time the entry had left when the change happened; null: no timeout.</param>
/// <param name="At">When it happened, as a timestamp of the daemon's <see cref="TimeProvider"/> (so a change queued while the
/// database was away is sent with the time it has left now, and with how long ago it happened).</param>
public readonly record struct FleetChange(FleetOp Op, string List, IpRange Address, TimeSpan? TimeLeft, long At);
