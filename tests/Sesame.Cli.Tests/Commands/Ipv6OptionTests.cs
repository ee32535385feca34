
namespace Sesame.Tests.Commands;

/// <summary><c>--ipv6=as-configured|mirror</c> on check, simulate, export and serve.</summary>
public sealed class Ipv6OptionTests
{
    private static readonly string Seed = RepoPaths.Combine("tests", "fixtures", "seeds", "000-manual-old-en.rsc");

    [Theory]
    [InlineData("check")]
    [InlineData("export")]
    [InlineData("simulate")]
    [InlineData("serve")]
    public void Ipv6_BadValue_ExitsTwoNamingTheOption(string command)
    {
        string[] args = command switch
        {
            "export" => [command, Seed, "--to", "routeros", "--ipv6=both"],
            "simulate" => [command, Seed, "-", "--ipv6=both"],
            _ => [command, Seed, "--ipv6=both"],
        };

        CliRun run = CliRun.Of(args);

        Assert.Equal(2, run.Exit);
        Assert.Contains("--ipv6 must be 'as-configured' or 'mirror', not 'both'", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace);
    }

    [Fact]
    public void Export_SeedWithMirror_WritesTheIpv6Filter()
    {
        CliRun plain = CliRun.Of("export", Seed, "--to", "routeros");
        CliRun mirrored = CliRun.Of("export", Seed, "--to", "routeros", "--ipv6=mirror");

        Assert.Equal(0, mirrored.Exit);
        Assert.DoesNotContain("/ipv6 firewall filter", plain.Out, StringComparison.Ordinal);
        Assert.StartsWith(plain.Out, mirrored.Out, StringComparison.Ordinal);
        string ipv6 = mirrored.Out[plain.Out.Length..];
        Assert.StartsWith("/ipv6 firewall filter\n", ipv6, StringComparison.Ordinal);
        string ipv4 = plain.Out[plain.Out.IndexOf("/ip firewall filter\n", StringComparison.Ordinal)..];
        Assert.Equal(ipv4["/ip firewall filter\n".Length..], ipv6["/ipv6 firewall filter\n".Length..]);
    }

    [Fact]
    public void Check_SeedWithMirror_HasNoIpv6Warning()
    {
        CliRun run = CliRun.Of("check", Seed, "--ipv6=mirror");

        Assert.Equal(0, run.Exit);
        Assert.DoesNotContain("SES0540", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MirrorOfAConfigWithIpv6Rules_IsAnErrorAtTheIpv6Rule()
    {
        using var config = new TempFile("both.rsc", """
            /ip firewall filter
            add action=drop chain=input protocol=tcp dst-port=22
            /ipv6 firewall filter
            add action=accept chain=input
            """);

        CliRun run = CliRun.Of("check", config.Path, "--ipv6=mirror");

        Assert.Equal(1, run.Exit);
        Assert.Contains($"{config.Path}:4:1: error SES0541:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_SeedWithMirror_Ipv6NeedsItsOwnKnock()
    {
        const string Trace = """
            0  2001:db8:5::7  tcp 22
            1  203.0.113.7    tcp 888
            2  203.0.113.7    tcp 555
            3  203.0.113.7    tcp 222
            4  2001:db8:5::7  tcp 22
            5  2001:db8:5::7  tcp 888
            6  2001:db8:5::7  tcp 555
            7  2001:db8:5::7  tcp 222
            8  2001:db8:5::7  tcp 22
            """;

        CliRun asConfigured = CliRun.WithInput(Trace, "simulate", Seed, "-", "--json");
        CliRun mirrored = CliRun.WithInput(Trace, "simulate", Seed, "-", "--json", "--ipv6=mirror");

        Assert.Equal(0, mirrored.Exit);
        string[] Verdicts(CliRun run) => [.. run.Json.GetProperty("packets").EnumerateArray().Select(p => p.GetProperty("verdict").GetString()!)];
        Assert.Equal(["accept", "drop", "drop", "accept", "accept", "accept", "accept", "accept", "accept"], Verdicts(asConfigured));
        Assert.Equal(["drop", "drop", "drop", "accept", "drop", "drop", "drop", "accept", "accept"], Verdicts(mirrored));
    }

    [Fact]
    public void Export_ProfileWithMirror_SaysItChangesNothing()
    {
        string door = RepoPaths.Combine("deploy", "examples", "ssh-door.yaml");

        CliRun plain = CliRun.Of("export", door, "--to", "routeros");
        CliRun mirrored = CliRun.Of("export", door, "--to", "routeros", "--ipv6=mirror");

        Assert.Equal(0, mirrored.Exit);
        Assert.Equal(plain.Out, mirrored.Out);
        Assert.Contains("--ipv6=mirror changes nothing", mirrored.Err, StringComparison.Ordinal);
    }
}
