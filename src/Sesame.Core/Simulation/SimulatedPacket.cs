using Sesame.Engine;
using Sesame.Tracing;

namespace Sesame.Simulation;

/// <summary>A trace packet with its outcome and the address-list changes it caused (expiries noticed before it come first).</summary>
public sealed record SimulatedPacket(TracePacket Packet, PacketResult Result, IReadOnlyList<AddressListChange> Changes) : SimulationEvent;
