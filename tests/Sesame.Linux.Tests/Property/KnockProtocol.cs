namespace Sesame.Tests.Property;

/// <summary>What a knock stage listens for, and what a generated packet is.</summary>
internal enum KnockProtocol
{
    Tcp,
    Udp,
    Icmp,
}
