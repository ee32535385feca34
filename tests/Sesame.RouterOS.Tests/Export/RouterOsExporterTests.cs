using Sesame.Model;
using Sesame.RouterOS;
using Sesame.Tests.Golden;

namespace Sesame.Tests.Export;

public sealed class RouterOsExporterTests
{
    public static TheoryData<string> Samples => ["Seeds", "EveryProperty", "Ipv6", "Layer7", "Scripts", "InterfaceLists", "AddressLists"];

    private static FirewallConfig Sample(string name) => name switch
    {
        "Seeds" => ExportSamples.Seeds(),
        "EveryProperty" => ExportSamples.EveryProperty(),
        "Ipv6" => ExportSamples.Ipv6(),
        "Layer7" => ExportSamples.Layer7(),
        "Scripts" => ExportSamples.Scripts(),
        "InterfaceLists" => ExportSamples.InterfaceLists(),
        "AddressLists" => ExportSamples.AddressLists(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Export_Sample_MatchesGoldenFile(string name)
    {
        GoldenFile.AssertMatches("export-" + name, RouterOsExporter.Export(Sample(name)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Export_SampleUnwrapped_MatchesGoldenFile(string name)
    {
        GoldenFile.AssertMatches("export-" + name + "-terse", RouterOsExporter.Export(Sample(name), new ExportOptions { Wrap = false }));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Export_Wrapped_NoLineLongerThan80Columns(string name)
    {
        string text = RouterOsExporter.Export(Sample(name));

        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Export_WrappedJoined_EqualsUnwrapped(string name)
    {
        FirewallConfig config = Sample(name);
        string wrapped = RouterOsExporter.Export(config);

        // What a RouterOS reader does with continuations (ROUTEROS.md §1.1); "\_" is the escape for a space that
        // starts a continuation line, which the unwrapped form writes as a plain space.
        string joined = System.Text.RegularExpressions.Regex.Replace(wrapped, @"\\\n[ \t]*", "").Replace(@"\_", " ", StringComparison.Ordinal);

        Assert.Equal(RouterOsExporter.Export(config, new ExportOptions { Wrap = false }), joined);
    }

    [Fact]
    public void Export_EmptyConfig_OnlyHeader()
    {
        Assert.Equal("# sesame export\n", RouterOsExporter.Export(FirewallConfig.Empty));
    }

    [Fact]
    public void Export_SameModelTwice_IsByteIdentical()
    {
        Assert.Equal(RouterOsExporter.Export(ExportSamples.Seeds()), RouterOsExporter.Export(ExportSamples.Seeds()));
    }

    [Fact]
    public void Export_MenusOutOfOrderInModel_WrittenInImportableOrder()
    {
        string text = RouterOsExporter.Export(ExportSamples.Seeds() with { Scripts = ExportSamples.Scripts().Scripts, Schedulers = ExportSamples.Scripts().Schedulers, Ipv6Filter = ExportSamples.Ipv6().Ipv6Filter, Ipv6AddressList = ExportSamples.Ipv6().Ipv6AddressList });
        string[] menus = [.. text.Split('\n').Where(line => line.StartsWith('/'))];

        Assert.Equal(
            ["/interface list", "/interface list member", "/ip firewall layer7-protocol", "/ip firewall address-list", "/ip firewall filter", "/ipv6 firewall address-list", "/ipv6 firewall filter", "/system script", "/system scheduler"],
            menus);
    }

    [Fact]
    public void Export_DynamicAddressListEntries_LeftOut()
    {
        string text = RouterOsExporter.Export(ExportSamples.AddressLists());

        Assert.DoesNotContain("192.0.2.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("192.0.2.2", text, StringComparison.Ordinal);
        Assert.Contains("add address=203.0.113.10 comment=\"office IP\" list=admin-ips\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_OnlyDynamicEntries_MenuLeftOut()
    {
        var config = new FirewallConfig { Ipv4AddressList = [new AddressListEntry { List = "k", Address = ExportSamples.Ip("192.0.2.9"), Timeout = TimeSpan.FromSeconds(30) }] };

        Assert.Equal("# sesame export\n", RouterOsExporter.Export(config));
    }

    [Fact]
    public void Export_KnockRule_ArgumentsAlphabeticalWithDefaultsOmitted()
    {
        var config = new FirewallConfig { Ipv4Filter = [ExportSamples.Seeds().Ipv4Filter[2]] };

        Assert.Equal(
            "# sesame export\n/ip firewall filter\nadd action=add-src-to-address-list address-list=555 address-list-timeout=30s \\\n    chain=input dst-port=555 in-interface-list=WAN protocol=tcp \\\n    src-address-list=888\n",
            RouterOsExporter.Export(config));
    }

    [Fact]
    public void Export_AcceptRule_ActionWrittenAlthoughDefault()
    {
        var config = new FirewallConfig { Ipv4Filter = [new FilterRule { Chain = "input", Action = FilterAction.Accept }] };

        Assert.Equal("# sesame export\n/ip firewall filter\nadd action=accept chain=input\n", RouterOsExporter.Export(config));
    }

    [Theory]
    [InlineData(AddressListTimeoutKind.NoneDynamic, 0, "address-list-timeout=none-dynamic")]
    [InlineData(AddressListTimeoutKind.NoneStatic, 0, "address-list-timeout=none-static")]
    [InlineData(AddressListTimeoutKind.Timed, 60000, "address-list-timeout=16h40m")]
    [InlineData(AddressListTimeoutKind.Timed, 1800, "address-list-timeout=30m")]
    [InlineData(AddressListTimeoutKind.Timed, 691205, "address-list-timeout=1w1d5s")]
    public void Export_AddressListTimeout_CanonicalOrKeyword(AddressListTimeoutKind kind, int seconds, string expected)
    {
        var timeout = new AddressListTimeout(kind, TimeSpan.FromSeconds(seconds));
        var config = new FirewallConfig { Ipv4Filter = [new FilterRule { Chain = "input", Action = FilterAction.AddSrcToAddressList, AddressList = "k", AddressListTimeout = timeout }] };

        Assert.Contains(" " + expected + " ", RouterOsExporter.Export(config, new ExportOptions { Wrap = false }), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_Layer7Dollar_EscapedAsInManual()
    {
        var config = new FirewallConfig { Layer7Protocols = [new Layer7Protocol("pass", "^passphrase$")] };

        Assert.Equal("# sesame export\n/ip firewall layer7-protocol\nadd name=pass regexp=\"^passphrase\\$\"\n", RouterOsExporter.Export(config));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void ExportRule_EachRule_IsItsLineInTheUnwrappedExport(string name)
    {
        FirewallConfig config = Sample(name);
        string export = RouterOsExporter.Export(config, new ExportOptions { Wrap = false });

        foreach (FilterRule rule in config.Ipv4Filter.Concat(config.Ipv6Filter))
        {
            string line = RouterOsExporter.ExportRule(rule);
            Assert.StartsWith("add ", line, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', line);
            Assert.Contains("\n" + line + "\n", export, StringComparison.Ordinal);
        }
    }
}
