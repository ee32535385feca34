using System.Net;
using Sesame.Cli.Metrics;

namespace Sesame.Tests.Metrics;

public sealed class MetricsAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:9464", "127.0.0.1", 9464)]
    [InlineData("0.0.0.0:1", "0.0.0.0", 1)]
    [InlineData("[::1]:65535", "::1", 65535)]
    [InlineData("[::]:9464", "::", 9464)]
    [InlineData("[2001:db8::7]:80", "2001:db8::7", 80)]
    public void TryParse_AddressAndPort_EndPoint(string text, string address, int port)
    {
        Assert.True(MetricsAddress.TryParse(text, out IPEndPoint? endPoint));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endPoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("9464")]
    [InlineData(":9464")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:+80")]
    [InlineData("127.0.0.1: 80")]
    [InlineData("127.0.0.1:0080000")]
    [InlineData("127.1:80")]
    [InlineData("1:80")]
    [InlineData("0x7f.0.0.1:80")]
    [InlineData("256.0.0.1:80")]
    [InlineData("localhost:9464")]
    [InlineData("::1:9464")]
    [InlineData("[127.0.0.1]:80")]
    [InlineData("[::1:80")]
    [InlineData("[::1]")]
    [InlineData("127.0.0.1:80\n")]
    [InlineData("127.0.0.1:80;rm")]
    public void TryParse_NotAnAddressAndPort_False(string text)
    {
        Assert.False(MetricsAddress.TryParse(text, out _));
    }
}
