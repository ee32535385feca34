using Sesame.Diagnostics;
using Sesame.Profiles;
using Sesame.Spa;

namespace Sesame.Tests.Reading;

/// <summary>ProfileWriter writes SPA doors so that they read back the same, key files by name and never a key.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SpaDoorWriterTests : IDisposable
{
    private readonly KeyDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Write_SpaDoor_ReadsBackToTheSameDoor()
    {
        SpaKeys keys = _dir.Add("k/alice keys #1.keys");
        _dir.Add("bob.keys");
        const string Yaml = """
            interfaces:
              outside: [ether1, ether2]
            doors:
              - name: ssh
                spa:
                  port: 40000
                  window: 30s
                  allow_address: true
                  require_address: true
                  max_open_for: 1h
                  users:
                    - name: alice
                      source: [192.0.2.0/24, "2001:db8::/32"]
                      keys: "k/alice keys #1.keys"
                      open: [22]
                      open_for: 10s
                      max_open_for: 2m
                    - name: bob
                      source: any
                      keys: bob.keys
                open: [22, 51820/udp]
                open_for: 1m
                family: ipv4
                interface: ether2
            """;
        ProfileResult first = ProfileReader.Read(Yaml, _dir.Combine("a.yaml"));
        Assert.False(first.HasErrors, string.Join("\n", first.Diagnostics));

        string written = ProfileWriter.Write(first.Profile);
        ProfileResult second = ProfileReader.Read(written, _dir.Combine("b.yaml"));

        Assert.False(second.HasErrors, string.Join("\n", second.Diagnostics) + "\n" + written);
        Assert.Equal(Strip(first.Profile.Doors[0]), Strip(second.Profile.Doors[0]));
        Assert.Equal(keys, second.Profile.Doors[0].Spa!.Users[0].Keys);
        Assert.DoesNotContain(Convert.ToBase64String(keys.EncryptionKey), written, StringComparison.Ordinal);
        Assert.Equal(ProfileWriter.Write(second.Profile), written);
    }

    private static Door Strip(Door door) => door with
    {
        Location = SourceLocation.None,
        Spa = door.Spa! with
        {
            Location = SourceLocation.None,
            Users = [.. door.Spa.Users.Select(u => u with { Location = SourceLocation.None })],
        },
    };
}
