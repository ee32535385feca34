using Sesame.Linux.Daemon;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tests.Daemon;

public sealed class FleetScopeTests
{
    private const string Config = """
        /ip firewall filter
        add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=7000 protocol=tcp
        add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input dst-port=7001 protocol=tcp src-address-list=knock1
        add action=accept chain=input src-address-list=secured
        add action=add-src-to-address-list address-list=blacklist address-list-timeout=1d chain=input dst-port=23 protocol=tcp
        add action=drop chain=input src-address-list=blacklist
        /ipv6 firewall filter
        add action=accept chain=input src-address-list=secured
        """;

    [Fact]
    public void Of_Default_GrantAndBlacklistListsSharedStagesNot()
    {
        FleetScope scope = Scope([], []);

        Assert.Equal(["blacklist", "secured"], scope.Lists);
        Assert.True(scope.Shares(IpFamily.V4, "secured"));
        Assert.True(scope.Shares(IpFamily.V6, "secured"));
        Assert.False(scope.Shares(IpFamily.V6, "blacklist")); // no IPv6 set for it
        Assert.False(scope.Shares(IpFamily.V4, "knock1"));
        Assert.True(scope.Uses("knock1"));
        Assert.False(scope.Uses("nope"));
    }

    [Fact]
    public void Of_ShareAndLocal_NodeChoicesWin()
    {
        FleetScope scope = Scope(share: ["knock1"], local: ["blacklist"]);

        Assert.Equal(["knock1", "secured"], scope.Lists);
        Assert.False(scope.Shares(IpFamily.V4, "blacklist"));
    }

    private static FleetScope Scope(string[] share, string[] local)
    {
        FirewallConfig config = Configs.Parse(Config);
        return FleetScope.Of(NftCompiler.Compile(config).Ruleset, new ListRoles(config), share, local);
    }
}
