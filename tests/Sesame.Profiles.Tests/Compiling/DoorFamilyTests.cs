using Sesame.Engine;
using Sesame.Model;
using Sesame.Profiles;

namespace Sesame.Tests.Compiling;

/// <summary><c>family:</c> limits which family's knocks open a door; the other family's input stays shut.</summary>
public sealed class DoorFamilyTests
{
    private static string Profile(string family) => $"""
        doors:
          - name: ssh
            knocks: [7311, 2749]
            open: [22]
            {family}
        """;

    private static ProfileResult Read(string text)
    {
        ProfileResult result = ProfileReader.Read(text, "door.yaml");
        return result;
    }

    private const string BothSequences = """
        0   203.0.113.7    tcp 7311
        1   203.0.113.7    tcp 2749
        2   203.0.113.7    tcp 22
        3   2001:db8:5::7  tcp 7311
        4   2001:db8:5::7  tcp 2749
        5   2001:db8:5::7  tcp 22
        """;

    [Theory]
    [InlineData("", Verdict.Accept, Verdict.Accept)]
    [InlineData("family: both", Verdict.Accept, Verdict.Accept)]
    [InlineData("family: ipv4", Verdict.Accept, Verdict.Drop)]
    [InlineData("family: ipv6", Verdict.Drop, Verdict.Accept)]
    public void Simulate_DoorFamily_OnlyThatFamilysKnocksOpen(string family, Verdict ipv4, Verdict ipv6)
    {
        ProfileResult result = Read(Profile(family));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));

        var run = Run.Trace(result.Config, BothSequences);

        Assert.Equal((ipv4, ipv6), (run.Packets[2].Result.Verdict, run.Packets[5].Result.Verdict));
    }

    [Fact]
    public void Compile_Ipv4OnlyDoor_Ipv6FilterStillDropsOutsideInput()
    {
        FirewallConfig config = Read(Profile("family: ipv4")).Config;

        Assert.DoesNotContain(config.Ipv6Filter, r => r.Action == FilterAction.AddSrcToAddressList);
        Assert.Contains(config.Ipv6Filter, r => r.Action == FilterAction.Drop && r.InInterfaceList is { Value: "WAN", Negated: false } && r.SrcAddressList is null);
        Assert.Contains(config.Ipv4Filter, r => r.Action == FilterAction.AddSrcToAddressList);
    }

    [Theory]
    [InlineData("family: ip4", "family must be ipv4, ipv6 or both, not 'ip4'")]
    [InlineData("family: [ipv4]", "family must be ipv4, ipv6 or both")]
    public void Read_BadFamily_IsAnErrorAtTheValue(string family, string message)
    {
        ProfileResult result = Read(Profile(family));

        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(("SES0610", 5, 13), (error.Code, error.Location.Line, error.Location.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PassphraseDoorOnlyOnIpv6_IsAnError()
    {
        ProfileResult result = Read("""
            doors:
              - name: vpn
                knocks: [{port: 1234, protocol: udp, passphrase: "s3cret"}]
                open: [51820/udp]
                family: ipv6
            """);

        Assert.Contains(result.Diagnostics, d => d.IsError && d.Message.Contains("cannot be family: ipv6", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_Ipv4OnlyDoor_ReadsBackTheSame()
    {
        DoorProfile profile = Read(Profile("family: ipv4")).Profile;

        string yaml = ProfileWriter.Write(profile, "test");
        ProfileResult again = Read(yaml);

        Assert.Contains("    family: ipv4\n", yaml, StringComparison.Ordinal);
        Assert.Equal(DoorFamily.Ipv4, Assert.Single(again.Profile.Doors).Family);
    }
}
