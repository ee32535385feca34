using System.Buffers.Binary;
using System.Net;
using Sesame.Linux.Netlink;
using Sesame.Net;

namespace Sesame.Tests.Netlink;

public sealed class IpPacketViewTests
{
    [Fact]
    public void TryParse_Ipv4Udp_GivesAddressesAndDatagramData()
    {
        Assert.True(IpPacketView.TryParse(NflogBytes.Udp4(1234, "open-1"u8.ToArray()), out IpPacketView view));

        Assert.Equal(IpFamily.V4, view.Family);
        Assert.Equal(IpRange.Host(IPAddress.Parse("10.0.0.1")).First, view.Source);
        Assert.Equal(IpRange.Host(IPAddress.Parse("10.0.0.2")).First, view.Destination);
        Assert.Equal(17, view.Protocol);
        Assert.Equal("open-1"u8.ToArray(), view.Data.ToArray());
    }

    [Fact]
    public void TryParse_Ipv4UdpWithBytesAfterTheDatagram_DataEndsAtTheUdpLength()
    {
        byte[] packet = [.. NflogBytes.Udp4(62201, "spa-data"u8.ToArray()), 0, 0, 0];

        Assert.True(IpPacketView.TryParse(packet, out IpPacketView view));

        Assert.Equal("spa-data"u8.ToArray(), view.Data.ToArray());
    }

    [Fact]
    public void TryParse_Ipv4TcpWithOptions_DataStartsAfterTheOptions()
    {
        byte[] packet = new byte[20 + 32 + 3];
        packet[0] = 0x45;
        packet[9] = 6;
        packet[20 + 12] = 8 << 4; // data offset 8 words: 12 bytes of options
        "abc"u8.CopyTo(packet.AsSpan(52));

        Assert.True(IpPacketView.TryParse(packet, out IpPacketView view));
        Assert.Equal("abc"u8.ToArray(), view.Data.ToArray());
    }

    [Fact]
    public void TryParse_Ipv4LaterFragment_HasNoData()
    {
        byte[] packet = NflogBytes.Udp4(1234, "xyz"u8.ToArray());
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), 10); // fragment offset 80 bytes

        Assert.True(IpPacketView.TryParse(packet, out IpPacketView view));
        Assert.True(view.Data.IsEmpty);
    }

    [Fact]
    public void TryParse_Ipv6UdpAfterHopByHopHeader_SkipsTheExtensionHeader()
    {
        byte[] packet = new byte[40 + 8 + 8 + 2];
        packet[0] = 0x60;
        packet[6] = 0; // hop-by-hop
        IPAddress.Parse("2001:db8::5").GetAddressBytes().CopyTo(packet, 8);
        IPAddress.Parse("2001:db8::1").GetAddressBytes().CopyTo(packet, 24);
        packet[40] = 17; // next: UDP, length 0 = 8 bytes
        "hi"u8.CopyTo(packet.AsSpan(56));

        Assert.True(IpPacketView.TryParse(packet, out IpPacketView view));
        Assert.Equal(IpFamily.V6, view.Family);
        Assert.Equal(IpRange.Host(IPAddress.Parse("2001:db8::5")).First, view.Source);
        Assert.Equal(17, view.Protocol);
        Assert.Equal("hi"u8.ToArray(), view.Data.ToArray());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x45, 0, 0 })]
    [InlineData(new byte[] { 0x50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void TryParse_NotAnIpPacket_ReturnsFalse(byte[] packet) => Assert.False(IpPacketView.TryParse(packet, out _));
}
