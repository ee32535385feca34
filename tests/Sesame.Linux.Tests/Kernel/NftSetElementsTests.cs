using System.Diagnostics;
using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Net;
using Xunit.Abstractions;

namespace Sesame.Tests.Kernel;

/// <summary>
/// The daemon's raw-netlink reads of set elements, against the kernel in a namespace: one element by key, a bounded dump,
/// and — the reason they exist — costs that do not grow with the set (libnftables took 43 s for one element of 1 M).
/// </summary>
public sealed class NftSetElementsTests(ITestOutputHelper output)
{
    private const string Table = """
        add table inet sesame
        add set inet sesame v4_k { type ipv4_addr; flags dynamic, timeout; size 1048576; }
        add set inet sesame v6_k { type ipv6_addr; flags dynamic, timeout; size 1048576; }
        add element inet sesame v4_k { 192.0.2.1 timeout 30s, 192.0.2.2 }
        add element inet sesame v6_k { 2001:db8::7 timeout 1h }

        """;

    [RootFact]
    public void Get_FindsEachElementWithItsTimeout_AndNullForAnAbsentOne()
    {
        using var ns = new NetNs();
        Apply(ns, Table);

        (NftElementState? timed, NftElementState? plain, NftElementState? v6, NftElementState? absent) = ns.InServer(() =>
        {
            using var elements = new NftSetElements();
            return (elements.Get("sesame", "v4_k", Host("192.0.2.1")), elements.Get("sesame", "v4_k", Host("192.0.2.2")),
                elements.Get("sesame", "v6_k", Host("2001:db8::7")), elements.Get("sesame", "v4_k", Host("192.0.2.3")));
        });

        Assert.Equal(TimeSpan.FromSeconds(30), timed!.Value.Timeout);
        Assert.InRange(timed.Value.Expires!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
        Assert.Equal(new NftElementState(null, null), plain);
        Assert.Equal(TimeSpan.FromHours(1), v6!.Value.Timeout);
        Assert.Null(absent);
    }

    [RootFact]
    public void Dump_ReturnsAtMostMax_SaysWhetherThereWereMore_AndTheSocketStillAnswers()
    {
        using var ns = new NetNs();
        Apply(ns, Table);
        Apply(ns, Fill("v4_k", 3000));

        (NftElementDump all, NftElementDump some, NftElementState? after) = ns.InServer(() =>
        {
            using var elements = new NftSetElements();
            NftElementDump all = elements.Dump("sesame", "v4_k", 10_000);
            NftElementDump some = elements.Dump("sesame", "v4_k", 100);
            return (all, some, elements.Get("sesame", "v4_k", Host("192.0.2.1")));
        });

        Assert.Equal(3002, all.Elements.Count);
        Assert.False(all.Truncated);
        Assert.Contains(all.Elements, e => e.Address == Host("192.0.2.2") && e.State.Timeout is null);
        Assert.Equal(100, some.Elements.Count);
        Assert.True(some.Truncated);
        Assert.NotNull(after);
    }

    [RootFact]
    public void Get_OnASetThatDoesNotExist_IsAbsent_AndDumpSaysSo()
    {
        using var ns = new NetNs();
        Apply(ns, Table);

        (NftElementState? state, string message) = ns.InServer(() =>
        {
            using var elements = new NftSetElements();
            NftElementState? state = elements.Get("sesame", "v4_nope", Host("192.0.2.1"));
            NftException e = Assert.Throws<NftException>(() => elements.Dump("sesame", "v4_nope", 10));
            return (state, e.Message);
        });

        Assert.Null(state);
        Assert.Contains("v4_nope", message, StringComparison.Ordinal);
    }

    [RootFact]
    public void GetAndBoundedDump_OnALargeSet_CostWhatTheyRead_NotTheSetsSize()
    {
        using var ns = new NetNs();
        Apply(ns, Table);
        Apply(ns, Fill("v4_k", 200_000));

        (TimeSpan get, TimeSpan dump, int count) = ns.InServer(() =>
        {
            using var elements = new NftSetElements();
            var clock = Stopwatch.StartNew();
            Assert.NotNull(elements.Get("sesame", "v4_k", Host("10.1.0.1")));
            TimeSpan get = clock.Elapsed;
            clock.Restart();
            NftElementDump dump = elements.Dump("sesame", "v4_k", 1000);
            return (get, clock.Elapsed, dump.Elements.Count);
        });

        output.WriteLine($"200,000 elements: get {get.TotalMilliseconds:0.0} ms, dump of 1,000 {dump.TotalMilliseconds:0.0} ms");
        Assert.Equal(1000, count);
        // Generous guards against the quadratic path (a full dump of 200k takes seconds), not speed targets.
        Assert.True(get < TimeSpan.FromSeconds(2), $"get took {get}");
        Assert.True(dump < TimeSpan.FromSeconds(2), $"dump took {dump}");
    }

    [RootFact]
    public void Write_AddWithTimeoutAndComment_NftReadsTheSame()
    {
        using var ns = new NetNs();
        Apply(ns, Table);

        int errno = ns.InServer(() =>
        {
            using var elements = new NftSetElements();
            return elements.Write("sesame", [new NftElementWrite(true, "v4_k", Host("192.0.2.9"), TimeSpan.FromMinutes(30), "granted \"x\"; }")]);
        });

        Assert.Equal(0, errno);
        string listed = NftShell.Must(ns.Server, "-j", "list", "set", "inet", "sesame", "v4_k");
        Assert.Contains("{\"elem\": {\"val\": \"192.0.2.9\", \"timeout\": 1800, \"expires\": ", listed, StringComparison.Ordinal);
        Assert.Contains("\"comment\": \"granted \\\"x\\\"; }\"", listed, StringComparison.Ordinal);
    }

    [RootFact]
    public void Write_BatchWithADeleteOfAMissingElement_NothingChangesAndEnoent()
    {
        using var ns = new NetNs();
        Apply(ns, Table);

        (int errno, NftElementState? added, NftElementState? kept) = ns.InServer(() =>
        {
            using var elements = new NftSetElements();
            int errno = elements.Write("sesame", [
                new NftElementWrite(true, "v4_k", Host("192.0.2.20"), TimeSpan.FromSeconds(60)),
                new NftElementWrite(false, "v4_k", Host("192.0.2.2")),
                new NftElementWrite(false, "v4_k", Host("192.0.2.99")),
            ]);
            return (errno, elements.Get("sesame", "v4_k", Host("192.0.2.20")), elements.Get("sesame", "v4_k", Host("192.0.2.2")));
        });

        Assert.Equal(2, errno);
        Assert.Null(added);
        Assert.NotNull(kept);
    }

    private static IpRange Host(string text) => IpRange.TryParse(text, out IpRange? range) ? range.Value : throw new ArgumentException(text);

    /// <summary>Addresses 10.0.0.0 onwards, 10,000 to a command.</summary>
    private static string Fill(string set, int count)
    {
        var s = new System.Text.StringBuilder();
        for (int start = 0; start < count; start += 10_000)
        {
            s.Append($"add element inet sesame {set} {{ ");
            for (int i = start; i < Math.Min(count, start + 10_000); i++)
            {
                int n = 0x0A000000 + i;
                s.Append(i > start ? ", " : "").Append($"{n >> 24 & 255}.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255} timeout 5m");
            }

            s.Append(" }\n");
        }

        return s.ToString();
    }

    private static void Apply(NetNs ns, string script) => ns.InServer(() =>
    {
        using var nft = new NftContext();
        nft.Run(script); // the test's own elements, as text
        return 0;
    });
}
