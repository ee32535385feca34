using System.Net.Sockets;
using Sesame.Linux.Nftables;

namespace Sesame.Tests.Kernel;

/// <summary>
/// A dynamic entry without timeout that a timed rule refreshes takes that rule's timeout and expires (ROUTEROS.md §3.4),
/// in the kernel as in the engine. Found by the simulator-kernel property test: the kernel kept such an entry for good,
/// and on a grant list that is a door that never closes.
/// </summary>
public sealed class DynamicWithoutTimeoutTests
{
    private static string Config(string entry) => $"""
        /ip firewall address-list
        {entry}
        /ip firewall filter
        add chain=input protocol=tcp dst-port=777 action=add-src-to-address-list address-list=secured address-list-timeout=none-dynamic
        add chain=input protocol=tcp dst-port=888 action=add-src-to-address-list address-list=secured address-list-timeout=1s
        add chain=input protocol=tcp dst-port=22 src-address-list=secured action=accept
        add chain=input protocol=tcp dst-port=22 action=drop
        """;

    [RootTheory]
    [InlineData("add list=secured address=10.201.0.0 dynamic=yes", false)] // a config entry (address filled in below)
    [InlineData("", true)]                                                  // a none-dynamic rule's entry
    public void Refresh_DynamicEntryWithoutTimeout_TakesTheRulesTimeoutAndExpires(string entry, bool byRule)
    {
        using var ns = new NetNs();
        string config = Config(entry.Replace("10.201.0.0", ns.ClientV4.ToString(), StringComparison.Ordinal));
        Kernel.Apply(ns, Configs.Parse(config));
        using Socket listener = ns.Listen(22);
        if (byRule)
        {
            ns.TryConnect(ns.ServerV4, 777, 41000);
        }

        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)));
        NftAddressListElement before = Assert.Single(Kernel.Lists(ns), e => e.List == "secured");
        Assert.NotNull(before.Timeout); // dynamic: the kernel holds it with the longest RouterOS timeout, not as static
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41001, timeoutMs: 2000));

        ns.TryConnect(ns.ServerV4, 888, 41002); // the refresh: timeout 1s

        Assert.True(Kernel.WaitFor(() => !Kernel.InList(ns, "secured", ns.ClientV4), TimeSpan.FromSeconds(5)));
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41003));
    }
}
