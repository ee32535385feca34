namespace Sesame.Engine.Tracking;

/// <summary>Which conntrack timeout applies to a connection (ROUTEROS.md §2.6).</summary>
internal enum ConnectionPhase : byte
{
    TcpSynSent,
    TcpEstablished,
    Udp,
    UdpStream,
    Icmp,
    Generic,
}
