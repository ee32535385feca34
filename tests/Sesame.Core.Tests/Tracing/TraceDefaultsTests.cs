using Sesame.Model;
using Sesame.Tracing;

namespace Sesame.Tests.Tracing;

public sealed class TraceDefaultsTests
{
    private static FilterRule Rule(string? list, bool negated = false) => new()
    {
        Chain = "input",
        Action = FilterAction.Drop,
        InInterfaceList = list is null ? null : new Negatable<string>(negated, list),
    };

    private static readonly FirewallConfig WanLan = new()
    {
        InterfaceLists = [new InterfaceList("WAN"), new InterfaceList("LAN")],
        InterfaceListMembers = [new InterfaceListMember("LAN", "bridge"), new InterfaceListMember("WAN", "ether1"), new InterfaceListMember("WAN", "pppoe-out1")],
    };

    [Fact]
    public void FromConfig_NoInterfaceLists_UsesEther1()
    {
        TraceDefaults d = TraceDefaults.FromConfig(new FirewallConfig { Ipv4Filter = [Rule(null)] });

        Assert.Equal("ether1", d.InInterface);
        Assert.Null(d.Problem);
    }

    [Fact]
    public void FromConfig_RulesRequireWanAndExcludeLan_PicksAWanMember()
    {
        TraceDefaults d = TraceDefaults.FromConfig(WanLan with { Ipv4Filter = [Rule("WAN"), Rule("LAN", negated: true)] });

        Assert.Equal("ether1", d.InInterface);
        Assert.Contains("bridge", d.KnownInterfaces);
        Assert.Contains("pppoe-out1", d.KnownInterfaces);
    }

    [Fact]
    public void FromConfig_OnlyNotLanRequired_PicksAnInterfaceOutsideLan()
    {
        TraceDefaults d = TraceDefaults.FromConfig(WanLan with { Ipv4Filter = [Rule("LAN", negated: true)] });

        Assert.NotEqual("bridge", d.InInterface);
    }

    [Fact]
    public void FromConfig_RequiredListHasNoMembers_SaysSo()
    {
        TraceDefaults d = TraceDefaults.FromConfig(new FirewallConfig
        {
            InterfaceLists = [new InterfaceList("WAN")],
            Ipv4Filter = [Rule("WAN")],
        });

        Assert.NotNull(d.Problem);
        Assert.Contains("WAN", d.Problem, StringComparison.Ordinal);
    }
}
