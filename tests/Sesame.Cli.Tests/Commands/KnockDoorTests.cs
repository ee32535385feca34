
namespace Sesame.Tests.Commands;

/// <summary><c>sesame knock --door NAME HOST</c> takes the knock steps from a profile.</summary>
public sealed class KnockDoorTests
{
    private static readonly string SeedDoor = RepoPaths.Combine("deploy", "examples", "seed-door.yaml");
    private static readonly string PassphraseDoor = RepoPaths.Combine("deploy", "examples", "passphrase-door.yaml");

    [Fact]
    public void Knock_Door_SendsTheDoorsStepsInOrder()
    {
        CliRun run = CliRun.Of("knock", "192.0.2.1", "--door", "admin", "--config", SeedDoor, "--dry-run");

        Assert.Equal(0, run.Exit);
        Assert.Equal(
            ["tcp  192.0.2.1:888  SYN (connect attempt, closed at once)", "tcp  192.0.2.1:555  SYN (connect attempt, closed at once)", "tcp  192.0.2.1:222  SYN (connect attempt, closed at once)"],
            run.Out.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Knock_DoorWithPassphrases_SendsThemAsUdpPayloads()
    {
        CliRun run = CliRun.Of("knock", "192.0.2.1", "--door", "vpn", "--config", PassphraseDoor, "--dry-run");

        Assert.Equal(0, run.Exit);
        Assert.Contains("udp  192.0.2.1:1234  payload \"supersecretpassword1\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("udp  192.0.2.1:4321  payload \"supersecretpassword2\"", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Knock_UnknownDoor_ExitsTwoAndNamesTheDoors()
    {
        CliRun run = CliRun.Of("knock", "192.0.2.1", "--door", "admn", "--config", SeedDoor);

        Assert.Equal(2, run.Exit);
        Assert.Contains("did you mean 'admin'?", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Knock_DoorAndKnocks_IsABadArgument() =>
        Assert.Equal(2, CliRun.Of("knock", "192.0.2.1", "888", "--door", "admin", "--config", SeedDoor).Exit);

    [Fact]
    public void Knock_DoorFromABrokenProfile_SendsNothing()
    {
        using var profile = new TempFile("doors.yaml", "doors:\n  - name: admin\n    knocks: [99999]\n");

        CliRun run = CliRun.Of("knock", "192.0.2.1", "--door", "admin", "--config", profile.Path, "--dry-run");

        Assert.Equal(1, run.Exit);
        Assert.Equal("", run.Out);
        Assert.Contains($"{profile.Path}:3:14: error", run.Err, StringComparison.Ordinal);
    }
}
