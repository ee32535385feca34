using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Profiles;

namespace Sesame.Tests.Reading;

public sealed class ProfileReaderTests
{
    private static string[] Found(string yaml) =>
        [.. ProfileReader.Read(yaml, "p.yaml").Diagnostics.Select(d => $"{d.Code}@{d.Location.Line}:{d.Location.Column}")];

    [Fact]
    public void Read_BadProfile_ReportsEveryErrorWithLineAndColumnAndAppliesNothing()
    {
        const string Yaml = """
            interfaces:
              outside: [ether1]
            doors:
              - name: admin
                knocks: [888, 70000, {protocol: udp}]
                step_tme: 30s
                interface: ether2
                open: [22]
            """;

        ProfileResult result = ProfileReader.Read(Yaml, "p.yaml");

        Assert.Equal(["SES0604@5:19", "SES0605@5:26", "SES0602@6:5", "SES0606@7:16"], Found(Yaml));
        Assert.All(result.Diagnostics, d => Assert.True(d.IsError));
        Assert.Contains("did you mean 'step_time'?", result.Diagnostics[2].Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'ether1'?", result.Diagnostics[3].Message, StringComparison.Ordinal);
        Assert.Empty(result.Config.Ipv4Filter);
    }

    [Theory]
    [InlineData("doors:\n  - name: a\n    knocks: [888]\n    step_time: soon\n", "SES0607@4:16")]
    [InlineData("doors:\n  - name: a\n    knocks: [888/icmp]\n", "SES0608@3:14")]
    [InlineData("doors:\n  - name: a\n", "SES0605@2:5")]
    [InlineData("doors:\n  - name: a\n    knocks: [888]\n  - name: a\n    knocks: [999]\n", "SES0609@4:5")]
    [InlineData("dors:\n  - name: a\n", "SES0602@1:1")]
    [InlineData("doors: [\n", "SES0601@2:1")]
    [InlineData("blacklist:\n  scan: {ports: [10000-70000]}\ndoors:\n  - name: a\n    knocks: [888]\n", "SES0604@2:18")]
    public void Read_OneMistake_IsReportedWhereItIs(string yaml, string expected)
    {
        Assert.Contains(expected, Found(yaml));
    }

    [Fact]
    public void Read_PassphraseOnTcpKnock_Warns()
    {
        Assert.Equal(["SES0611@3:38"], Found("doors:\n  - name: a\n    knocks: [{port: 888, passphrase: x}]\n"));
    }

    [Theory]
    [InlineData("seed-door.yaml")]
    [InlineData("ssh-door.yaml")]
    [InlineData("passphrase-door.yaml")]
    public void Write_ExampleProfile_ReadsBackToTheSameProfile(string example)
    {
        ProfileResult first = ProfileReader.Read(File.ReadAllText(RepoPaths.Combine("deploy", "examples", example)), example);
        ProfileResult second = ProfileReader.Read(ProfileWriter.Write(first.Profile), "written.yaml");

        Assert.False(second.HasErrors, string.Join("\n", second.Diagnostics));
        Assert.Equal(WithoutLocations(first.Profile), WithoutLocations(second.Profile));
        Assert.Equal(WithoutLocations(first.Config), WithoutLocations(second.Config));
    }

    [Theory]
    [InlineData("# door\ndoors:\n  - name: a\n", true)]
    [InlineData("interfaces:\n  outside: [ether1]\n", true)]
    [InlineData("/ip firewall filter\nadd action=accept chain=input\n", false)]
    [InlineData("# doors: in a comment\n/ip firewall filter\n", false)]
    public void LooksLikeProfile_ByFirstKey(string text, bool expected)
    {
        Assert.Equal(expected, ProfileReader.LooksLikeProfile(text));
    }

    private static DoorProfile WithoutLocations(DoorProfile p) =>
        p with
        {
            Doors = [.. p.Doors.Select(d => d with { Location = SourceLocation.None, Knocks = [.. d.Knocks.Select(k => k with { Location = SourceLocation.None })] })],
            Blacklist = p.Blacklist is null ? null : p.Blacklist with { Location = SourceLocation.None },
            RouterLocation = SourceLocation.None,
        };

    private static FirewallConfig WithoutLocations(FirewallConfig c) => c with
    {
        Ipv4Filter = [.. c.Ipv4Filter.Select(r => r with { Location = SourceLocation.None })],
        Ipv6Filter = [.. c.Ipv6Filter.Select(r => r with { Location = SourceLocation.None })],
    };
}
