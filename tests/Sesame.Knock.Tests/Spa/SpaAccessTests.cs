using System.Collections.Immutable;
using Sesame.Knock.Spa;
using Sesame.Model;
using Sesame.Spa;

namespace Sesame.Tests.Spa;

public sealed class SpaAccessTests
{
    [Fact]
    public void TryParse_TwoPorts_BothInOrder()
    {
        Assert.True(SpaAccess.TryParse("tcp/22,UDP/53", out ImmutableArray<SpaPort> ports, out _));

        Assert.Equal([new SpaPort(IpProtocols.Tcp, 22), new SpaPort(IpProtocols.Udp, 53)], ports.ToArray());
        Assert.Equal("tcp/22,udp/53", SpaAccess.Format(ports));
    }

    [Fact]
    public void TryParse_RepeatedPort_KeptOnce()
    {
        Assert.True(SpaAccess.TryParse("tcp/22,tcp/22", out ImmutableArray<SpaPort> ports, out _));

        Assert.Single(ports);
    }

    [Theory]
    [InlineData("", "no port")]
    [InlineData("22", "not PROTO/PORT")]
    [InlineData("icmp/0", "tcp or udp")]
    [InlineData("tcp/0", "not a port")]
    [InlineData("tcp/65536", "not a port")]
    [InlineData("tcp/+22", "not a port")]
    [InlineData("tcp/22,", "not PROTO/PORT")]
    [InlineData("tcp/2\n2", "'2\\x0a2' is not a port")]
    [InlineData("tcp/22;udp/53", "not a port")]
    public void TryParse_Bad_ErrorNamesIt(string text, string expected)
    {
        Assert.False(SpaAccess.TryParse(text, out _, out string error));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TooManyPorts_Refused()
    {
        string text = string.Join(',', Enumerable.Range(1, SpaAccess.MaxPorts + 1).Select(p => $"tcp/{p}"));

        Assert.False(SpaAccess.TryParse(text, out _, out string error));
        Assert.Contains($"at most {SpaAccess.MaxPorts}", error, StringComparison.Ordinal);
    }
}
