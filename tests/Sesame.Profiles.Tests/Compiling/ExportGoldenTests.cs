using Sesame.Model;
using Sesame.Profiles;
using Sesame.RouterOS;

namespace Sesame.Tests.Compiling;

/// <summary>
/// The RouterOS scripts admins paste, byte for byte: the example profiles (both families), and the seeds' IPv4-only
/// script with <c>--ipv6=mirror</c> (its IPv6 filter).
/// </summary>
public sealed class ExportGoldenTests
{
    [Theory]
    [InlineData("ssh-door")]
    [InlineData("seed-door")]
    [InlineData("passphrase-door")]
    public void Export_ExampleProfile_MatchesGolden(string example)
    {
        ProfileResult result = ProfileReader.Read(File.ReadAllText(RepoPaths.Combine("deploy", "examples", example + ".yaml")), example + ".yaml");
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));

        GoldenFile.AssertMatches(example, RouterOsExporter.Export(result.Config));
    }

    [Fact]
    public void Export_SeedScriptMirrored_MatchesGolden()
    {
        ScriptResult parsed = RouterOsScript.Parse(File.ReadAllText(RepoPaths.Combine("tests", "fixtures", "seeds", "000-manual-old-en.rsc")), "000.rsc");
        Ipv6MirrorResult mirrored = Ipv6Mirror.Apply(parsed.Config);
        Assert.False(mirrored.HasErrors, string.Join("\n", mirrored.Diagnostics));

        GoldenFile.AssertMatches("seed-000-mirrored", RouterOsExporter.Export(mirrored.Config));
    }
}
