using Sesame.Net;

namespace Sesame.Engine.Tracking;

/// <summary>A connection's 5-tuple (plus family) in one direction.</summary>
internal readonly record struct ConnectionKey(IpFamily Family, byte Protocol, UInt128 Src, UInt128 Dst, ushort SrcPort, ushort DstPort)
{
    public ConnectionKey Reversed => new(Family, Protocol, Dst, Src, DstPort, SrcPort);

    public bool Equals(ConnectionKey other) =>
        Src == other.Src && Dst == other.Dst && SrcPort == other.SrcPort && DstPort == other.DstPort
        && Protocol == other.Protocol && Family == other.Family;

    public override int GetHashCode()
    {
        ulong x = (ulong)Src ^ ((ulong)(Src >> 64) * 31) ^ ((ulong)Dst * 0x9E3779B97F4A7C15UL) ^ (ulong)(Dst >> 64);
        x ^= ((ulong)SrcPort << 16) | ((ulong)DstPort << 32) | ((ulong)Protocol << 48) | ((ulong)Family << 56);
        x *= 0xC2B2AE3D27D4EB4FUL;
        return (int)(x ^ (x >> 32));
    }
}
