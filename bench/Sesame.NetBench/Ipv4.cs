using System.Buffers.Binary;
using System.Net;

namespace Sesame.NetBench;

/// <summary>IPv4 addresses as host-order integers, so that "the i-th source of a block" is an addition.</summary>
internal static class Ipv4
{
    public static uint ToUInt32(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        if (!address.TryWriteBytes(bytes, out int written) || written != 4)
        {
            throw new ArgumentException($"{address} is not an IPv4 address");
        }

        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    public static IPAddress ToAddress(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    public static IPAddress Offset(IPAddress first, int index) => ToAddress(ToUInt32(first) + (uint)index);
}
