using Sesame.Spa;

namespace Sesame.Tests.Commands;

/// <summary><c>sesame knock HOST --spa --door NAME</c>: the port, the keys and the ports come from a profile's SPA door.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KnockSpaDoorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sesame-spadoor-").FullName;

    public KnockSpaDoorTests()
    {
        Alice = WriteKeys("alice.keys");
        Bob = WriteKeys("bob.keys");
        File.WriteAllText(Profile, """
            interfaces:
              outside: [ether1]
            doors:
              - name: ssh
                spa:
                  port: 40000
                  users:
                    - name: alice
                      source: any
                      keys: alice.keys
                    - name: bob
                      source: any
                      keys: bob.keys
                      open: [22]
                open: [22, 51820/udp]
              - name: seq
                knocks: [888, 555, 222]
                open: [22]
            """);
    }

    private SpaKeys Alice { get; }

    private SpaKeys Bob { get; }

    private string Profile => Path.Combine(_dir, "door.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void KnockSpaDoor_UserPicked_PortKeysAndPortsFromTheDoor()
    {
        string packet = Path.Combine(_dir, "packet");

        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--door", "ssh", "--config", Profile, "-U", "alice", "--dry-run", "-B", packet);

        Assert.True(run.Exit == 0, run.Err);
        Assert.StartsWith("spa  192.0.2.1:40000  user alice, open 0.0.0.0 to tcp/22,udp/51820, keys door ssh user alice (HMAC-SHA256)", run.Out, StringComparison.Ordinal);
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(File.ReadAllText(packet).Trim());
        Assert.Null(SpaPacket.TryOpen(bytes, Alice, out _));
        Assert.NotNull(SpaPacket.TryOpen(bytes, Bob, out _));
    }

    [Fact]
    public void KnockSpaDoor_UsersOwnPorts_AndCommandLineOverrides()
    {
        CliRun own = CliRun.Of("knock", "192.0.2.1", "--spa", "--door", "ssh", "--config", Profile, "-U", "bob", "--dry-run");
        CliRun typed = CliRun.Of("knock", "192.0.2.1", "--spa", "--door", "ssh", "--config", Profile, "-U", "bob", "-A", "tcp/443", "-p", "41000", "--dry-run");

        Assert.True(own.Exit == 0, own.Err);
        Assert.Contains("192.0.2.1:40000  user bob, open 0.0.0.0 to tcp/22,", own.Out, StringComparison.Ordinal);
        Assert.True(typed.Exit == 0, typed.Err);
        Assert.Contains("192.0.2.1:41000  user bob, open 0.0.0.0 to tcp/443,", typed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KnockSpaDoor_TwoUsersNoneNamed_ExitTwoListingThem()
    {
        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--door", "ssh", "--config", Profile);

        Assert.Equal(2, run.Exit);
        Assert.Contains("door 'ssh' has 2 users (alice, bob); pick one with -U NAME", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void KnockSpaDoor_UnknownUser_ExitTwo()
    {
        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--door", "ssh", "--config", Profile, "-U", "mallory");

        Assert.Equal(2, run.Exit);
        Assert.Contains("no user 'mallory'; its users: alice, bob", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void KnockSpaDoor_KnockDoorNamed_SaysKnockWithoutSpa()
    {
        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--door", "seq", "--config", Profile);

        Assert.Equal(2, run.Exit);
        Assert.Contains("no SPA door 'seq'", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void KnockDoor_SpaDoorWithoutSpa_SaysAddSpa()
    {
        CliRun run = CliRun.Of("knock", "192.0.2.1", "--door", "ssh", "--config", Profile, "--dry-run");

        Assert.Equal(2, run.Exit);
        Assert.Contains("if it is an SPA door, add --spa", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void KnockSpaDoor_WorldReadableKeyFile_ExitOneNamingIt()
    {
        File.SetUnixFileMode(Path.Combine(_dir, "alice.keys"), (UnixFileMode)0b110_100_100);

        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--door", "ssh", "--config", Profile, "-U", "alice");

        Assert.Equal(1, run.Exit);
        Assert.Contains("alice.keys", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    private SpaKeys WriteKeys(string name)
    {
        SpaKeys keys = SpaKeys.Generate();
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, SpaKeyFile.Format(keys));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return keys;
    }
}
