namespace Sesame.Tests.Commands;

/// <summary>
/// The commands that hand a config to nftables (<c>serve</c>, <c>export --to nft</c>) refuse what the kernel cannot hold
/// before anything is applied or printed, with the rule's place — the same errors <c>check</c> gives.
/// </summary>
public sealed class KernelBoundCommandTests
{
    // 16 bytes: one more than IFNAMSIZ-1, refused by nft ("String exceeds maximum length of 16").
    private const string LongInterface = "/ip firewall filter\nadd chain=input in-interface=abcdefghijklmnop protocol=tcp dst-port=22 action=drop\n";

    [Theory]
    [InlineData("export", "--to", "nft")]
    [InlineData("serve")]
    public void KernelBoundCommand_InterfaceNameOverFifteenBytes_ExitsOneNamingTheRule(params string[] command)
    {
        using var config = new TempFile("long-ifname.rsc", LongInterface);

        CliRun run = CliRun.Of([command[0], config.Path, .. command[1..]]);

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains("long-ifname.rsc:2:", run.Err, StringComparison.Ordinal);
        Assert.Contains("SES0521", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportRouterOs_InterfaceNameOverFifteenBytes_IsStillExported()
    {
        // RouterOS itself holds longer interface names; only the Linux back end is bound by IFNAMSIZ.
        using var config = new TempFile("long-ifname.rsc", LongInterface);

        CliRun run = CliRun.Of("export", config.Path, "--to", "routeros");

        Assert.Equal(0, run.Exit);
        Assert.Contains("in-interface=abcdefghijklmnop", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportNft_NulInAComment_ExitsOneAndPrintsNothing()
    {
        using var config = new TempFile("nul.rsc", "/ip firewall filter\nadd chain=input action=drop comment=\"a\\00b\"\nadd chain=input action=drop protocol=tcp dst-port=22\n");

        CliRun run = CliRun.Of("export", config.Path, "--to", "nft");

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains("SES0520", run.Err, StringComparison.Ordinal);
    }
}
