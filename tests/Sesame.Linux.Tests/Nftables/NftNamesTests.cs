using Sesame.Linux.Nftables;
using Sesame.Net;

namespace Sesame.Tests.Nftables;

public sealed class NftNamesTests
{
    [Theory]
    [InlineData("secured", "v4_secured")]
    [InlineData("888", "v4_888")]
    [InlineData("port_knock-1", "v4_port_knock-1")]
    [InlineData("my list", "v4_my.20list")]
    [InlineData("a.b", "v4_a.2eb")]
    [InlineData("敲门", "v4_.e6.95.b2.e9.97.a8")]
    public void HostSet_Name_IsEscapedAndReadsBack(string list, string expected)
    {
        string set = NftNames.HostSet(IpFamily.V4, list);

        Assert.Equal(expected, set);
        Assert.True(NftNames.TryParseAddressListSet(set, out IpFamily family, out string back, out bool isNet));
        Assert.Equal((IpFamily.V4, list, false), (family, back, isNet));
    }

    [Fact]
    public void NetSet_Name_ReadsBackAsNetSetOfItsFamily()
    {
        Assert.True(NftNames.TryParseAddressListSet(NftNames.NetSet(IpFamily.V6, "a_net"), out IpFamily family, out string list, out bool isNet));

        Assert.Equal((IpFamily.V6, "a_net", true), (family, list, isNet));
    }

    [Theory]
    [InlineData("if_WAN")]
    [InlineData("cl_v4_3")]
    [InlineData("v4_bad.zz")]
    public void TryParseAddressListSet_OtherSets_AreNotAddressLists(string name)
    {
        Assert.False(NftNames.TryParseAddressListSet(name, out _, out _, out _));
    }

    [Fact]
    public void TryParseCounter_RuleCounter_GivesFamilyAndIndex()
    {
        Assert.True(NftNames.TryParseCounter(NftNames.Counter(IpFamily.V6, 12), out IpFamily family, out int index));

        Assert.Equal((IpFamily.V6, 12), (family, index));
    }
}
