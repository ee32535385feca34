using System.Runtime.CompilerServices;
using Sesame.Net;

namespace Sesame.Engine.Tracking;

/// <summary>
/// A connection's 5-tuple (plus family) in one direction. Addresses are held as ulong halves so the key keeps 8-byte
/// alignment (40 bytes) and a table entry stays within about a cache line.
/// </summary>
internal readonly struct ConnectionKey : IEquatable<ConnectionKey>
{
    private readonly ulong _srcHi;
    private readonly ulong _srcLo;
    private readonly ulong _dstHi;
    private readonly ulong _dstLo;
    private readonly ushort _srcPort;
    private readonly ushort _dstPort;
    private readonly byte _protocol;
    private readonly IpFamily _family;

    public ConnectionKey(IpFamily family, byte protocol, UInt128 src, UInt128 dst, ushort srcPort, ushort dstPort)
    {
        _family = family;
        _protocol = protocol;
        _srcHi = (ulong)(src >> 64);
        _srcLo = (ulong)src;
        _dstHi = (ulong)(dst >> 64);
        _dstLo = (ulong)dst;
        _srcPort = srcPort;
        _dstPort = dstPort;
    }

    public IpFamily Family => _family;

    public UInt128 Src => new(_srcHi, _srcLo);

    public ConnectionKey Reversed => new(_family, _protocol, new UInt128(_dstHi, _dstLo), Src, _dstPort, _srcPort);

    public bool Equals(ConnectionKey other) =>
        _srcLo == other._srcLo && _dstLo == other._dstLo && _srcPort == other._srcPort && _dstPort == other._dstPort
        && _srcHi == other._srcHi && _dstHi == other._dstHi && _protocol == other._protocol && _family == other._family;

    public override bool Equals(object? obj) => obj is ConnectionKey other && Equals(other);

    public override int GetHashCode() => (int)(Hash() >> 32);

    /// <summary>A well-mixed 64-bit hash whose top bits index a power-of-two table (Fibonacci hashing).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Hash()
    {
        ulong x = _srcLo ^ (_srcHi * 0xC2B2AE3D27D4EB4FUL) ^ ((_dstLo ^ _dstHi) * 0x165667B19E3779F9UL);
        x ^= ((ulong)_srcPort << 32) | ((ulong)_dstPort << 16) | ((ulong)_protocol << 8) | (byte)_family;
        x ^= x >> 31;
        return x * 0x9E3779B97F4A7C15UL;
    }

    public static bool operator ==(ConnectionKey left, ConnectionKey right) => left.Equals(right);

    public static bool operator !=(ConnectionKey left, ConnectionKey right) => !left.Equals(right);
}
