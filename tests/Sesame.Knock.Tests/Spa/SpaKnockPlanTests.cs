using System.Net;
using System.Net.Sockets;
using Sesame.Knock.Spa;
using Sesame.Spa;

namespace Sesame.Tests.Spa;

public sealed class SpaKnockPlanTests
{
    private static readonly SpaKeys Keys = new(new byte[32], new byte[64]);
    private static readonly SpaClientSettings WithKeys = new() { Keys = Keys, KeysOrigin = "test" };

    [Fact]
    public void Validate_Minimal_FwknopDefaults()
    {
        SpaKnockPlan plan = Valid(new SpaKnockOptions("192.0.2.1", Access: "tcp/22"), WithKeys);

        Assert.Equal("192.0.2.1", plan.Host);
        Assert.Equal((ushort)62201, plan.Port);
        Assert.Equal(SpaAllow.Source, plan.Allow);
        Assert.Null(plan.FwTimeout);
        Assert.Same(Keys, plan.Keys);
        Assert.Equal(SpaUserName.Default(), plan.User);
    }

    [Fact]
    public void Validate_CommandLine_OverridesLowerLayer()
    {
        var lower = WithKeys with { Server = "192.0.2.9", Port = 1000, Access = [new SpaPort(6, 80)], FwTimeout = 10, User = "rcuser", Allow = SpaAllow.Source };

        SpaKnockPlan plan = Valid(new SpaKnockOptions(null, Access: "udp/53", AllowIp: "2001:db8::5", FwTimeout: 60, User: "cli", Port: 2000), lower);

        Assert.Equal("192.0.2.9", plan.Host);
        Assert.Equal((ushort)2000, plan.Port);
        Assert.Equal("udp/53", SpaAccess.Format(plan.Access));
        Assert.Equal(new SpaAllow(SpaAllowKind.Address, IPAddress.Parse("2001:db8::5")), plan.Allow);
        Assert.Equal(60, plan.FwTimeout);
        Assert.Equal("cli", plan.User);
    }

    [Fact]
    public void Validate_LowerLayerOnly_TakesItsValues()
    {
        var lower = WithKeys with { Server = "192.0.2.9", Port = 1000, Access = [new SpaPort(6, 80)], FwTimeout = 0 };

        SpaKnockPlan plan = Valid(new SpaKnockOptions(null, ResolveIp: true), lower);

        Assert.Equal((ushort)1000, plan.Port);
        Assert.Equal("tcp/80", SpaAccess.Format(plan.Access));
        Assert.Equal(SpaAllowKind.Resolve, plan.Allow.Kind);
        Assert.Null(plan.FwTimeout);
    }

    [Theory]
    [InlineData(null, "tcp/22", true, "no HOST given")]
    [InlineData("192.0.2.1", null, true, "no access asked for: -A")]
    [InlineData("192.0.2.1", "tcp/22", false, "no keys: --keys FILE")]
    [InlineData("192.0.2.1", "tcp/x", true, "-A 'tcp/x'")]
    public void Validate_MissingPiece_NamesIt(string? host, string? access, bool keys, string expected)
    {
        Assert.Null(SpaKnockPlan.Validate(new SpaKnockOptions(host, Access: access), keys ? WithKeys : SpaClientSettings.None, out List<string> errors));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-a, -s and -R exclude each other")]
    public void Validate_TwoAddressChoices_Refused(string expected)
    {
        Assert.Null(SpaKnockPlan.Validate(new SpaKnockOptions("h", Access: "tcp/22", AllowIp: "192.0.2.3", SourceIp: true), WithKeys, out List<string> errors));

        Assert.Contains(expected, Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resolve")]
    [InlineData("source")]
    [InlineData("host.example")]
    public void Validate_AllowIpNotAnAddress_Refused(string allow)
    {
        Assert.Null(SpaKnockPlan.Validate(new SpaKnockOptions("h", Access: "tcp/22", AllowIp: allow), WithKeys, out List<string> errors));

        Assert.Contains("is not an IPv4 or IPv6 address", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public void Validate_BadTimeout_Refused(int seconds)
    {
        Assert.Null(SpaKnockPlan.Validate(new SpaKnockOptions("h", Access: "tcp/22", FwTimeout: seconds), WithKeys, out List<string> errors));

        Assert.Contains("1..65535 seconds", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadUserAndPort_BothReported()
    {
        Assert.Null(SpaKnockPlan.Validate(new SpaKnockOptions("h", Access: "tcp/22", User: "a\nb", Port: 0), WithKeys, out List<string> errors));

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("-U:", StringComparison.Ordinal) && e.Contains("\\x0a", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--spa-port 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Ipv4OnlyWithIpv6AllowAddress_Refused()
    {
        Assert.Null(SpaKnockPlan.Validate(new SpaKnockOptions("h", Access: "tcp/22", AllowIp: "2001:db8::1", Ipv4: true), WithKeys, out List<string> errors));

        Assert.Contains("-a 2001:db8::1 is not an IPv4 address", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void TryCheckTarget_FamilyMismatch_False()
    {
        SpaKnockPlan plan = Valid(new SpaKnockOptions("h", Access: "tcp/22", Ipv6: true), WithKeys);

        Assert.False(plan.TryCheckTarget(IPAddress.Parse("192.0.2.1"), out string error));
        Assert.Contains("not an IPv6 address", error, StringComparison.Ordinal);
        Assert.Equal(AddressFamily.InterNetworkV6, plan.Family);
    }

    private static SpaKnockPlan Valid(SpaKnockOptions options, SpaClientSettings lower) =>
        SpaKnockPlan.Validate(options, lower, out List<string> errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
}
