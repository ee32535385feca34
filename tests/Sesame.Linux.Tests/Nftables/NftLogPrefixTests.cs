using Sesame.Linux.Nftables;
using Sesame.Net;

namespace Sesame.Tests.Nftables;

public sealed class NftLogPrefixTests
{
    [Theory]
    [InlineData(NftLogKind.AddressList, IpFamily.V4, 0, "sesame:add:v4:0")]
    [InlineData(NftLogKind.Layer7, IpFamily.V6, 12, "sesame:l7:v6:12")]
    [InlineData(NftLogKind.SetFull, IpFamily.V4, 3, "sesame:full:v4:3")]
    public void Format_ThenTryParse_RoundTrips(NftLogKind kind, IpFamily family, int index, string expected)
    {
        string prefix = NftLogPrefix.Format(kind, family, index);

        Assert.Equal(expected, prefix);
        Assert.True(NftLogPrefix.TryParse(prefix, out NftLogKind k, out IpFamily f, out int i));
        Assert.Equal(kind, k);
        Assert.Equal(family, f);
        Assert.Equal(index, i);
    }

    [Theory]
    [InlineData("input: ")]
    [InlineData("sesame:drop:v4:1")]
    [InlineData("sesame:add:v5:1")]
    [InlineData("sesame:add:v4:")]
    [InlineData("sesame:add:v4:-1")]
    [InlineData("sesame:fullv4:1")]
    public void TryParse_ForeignPrefix_ReturnsFalse(string prefix) => Assert.False(NftLogPrefix.TryParse(prefix, out _, out _, out _));
}
