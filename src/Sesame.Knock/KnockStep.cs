namespace Sesame.Knock;

/// <summary>One knock: a protocol, a port (0 for ICMP), and for UDP/ICMP an optional payload or ICMP packet size.</summary>
/// <param name="PacketSize">For ICMP only: the total IP packet length (RouterOS <c>packet-size</c>), or null.</param>
public sealed record KnockStep(KnockProtocol Protocol, int Port, ReadOnlyMemory<byte> Payload, int? PacketSize = null)
{
    public bool HasPayload => !Payload.IsEmpty;

    /// <summary>The step in the command-line spelling that parses back to it.</summary>
    public override string ToString()
    {
        string proto = Protocol switch
        {
            KnockProtocol.Tcp => "tcp",
            KnockProtocol.Udp => "udp",
            _ => "icmp",
        };
        if (PacketSize is int size)
        {
            return $"{Port}:{proto}:size={size}";
        }

        return HasPayload ? $"{Port}:{proto}:{PayloadText.Escape(Payload.Span)}" : $"{Port}:{proto}";
    }
}
