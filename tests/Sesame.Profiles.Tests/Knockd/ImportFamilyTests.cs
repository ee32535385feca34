using Sesame.Engine;
using Sesame.Profiles;

namespace Sesame.Tests.Knockd;

/// <summary>
/// An imported door admits only the family the original command could admit: iptables refuses an IPv6 %IP%, so knockd
/// never let an IPv6 knocker in through it, and the imported door must not either.
/// </summary>
public sealed class ImportFamilyTests
{
    [Theory]
    [InlineData("/sbin/iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT", DoorFamily.Ipv4)]
    [InlineData("nft add rule inet filter input ip saddr %IP% tcp dport 22 accept", DoorFamily.Ipv4)]
    [InlineData("ufw allow from %IP% to any port 22 proto tcp", DoorFamily.Both)]
    public void Import_ReadCommand_DoorAdmitsTheCommandsFamily(string start, DoorFamily family)
    {
        (Door door, _) = Imported.Door(start);

        Assert.Equal(family, door.Family);
    }

    [Fact]
    public void Simulate_ImportedIptablesDoor_Ipv6KnockerStaysOut()
    {
        (_, KnockdImport import) = Imported.Door("/sbin/iptables -A INPUT -s %IP% -p tcp --dport 22 -j ACCEPT");
        ProfileResult read = Imported.ReadBack(import);

        var run = Run.Trace(read.Config, """
            0   2001:db8:5::7  tcp 1000
            1   2001:db8:5::7  tcp 2000
            2   2001:db8:5::7  tcp 22
            3   203.0.113.7    tcp 1000
            4   203.0.113.7    tcp 2000
            5   203.0.113.7    tcp 22
            """);

        Assert.Equal((Verdict.Drop, Verdict.Accept), (run.Packets[2].Result.Verdict, run.Packets[5].Result.Verdict));
    }
}
