using System.Net.Sockets;
using System.Text.Json.Nodes;
using Sesame.Linux.Nftables;
using Sesame.Model;

namespace Sesame.Tests.Kernel;

/// <summary>
/// Names, comments and prefixes that hold nft syntax (newline, <c>;</c>, <c>}</c>, <c>#</c>, quotes, ESC) reach the
/// kernel as values through libnftables JSON, or are refused; NUL is refused before anything is applied.
/// </summary>
public sealed class NftHostileNameTests
{
    /// <summary>RouterOS escapes (ROUTEROS.md §1.8): \n newline, \" quote, \\ backslash, \1B ESC.</summary>
    private const string Evil = @"x\n;add table ip evil { }\nadd rule inet sesame input accept #}\""\\\1B";

    private static readonly string Script = $$"""
        /interface list
        add name="W{{Evil}}"
        /interface list member
        add interface=ether1 list="W{{Evil}}"
        /ip firewall layer7-protocol
        add name="p{{Evil}}" regexp="^OPEN\$"
        /ip firewall filter
        add action=jump chain=input jump-target="k{{Evil}}" comment="c{{Evil}}"
        add action=add-src-to-address-list address-list="s{{Evil}}" address-list-timeout=30s chain="k{{Evil}}" dst-port=888 protocol=tcp in-interface-list="W{{Evil}}" log=yes log-prefix="l{{Evil}}" comment="c{{Evil}}"
        add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain="k{{Evil}}" dst-port=222 protocol=tcp src-address-list="s{{Evil}}"
        add action=add-src-to-address-list address-list="u{{Evil}}" address-list-timeout=30m chain="k{{Evil}}" protocol=udp dst-port=999 layer7-protocol="p{{Evil}}"
        add action=accept chain=input src-address-list=secured
        add action=drop chain=input in-interface-list="W{{Evil}}"
        """;

    [RootFact]
    public void Apply_HostileNames_ReachTheKernelAsValuesAndNothingElseAppears()
    {
        using var ns = new NetNs();
        FirewallConfig config = Configs.Parse(Script);
        Kernel.Apply(ns, config); // applies as JSON and verifies the table read back
        using Socket listener = ns.Listen(22);

        (string listed, string logPrefix) = ns.InServer(() =>
        {
            using var nft = new NftContext();
            return (nft.RunJson("list ruleset"), nft.RunJson("list chain inet sesame " + NftNames.Chain(Net.IpFamily.V4, "k" + Unescaped)));
        });

        foreach (JsonNode? item in JsonNode.Parse(listed)!["nftables"]!.AsArray())
        {
            (string kind, JsonNode? body) = item!.AsObject().Single();
            if (kind != "metainfo")
            {
                Assert.Equal("inet", (string)body!["family"]!);
                Assert.Equal("sesame", (string)(kind == "table" ? body["name"] : body["table"])!);
            }
        }

        string[] prefixes = [.. JsonNode.Parse(logPrefix)!["nftables"]!.AsArray()
            .SelectMany(n => n!["rule"]?["expr"]?.AsArray() ?? [])
            .Select(s => (string?)s!["log"]?["prefix"])
            .OfType<string>()];
        string expected = "l" + Unescaped + " k" + Unescaped + ": ";
        Assert.Contains(expected[..Math.Min(expected.Length, 127)], prefixes);
        Assert.False(ns.TryConnect(ns.ServerV4, 22, 41000)); // not knocked: shut
        ns.TryConnect(ns.ServerV4, 888, 41001);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "s" + Unescaped, ns.ClientV4)));
        ns.TryConnect(ns.ServerV4, 222, 41002);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)));
        Assert.True(ns.TryConnect(ns.ServerV4, 22, 41003, timeoutMs: 2000));
    }

    [RootTheory]
    [InlineData("add action=drop chain=input log=yes log-prefix=\"cut\\00here\"")]
    [InlineData("add action=drop chain=input in-interface=\"eth\\00x\"")]
    [InlineData("add action=drop chain=input in-interface=\"sixteen-bytes-xx\"")]
    public void Apply_StringNftablesWouldCut_IsRefusedAndNothingIsApplied(string rule)
    {
        using var ns = new NetNs();
        FirewallConfig config = Configs.Parse("/ip firewall filter\n" + rule);

        (bool refused, bool table) = ns.InServer(() =>
        {
            using var nft = new NftContext();
            bool threw = Record.Exception(() => nft.Apply(NftCompiler.Compile(config))) is NftException;
            return (threw, nft.TableExists());
        });

        Assert.True(refused);
        Assert.False(table);
    }

    [RootFact]
    public void Script_OfEverySeed_IsAcceptedByNftAndGivesTheSameTableAsJson()
    {
        foreach (string seed in SeedFixtures.Names)
        {
            using var ns = new NetNs();
            NftCompilation compilation = NftCompiler.Compile(Configs.Seed(seed));

            IReadOnlyList<string> differences = ns.InServer(() =>
            {
                using var nft = new NftContext();
                nft.Run(compilation.Script); // the `export --to nft` text, applied as text
                nft.Verify(compilation.Ruleset, out IReadOnlyList<string> d);
                return d;
            });

            Assert.True(differences.Count == 0, $"{seed}: {string.Join("; ", differences)}");
        }
    }

    private static string Unescaped => "x\n;add table ip evil { }\nadd rule inet sesame input accept #}\"\\\u001b";
}
