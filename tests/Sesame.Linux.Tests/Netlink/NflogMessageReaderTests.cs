using System.Text;
using Sesame.Linux.Netlink;

namespace Sesame.Tests.Netlink;

public sealed class NflogMessageReaderTests
{
    [Fact]
    public void TryReadNext_TwoPacketsInOneDatagram_YieldsBothWithPrefixAndPayload()
    {
        byte[] first = NflogBytes.Udp4(888, "one"u8.ToArray());
        byte[] second = NflogBytes.Udp4(555, "three"u8.ToArray());
        byte[] datagram = [.. NflogBytes.Packet(2, "sesame:add:v4:1", first), .. NflogBytes.Packet(2, "sesame:l7:v4:2", second)];

        var reader = new NflogMessageReader(datagram);
        var seen = new List<(byte, string, byte[])>();
        while (reader.TryReadNext(out NflogPacket packet))
        {
            seen.Add((packet.Family, Encoding.ASCII.GetString(packet.Prefix), packet.Payload.ToArray()));
        }

        Assert.Equal(2, seen.Count);
        Assert.Equal((byte)2, seen[0].Item1);
        Assert.Equal("sesame:add:v4:1", seen[0].Item2);
        Assert.Equal(first, seen[0].Item3);
        Assert.Equal("sesame:l7:v4:2", seen[1].Item2);
        Assert.Equal(second, seen[1].Item3);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(16, 16)]
    public void TryReadNext_ErrorMessage_ReportsSequenceAndErrno(int sequence, int errno)
    {
        var reader = new NflogMessageReader(NflogBytes.Error((uint)sequence, errno));

        Assert.False(reader.TryReadNext(out _));
        Assert.Equal(((uint)sequence, errno), reader.LastError);
    }

    [Fact]
    public void TryReadNext_TruncatedMessage_StopsWithoutThrowing()
    {
        byte[] whole = NflogBytes.Packet(2, "sesame:add:v4:1", NflogBytes.Udp4(888, []));

        var reader = new NflogMessageReader(whole.AsSpan(0, whole.Length - 8));

        Assert.False(reader.TryReadNext(out _));
    }
}
