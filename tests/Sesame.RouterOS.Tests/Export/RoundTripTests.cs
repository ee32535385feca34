using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.RouterOS;

namespace Sesame.Tests.Export;

/// <summary>
/// parse ∘ export is the identity on the model (STYLE.md: round trips): every corpus script is parsed, exported
/// (wrapped and unwrapped), parsed again and compared, and a second export reproduces the first byte for byte.
/// </summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.rsc").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    private static FirewallConfig ParseClean(string text, string fileName)
    {
        ScriptResult result = RouterOsScript.Parse(text, fileName);
        Assert.False(result.HasErrors, string.Join('\n', result.Diagnostics.Where(d => d.Severity == Severity.Error)));
        return result.Config;
    }

    private static string ReadCorpus(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", fileName));

    [Fact]
    public void Corpus_HasAtLeastTenScripts()
    {
        Assert.True(CorpusFiles().Count >= 10);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void ParseExportParse_Wrapped_SameModel(string fileName)
    {
        FirewallConfig original = ParseClean(ReadCorpus(fileName), fileName);

        string exported = RouterOsExporter.Export(original);
        FirewallConfig reparsed = ParseClean(exported, fileName + ".export");

        Assert.Equal(ModelNormalizer.Normalize(original), ModelNormalizer.Normalize(reparsed));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void ParseExportParse_Unwrapped_SameModel(string fileName)
    {
        FirewallConfig original = ParseClean(ReadCorpus(fileName), fileName);

        string exported = RouterOsExporter.Export(original, new ExportOptions { Wrap = false });
        FirewallConfig reparsed = ParseClean(exported, fileName + ".export");

        Assert.Equal(ModelNormalizer.Normalize(original), ModelNormalizer.Normalize(reparsed));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Export_OfParsedExport_IsByteIdentical(string fileName)
    {
        FirewallConfig model = ParseClean(ReadCorpus(fileName), fileName);
        string first = RouterOsExporter.Export(model);

        string second = RouterOsExporter.Export(ParseClean(first, fileName + ".export"));

        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void ExportUnwrapped_OfParsedExport_IsByteIdentical(string fileName)
    {
        var options = new ExportOptions { Wrap = false };
        FirewallConfig model = ParseClean(ReadCorpus(fileName), fileName);
        string first = RouterOsExporter.Export(model, options);

        string second = RouterOsExporter.Export(ParseClean(first, fileName + ".export"), options);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("Seeds")]
    [InlineData("EveryProperty")]
    [InlineData("Ipv6")]
    [InlineData("Layer7")]
    [InlineData("Scripts")]
    [InlineData("InterfaceLists")]
    [InlineData("AddressLists")]
    public void ExportParse_BuiltModel_SameModel(string name)
    {
        FirewallConfig model = name switch
        {
            "Seeds" => ExportSamples.Seeds(),
            "EveryProperty" => ExportSamples.EveryProperty(),
            "Ipv6" => ExportSamples.Ipv6(),
            "Layer7" => ExportSamples.Layer7(),
            "Scripts" => ExportSamples.Scripts(),
            "InterfaceLists" => ExportSamples.InterfaceLists(),
            _ => ExportSamples.AddressLists(),
        };

        FirewallConfig reparsed = ParseClean(RouterOsExporter.Export(model), name + ".rsc");

        Assert.Equal(ModelNormalizer.Normalize(model), ModelNormalizer.Normalize(reparsed));
    }
}
