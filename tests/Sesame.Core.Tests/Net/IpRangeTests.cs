using Sesame.Net;

namespace Sesame.Tests.Net;

public sealed class IpRangeTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7", 32)]
    [InlineData("203.0.113.77/24", "203.0.113.0/24", 24)] // host bits dropped (ROUTEROS.md §3.2)
    [InlineData("198.51.100.0-198.51.100.255", "198.51.100.0/24", 24)] // a range equal to a prefix is that prefix
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.5-10.0.0.9", -1)]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", 0)]
    [InlineData("2001:db8::1", "2001:db8::1", 128)]
    [InlineData("2001:db8::1/32", "2001:db8::/32", 32)]
    [InlineData("::/0", "::/0", 0)]
    public void TryParse_ValidText_NormalisesLikeRouterOs(string text, string expected, int prefixLength)
    {
        Assert.True(IpRange.TryParse(text, out IpRange? range));
        Assert.Equal(expected, range.Value.ToString());
        Assert.Equal(prefixLength, range.Value.PrefixLength);
    }

    [Theory]
    [InlineData("203.0.113.1-254")] // RouterOS stores this as a DNS name
    [InlineData("10.1")]
    [InlineData("1.2.3.4/33")]
    [InlineData("2001:db8::1-2001:db8::5")] // IPv6 ranges are refused
    [InlineData("10.0.0.9-10.0.0.5")]
    [InlineData("example.com")]
    [InlineData("fe80::1%eth0")]
    public void TryParse_InvalidText_Fails(string text)
    {
        Assert.False(IpRange.TryParse(text, out IpRange? range, out string error));
        Assert.Null(range);
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("203.0.113.77/24", "203.0.113.0/24")]
    [InlineData("2001:db8::5/64", "2001:db8::/64")]
    public void Equals_SameNormalisedValue_AreEqual(string a, string b)
    {
        Assert.True(IpRange.TryParse(a, out IpRange? x));
        Assert.True(IpRange.TryParse(b, out IpRange? y));
        Assert.Equal(x, y);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.5", true)]
    [InlineData("10.0.0.5-10.0.0.9", "10.0.0.10", false)]
    [InlineData("0.0.0.0/0", "::1", false)] // families never mix
    [InlineData("2001:db8::/32", "2001:db8:1::1", true)]
    public void Contains_Address_ChecksFamilyAndBounds(string range, string address, bool expected)
    {
        Assert.True(IpRange.TryParse(range, out IpRange? r));
        Assert.Equal(expected, r.Value.Contains(System.Net.IPAddress.Parse(address)));
    }
}
