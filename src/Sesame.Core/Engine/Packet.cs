using Sesame.Model;
using Sesame.Net;

namespace Sesame.Engine;

/// <summary>
/// One packet as the filter sees it. Addresses are integers (IPv4 in the low 32 bits) and interfaces are ids from
/// <see cref="Firewall.ResolveInterface"/>, so evaluating a packet allocates nothing.
/// </summary>
public readonly record struct Packet
{
    public Hook Hook { get; init; }

    public IpFamily Family { get; init; }

    public UInt128 Src { get; init; }

    public UInt128 Dst { get; init; }

    /// <summary>IP protocol number (<see cref="IpProtocols"/>).</summary>
    public byte Protocol { get; init; }

    public ushort SrcPort { get; init; }

    public ushort DstPort { get; init; }

    public TcpFlags TcpFlags { get; init; }

    /// <summary>IP total length in bytes; counted in rule byte counters and matched by <c>packet-size</c>.</summary>
    public int Length { get; init; }

    /// <summary>Transport payload (UDP data, TCP data, ICMP data), fed to Layer7 matchers.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>In-interface id, or -1 when the packet has none (output chain).</summary>
    public int InInterface { get; init; }

    /// <summary>Out-interface id, or -1 when the packet has none (input chain).</summary>
    public int OutInterface { get; init; }
}
