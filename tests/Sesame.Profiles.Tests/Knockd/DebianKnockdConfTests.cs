using Sesame.Engine;
using Sesame.Model;
using Sesame.Profiles;

namespace Sesame.Tests.Knockd;

/// <summary>The knockd.conf Debian's <c>knockd</c> package (0.8-2) installs as /etc/knockd.conf, kept beside these tests.</summary>
public sealed class DebianKnockdConfTests
{
    private static readonly string Fixture = RepoPaths.Combine("tests", "Sesame.Profiles.Tests", "Knockd", "debian-knockd.conf");

    [Fact]
    public void Import_DebianConfig_OpensSshExactlyAndKeepsTheOtherCommandsAsHooks()
    {
        KnockdImport import = Imported.Import(File.ReadAllText(Fixture));

        Assert.Equal(["openSSH", "closeSSH", "openHTTPS"], import.Profile.Doors.Select(d => d.Name));
        Door ssh = import.Profile.Doors[0];
        Assert.Equal([new OpenPort(22, IpProtocols.Tcp)], ssh.Open);
        Assert.Null(ssh.Hooks);
        Assert.Equal(RouterOsTime.Max, ssh.OpenFor);
        Door close = import.Profile.Doors[1];
        Assert.True(close.OpensNothing);
        Assert.Equal(new DoorHooks("/sbin/iptables -D INPUT -s %IP% -p tcp --dport 22 -j ACCEPT", null, null) { Shell = true }, close.Hooks);
        Door https = import.Profile.Doors[2];
        Assert.True(https.OpensNothing);
        Assert.Equal(new DoorHooks("/usr/local/sbin/knock_add -i -c INPUT -p tcp -d 443 -f %IP%", null, null) { Shell = true }, https.Hooks);
        Assert.Contains(import.Diagnostics, d => d.Location.Line == 7 && d.Message.Contains("no stop_command", StringComparison.Ordinal));
        Assert.Contains(import.Diagnostics, d => d.Location.Line == 13 && d.Message.Contains("removes a rule", StringComparison.Ordinal));
        Assert.Contains(import.Diagnostics, d => d.Location.Line == 19 && d.Message.Contains("'knock_add' is not", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_DebianConfig_OnlyTheSshKnockOpensAnythingAndOnlyPort22()
    {
        FirewallConfig config = Imported.ReadBack(Imported.Import(File.ReadAllText(Fixture))).Config;

        var run = Run.Trace(config, """
            0  203.0.113.7 tcp 12345
            1  203.0.113.7 tcp 54321
            2  203.0.113.7 tcp 24680
            3  203.0.113.7 tcp 13579
            4  203.0.113.7 tcp 443
            4  203.0.113.7 tcp 22
            5  203.0.113.7 tcp 7000
            6  203.0.113.7 tcp 8000
            7  203.0.113.7 tcp 9000
            8  203.0.113.7 tcp 22
            8  203.0.113.7 tcp 443
            8  203.0.113.7 udp 22
            """);

        Assert.True(Run.Admitted(run, "openHTTPS-secured", "203.0.113.7"));
        Assert.Equal([Verdict.Drop, Verdict.Drop, Verdict.Accept, Verdict.Drop, Verdict.Drop], new[] { 4, 5, 9, 10, 11 }.Select(i => run.Packets[i].Result.Verdict));
    }
}
