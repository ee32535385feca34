using System.Net;
using Sesame.Knock.Spa;

namespace Sesame.Tests.Spa;

public sealed class SpaAllowTests
{
    [Theory]
    [InlineData("source", SpaAllowKind.Source, null)]
    [InlineData("SOURCE", SpaAllowKind.Source, null)]
    [InlineData("0.0.0.0", SpaAllowKind.Source, null)]
    [InlineData("resolve", SpaAllowKind.Resolve, null)]
    [InlineData("192.0.2.7", SpaAllowKind.Address, "192.0.2.7")]
    [InlineData("2001:db8::7", SpaAllowKind.Address, "2001:db8::7")]
    [InlineData("::ffff:192.0.2.7", SpaAllowKind.Address, "192.0.2.7")]
    public void TryParse_Good_KindAndAddress(string text, SpaAllowKind kind, string? address)
    {
        Assert.True(SpaAllow.TryParse(text, out SpaAllow allow, out _));

        Assert.Equal(kind, allow.Kind);
        Assert.Equal(address is null ? null : IPAddress.Parse(address), allow.Address);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("10.1")]
    [InlineData("[2001:db8::7]")]
    [InlineData("fe80::1%eth0")]
    [InlineData("192.0.2.7,tcp/22")]
    [InlineData("")]
    public void TryParse_NotAnAddress_Refused(string text)
    {
        Assert.False(SpaAllow.TryParse(text, out _, out string error));

        Assert.Contains("not an IPv4 or IPv6 address", error, StringComparison.Ordinal);
    }
}
