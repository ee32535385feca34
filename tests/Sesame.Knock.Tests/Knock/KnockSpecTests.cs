using System.Net.Sockets;
using System.Text;
using Sesame.Knock;

namespace Sesame.Tests.Knock;

public sealed class KnockSpecTests
{
    [Theory]
    [InlineData("1234", KnockProtocol.Tcp, 1234, "")]
    [InlineData("1234:tcp", KnockProtocol.Tcp, 1234, "")]
    [InlineData("4321:UDP", KnockProtocol.Udp, 4321, "")]
    [InlineData("1234:udp:supersecretpassword1", KnockProtocol.Udp, 1234, "supersecretpassword1")]
    [InlineData("1234:udp:a:b:c", KnockProtocol.Udp, 1234, "a:b:c")]
    [InlineData("1234:udp:pass\\x00word\\n", KnockProtocol.Udp, 1234, "pass\0word\n")]
    [InlineData("0:icmp", KnockProtocol.Icmp, 0, "")]
    [InlineData("icmp", KnockProtocol.Icmp, 0, "")]
    [InlineData("0:icmp:hello", KnockProtocol.Icmp, 0, "hello")]
    [InlineData("icmp:hello", KnockProtocol.Icmp, 0, "hello")]
    [InlineData("0:icmp:\\x73ize=5", KnockProtocol.Icmp, 0, "size=5")]
    [InlineData("65535:udp", KnockProtocol.Udp, 65535, "")]
    public void TryParse_ValidKnock_Step(string text, KnockProtocol protocol, int port, string payload)
    {
        Assert.True(KnockSpec.TryParse(text, KnockProtocol.Tcp, out KnockStep step, out string error), error);

        Assert.Equal(protocol, step.Protocol);
        Assert.Equal(port, step.Port);
        Assert.Equal(Encoding.UTF8.GetBytes(payload), step.Payload.ToArray());
        Assert.Null(step.PacketSize);
    }

    [Fact]
    public void TryParse_DefaultUdp_PortWithoutProtocolIsUdp()
    {
        Assert.True(KnockSpec.TryParse("1234", KnockProtocol.Udp, out KnockStep step, out _));

        Assert.Equal(KnockProtocol.Udp, step.Protocol);
    }

    [Theory]
    [InlineData("0:icmp:size=123", 123)]
    [InlineData("icmp:size=28", 28)]
    [InlineData("0:ICMP:SIZE=65535", 65535)]
    public void TryParse_IcmpSize_PacketSize(string text, int size)
    {
        Assert.True(KnockSpec.TryParse(text, KnockProtocol.Tcp, out KnockStep step, out string error), error);

        Assert.Equal(size, step.PacketSize);
        Assert.True(step.Payload.IsEmpty);
    }

    [Theory]
    [InlineData("70000:tcp", "'70000' is not a port")]
    [InlineData("-1", "'-1' is not a port")]
    [InlineData("abc", "'abc' is not a port")]
    [InlineData(":tcp", "the port is missing")]
    [InlineData("0:tcp", "port 0")]
    [InlineData("1234:sctp", "unknown protocol 'sctp'")]
    [InlineData("22:tcp:payload", "TCP knock carries no payload")]
    [InlineData("8:icmp", "ICMP has no port")]
    [InlineData("0:icmp:size=27", "not an IP packet length")]
    [InlineData("0:icmp:size=70000", "not an IP packet length")]
    [InlineData("0:icmp:size=big", "not an IP packet length")]
    [InlineData("1:udp:bad\\q", "unknown escape '\\q'")]
    [InlineData("1:udp:bad\\x4", "needs two hex digits")]
    [InlineData("1:udp:bad\\", "lone '\\'")]
    public void TryParse_BadKnock_ErrorSaysWhy(string text, string expected)
    {
        Assert.False(KnockSpec.TryParse(text, KnockProtocol.Tcp, out _, out string error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1234:tcp")]
    [InlineData("1234:udp:supersecretpassword1")]
    [InlineData("1234:udp:\\x00\\xff\\\\x")]
    [InlineData("0:icmp:size=123")]
    [InlineData("0:icmp:ping")]
    public void ToString_ParsesBackToTheSameStep(string text)
    {
        Assert.True(KnockSpec.TryParse(text, KnockProtocol.Tcp, out KnockStep step, out _));

        Assert.True(KnockSpec.TryParse(step.ToString(), KnockProtocol.Tcp, out KnockStep again, out _));
        Assert.Equal(step.Protocol, again.Protocol);
        Assert.Equal(step.Port, again.Port);
        Assert.Equal(step.PacketSize, again.PacketSize);
        Assert.Equal(step.Payload.ToArray(), again.Payload.ToArray());
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork, 28, true)]
    [InlineData(AddressFamily.InterNetworkV6, 47, false)]
    [InlineData(AddressFamily.InterNetworkV6, 48, true)]
    public void TryCheckFor_IcmpSizeAgainstTheFamilysHeaders(AddressFamily family, int size, bool ok)
    {
        var step = new KnockStep(KnockProtocol.Icmp, 0, ReadOnlyMemory<byte>.Empty, size);

        Assert.Equal(ok, KnockSpec.TryCheckFor(step, family, out _));
    }
}
