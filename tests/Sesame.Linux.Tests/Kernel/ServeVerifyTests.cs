using Sesame.Linux.Nftables;

namespace Sesame.Tests.Kernel;

/// <summary><c>serve</c> reads its table back after applying it and does not start on a table that is not the compiled one.</summary>
public sealed class ServeVerifyTests
{
    [RootFact]
    public void Serve_TableWithAForeignBaseChain_ExitsOneWithTheDifferenceAndNeverStarts()
    {
        using var ns = new NetNs();
        using TempConfig config = TempConfig.Seed("000-manual-old-en.rsc");
        // A base chain in Sesame's own table that no configuration declares: applying leaves it, and it sees every packet.
        ns.InServer(() =>
        {
            using var nft = new NftContext();
            nft.Run("add table inet sesame\nadd chain inet sesame sneaky { type filter hook input priority -10; policy accept; }\n");
            return 0;
        });

        (int exitCode, string output, string error) = SesameProcess.Run(ns.Server, "serve", config.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains("chain sneaky is an extra base chain (hook input)", error, StringComparison.Ordinal);
        Assert.Contains("not starting", error, StringComparison.Ordinal);
        Assert.Contains("event=error stage=verify", output, StringComparison.Ordinal);
        Assert.DoesNotContain("event=start", output, StringComparison.Ordinal);
    }

    [RootFact]
    public void Verify_RuleInsertedAfterApply_IsReportedWithTheBaseline()
    {
        using var ns = new NetNs();
        NftCompilation compilation = NftCompiler.Compile(Configs.Seed("000-manual-old-en.rsc"));

        (bool before, bool after, IReadOnlyList<string> differences) = ns.InServer(() =>
        {
            using var nft = new NftContext();
            nft.Apply(compilation);
            IReadOnlyList<string> baseline = nft.Snapshot();
            bool clean = nft.Verify(compilation.Ruleset, baseline, out _);
            nft.Run("insert rule inet sesame v4_input tcp dport 22 accept\n");
            bool still = nft.Verify(compilation.Ruleset, baseline, out IReadOnlyList<string> d);
            return (clean, still, d);
        });

        Assert.True(before);
        Assert.False(after);
        Assert.Contains(differences, d => d.StartsWith("chain v4_input has", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("added since the last apply", StringComparison.Ordinal));
    }
}
