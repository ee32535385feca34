using Sesame.Checking;
using Sesame.Net;

namespace Sesame.Tests.Checking;

/// <summary><c>SSH_CONNECTION</c> as OpenSSH writes it, and everything else refused.</summary>
public sealed class SshSessionTests
{
    private static IpRange Host(string address)
    {
        Assert.True(IpRange.TryParse(address, out IpRange? range));
        return range.Value;
    }

    [Fact]
    public void TryParse_Ipv4_ReadsTheFourFields()
    {
        Assert.True(SshSession.TryParse("192.0.2.7 51234 192.0.2.1 22", out SshSession s));

        Assert.Equal(new SshSession(Host("192.0.2.7"), 51234, Host("192.0.2.1"), 22), s);
        Assert.Null(s.ClientZone);
        Assert.Equal("192.0.2.7:51234 → 192.0.2.1:22", s.ToString());
    }

    [Fact]
    public void TryParse_Ipv6_ReadsTheFourFields()
    {
        Assert.True(SshSession.TryParse("2001:db8::7 40000 2001:db8::1 2222", out SshSession s));

        Assert.Equal(IpFamily.V6, s.Client.Family);
        Assert.Equal(Host("2001:db8::7"), s.Client);
        Assert.Equal(2222, s.ServerPort);
        Assert.Equal("[2001:db8::7]:40000 → [2001:db8::1]:2222", s.ToString());
    }

    [Fact]
    public void TryParse_Ipv4MappedIpv6_HoldsIpv4()
    {
        Assert.True(SshSession.TryParse("::ffff:192.0.2.7 51234 ::ffff:192.0.2.1 22", out SshSession s));

        Assert.Equal(Host("192.0.2.7"), s.Client);
        Assert.Equal(Host("192.0.2.1"), s.Server);
    }

    [Fact]
    public void TryParse_LinkLocalWithZone_KeepsTheInterfaceName()
    {
        Assert.True(SshSession.TryParse("fe80::7%eth0 51234 fe80::1%eth0 22", out SshSession s));

        Assert.Equal(Host("fe80::7"), s.Client);
        Assert.Equal("eth0", s.ClientZone);
    }

    [Fact]
    public void TryParse_ZoneIndex_IsNoInterfaceName()
    {
        Assert.True(SshSession.TryParse("fe80::7%2 51234 fe80::1%2 22", out SshSession s));

        Assert.Null(s.ClientZone);
    }

    [Fact]
    public void TryParse_SpacesAround_Accepted()
    {
        Assert.True(SshSession.TryParse("  192.0.2.7 51234 192.0.2.1 22 ", out _));
    }

    public static TheoryData<string?> Malformed() => new()
    {
        null,
        "",
        " ",
        "192.0.2.7 51234 192.0.2.1",
        "192.0.2.7 51234 192.0.2.1 22 extra",
        "192.0.2.7 51234 192.0.2.1 22 1 2 3 4 5 6",
        "192.0.2.7  51234 192.0.2.1 22",
        "192.0.2.7\t51234 192.0.2.1 22",
        "192.0.2.7 51234 192.0.2.1 22\n",
        "192.0.2.7 51234 192.0.2.1 22\nrm -rf /",
        "192.0.2.7 51234\n192.0.2.1 22",
        "192.0.2.7\0 51234 192.0.2.1 22",
        "192.0.2.7 51234 192.0.2.1 22\0",
        "\u001b[2J192.0.2.7 51234 192.0.2.1 22",
        "192.0.2.7 51234 192.0.2.1 22;reboot",
        "192.0.2.7 0 192.0.2.1 22",
        "192.0.2.7 51234 192.0.2.1 0",
        "192.0.2.7 70000 192.0.2.1 22",
        "192.0.2.7 51234 192.0.2.1 65536",
        "192.0.2.7 -1 192.0.2.1 22",
        "192.0.2.7 +22 192.0.2.1 22",
        "192.0.2.7 0x16 192.0.2.1 22",
        "192.0.2.7 99999999999999999999 192.0.2.1 22",
        "192.0.2.7 51234 192.0.2.1 2 2",
        "192.0.2 51234 192.0.2.1 22",
        "192.0.2.300 51234 192.0.2.1 22",
        "192.0.2.0/24 51234 192.0.2.1 22",
        "192.0.2.7-192.0.2.9 51234 192.0.2.1 22",
        "host.example 51234 192.0.2.1 22",
        "192.0.2.7 51234 2001:db8::1 22",
        "2001:db8::7 51234 192.0.2.1 22",
        "2001:db8::7%eth0 51234 2001:db8::1 22",
        "fe80::7% 51234 fe80::1 22",
        "fe80::7%eth0;x 51234 fe80::1 22",
        "fe80::7%averyveryverylongname 51234 fe80::1 22",
        "192.0.2.7%eth0 51234 192.0.2.1 22",
        "[2001:db8::7] 51234 [2001:db8::1] 22",
        "192.0.2.7 51234 192.0.2.1 22 é",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void TryParse_Malformed_False(string? text)
    {
        Assert.False(SshSession.TryParse(text, out SshSession s));
        Assert.Equal(default, s);
    }

    [Fact]
    public void TryParse_OneMegabyte_False()
    {
        Assert.False(SshSession.TryParse("192.0.2.7 51234 192.0.2.1 22" + new string(' ', 1 << 20), out _));
        Assert.False(SshSession.TryParse(new string('1', 1 << 20), out _));
    }

    [Fact]
    public void TryParse_PortBounds_Accepted()
    {
        Assert.True(SshSession.TryParse("192.0.2.7 1 192.0.2.1 65535", out SshSession s));
        Assert.Equal(1, s.ClientPort);
        Assert.Equal(65535, s.ServerPort);
    }
}
