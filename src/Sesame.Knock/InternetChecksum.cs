using System.Buffers.Binary;

namespace Sesame.Knock;

/// <summary>The ones'-complement sum of RFC 1071, over any number of spans (pseudo-header, then header and data).</summary>
internal struct InternetChecksum
{
    private ulong _sum;
    private bool _odd;

    public void Add(ReadOnlySpan<byte> data)
    {
        int i = 0;
        if (_odd && data.Length > 0)
        {
            _sum += data[0];
            i = 1;
            _odd = false;
        }

        for (; i + 1 < data.Length; i += 2)
        {
            _sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            _sum += (ulong)data[i] << 8;
            _odd = true;
        }
    }

    public readonly ushort Result()
    {
        ulong sum = _sum;
        while (sum > 0xffff)
        {
            sum = (sum & 0xffff) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    public static ushort Of(ReadOnlySpan<byte> data)
    {
        var checksum = new InternetChecksum();
        checksum.Add(data);
        return checksum.Result();
    }
}
