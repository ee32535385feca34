using System.Text.Json;

namespace Sesame.Tests.Package;

/// <summary>
/// deploy/debian/sesame.rsc, the package's /etc/sesame/sesame.rsc: usable without a warning, and the door it describes
/// works through the engine — over IPv4 and IPv6, a knock opens it and a probe without one is dropped and blacklisted.
/// </summary>
public sealed class PackagedConfigTests
{
    private static readonly string Config = RepoPaths.Combine("deploy", "debian", "sesame.rsc");

    [Fact]
    public void Check_PackagedConfig_IsUsableWithoutWarnings()
    {
        CliRun run = CliRun.Of("check", Config);

        Assert.Equal(0, run.Exit);
        Assert.EndsWith("0 errors, 0 warnings — usable\n", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.7", "198.51.100.20")]
    [InlineData("2001:db8::7", "2001:db8::20")]
    public void Simulate_PackagedConfig_KnockOpensAndAProbeIsBlacklisted(string knocker, string prober)
    {
        string trace = $"""
            0    {knocker}  tcp  888  in=eth0
            0.5  {knocker}  tcp  555  in=eth0
            1    {knocker}  tcp  222  in=eth0
            2    {knocker}  tcp  22   in=eth0
            3    {prober}   tcp  22   in=eth0
            4    {prober}   tcp  888  in=eth0
            4.5  {prober}   tcp  555  in=eth0
            5    {prober}   tcp  222  in=eth0
            6    {prober}   tcp  22   in=eth0
            """;

        CliRun run = CliRun.WithInput(trace, "simulate", Config, "-", "--json");

        Assert.Equal(0, run.Exit);
        JsonElement[] packets = [.. run.Json.GetProperty("packets").EnumerateArray()];
        string[] verdicts = [.. packets.Select(p => p.GetProperty("verdict").GetString()!)];
        Assert.Equal(["drop", "drop", "accept", "accept", "drop", "drop", "drop", "drop", "drop"], verdicts);
        Assert.Contains("blacklist", packets[4].GetProperty("added").EnumerateArray().Select(a => a.GetString()));
    }
}
