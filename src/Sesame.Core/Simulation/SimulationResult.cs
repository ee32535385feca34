using Sesame.Engine;

namespace Sesame.Simulation;

/// <summary>Everything <c>simulate</c> reports: each packet, each expiry between packets, the address lists and the rule counters at the end.</summary>
/// <param name="EndTime">The last packet's time in seconds; remaining timeouts are measured at it.</param>
public sealed record SimulationResult(
    IReadOnlyList<SimulatedPacket> Packets,
    IReadOnlyList<SimulatedExpiry> Expiries,
    IReadOnlyList<AddressListEntryState> Lists,
    IReadOnlyList<SimulatedRule> Rules,
    double EndTime);
