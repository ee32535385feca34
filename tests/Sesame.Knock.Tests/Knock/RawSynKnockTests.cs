using System.Buffers.Binary;
using System.Net;
using Sesame.Knock;

namespace Sesame.Tests.Knock;

public sealed class RawSynKnockTests
{
    [Theory]
    [InlineData("10.200.1.1", "10.200.1.2")]
    [InlineData("fd00:5e5a:1::1", "fd00:5e5a:1::2")]
    public void Build_Syn_HeaderFieldsAndChecksumVerify(string source, string target)
    {
        var src = IPAddress.Parse(source);
        var dst = new IPEndPoint(IPAddress.Parse(target), 888);

        byte[] segment = RawSynKnock.Build(src, dst, 40000, 0x01020304);

        Assert.Equal(20, segment.Length);
        Assert.Equal(40000, BinaryPrimitives.ReadUInt16BigEndian(segment));
        Assert.Equal(888, BinaryPrimitives.ReadUInt16BigEndian(segment.AsSpan(2)));
        Assert.Equal(0x01020304u, BinaryPrimitives.ReadUInt32BigEndian(segment.AsSpan(4)));
        Assert.Equal(0x50, segment[12]);
        Assert.Equal(0x02, segment[13]);
        // A receiver sums pseudo-header and segment, checksum included, and must get zero.
        Assert.Equal(0, Verify(src, dst.Address, segment));
    }

    [Fact]
    public void InternetChecksum_Rfc1071Example()
    {
        // RFC 1071 §3: the bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2, whose complement is 220d.
        Assert.Equal(0x220d, InternetChecksum.Of([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]));
    }

    private static ushort Verify(IPAddress src, IPAddress dst, byte[] segment)
    {
        var sum = new InternetChecksum();
        sum.Add(src.GetAddressBytes());
        sum.Add(dst.GetAddressBytes());
        byte[] tail = src.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? [0, 0, 0, 20, 0, 0, 0, 6] : [0, 6, 0, 20];
        sum.Add(tail);
        sum.Add(segment);
        return sum.Result();
    }
}
