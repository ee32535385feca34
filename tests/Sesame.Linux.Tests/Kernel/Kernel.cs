using System.Diagnostics;
using Sesame.Linux.Nftables;
using Sesame.Model;

namespace Sesame.Tests.Kernel;

/// <summary>Applying and reading Sesame's table in the server namespace of a <see cref="NetNs"/>.</summary>
internal static class Kernel
{
    public static void Apply(NetNs ns, FirewallConfig config, NftCompilerOptions? options = null) => ns.InServer(() =>
    {
        using var nft = new NftContext();
        nft.Apply(NftCompiler.Compile(config, options));
        return 0;
    });

    public static IReadOnlyList<NftAddressListElement> Lists(NetNs ns) => ns.InServer(() =>
    {
        using var nft = new NftContext();
        return nft.ListAddressLists();
    });

    public static IReadOnlyList<NftRuleCounter> Counters(NetNs ns) => ns.InServer(() =>
    {
        using var nft = new NftContext();
        return nft.ListCounters();
    });

    public static bool InList(NetNs ns, string list, System.Net.IPAddress address) =>
        Lists(ns).Any(e => e.List == list && e.Address.Contains(address));

    /// <summary>Polls until <paramref name="condition"/> holds, at most two seconds: the kernel handles a packet soon after it is sent.</summary>
    public static bool WaitFor(Func<bool> condition) => WaitFor(condition, TimeSpan.FromSeconds(2));

    /// <summary>Polls until <paramref name="condition"/> holds, at most <paramref name="limit"/>.</summary>
    public static bool WaitFor(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        for (int attempt = 0; attempt < 10_000 && clock.Elapsed < limit; attempt++)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return condition();
    }
}
