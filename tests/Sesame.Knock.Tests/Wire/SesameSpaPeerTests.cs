using System.Net;
using Sesame.Spa;
using Sesame.Tests.Kernel;
using Sesame.Tests.WireSupport;

namespace Sesame.Tests.Wire;

/// <summary>
/// <c>sesame knock --spa --door</c> against <c>sesame serve</c> with the same profile, IPv4 and IPv6: the client reads
/// the door's port and keys from the profile, and the daemon opens the door for the client's address only after the
/// packet under the right keys.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SesameSpaPeerTests
{
    private const int Service = 2222;

    [RootFact]
    public void KnockSpaDoor_SesameServeIpv4_OpensForClient() => OpensDoor(ipv6: false);

    [RootFact]
    public void KnockSpaDoor_SesameServeIpv6_OpensForClient() => OpensDoor(ipv6: true);

    private static void OpensDoor(bool ipv6)
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        File.SetUnixFileMode(folder.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        WriteKeys(folder.File("alice.keys"), SpaKeys.Generate());
        string profile = folder.File("door.yaml");
        File.WriteAllText(profile, $"""
            interfaces:
              outside: [{pair.ServerInterface}]
            doors:
              - name: admin
                open: [{Service}]
                open_for: 30s
                spa:
                  users:
                    - name: alice
                      source: any
                      keys: alice.keys
            """);
        using BackgroundProcess serve = SesameServe.Start(pair, folder.Path, profile);
        using BackgroundProcess listener = pair.Start(pair.Server, Tools.Require("perl"), "-MIO::Socket::IP", "-e",
            $"$| = 1; my $s = IO::Socket::IP->new(LocalHost => '::', LocalPort => {Service}, Listen => 5, ReuseAddr => 1, V6Only => 0) or die $!; print \"listening\\n\"; while (my $c = $s->accept) {{ close $c }}");
        listener.WaitForOutput("listening", TimeSpan.FromSeconds(10));
        IPAddress server = ipv6 ? pair.ServerV6 : pair.ServerV4;
        IPAddress client = ipv6 ? pair.ClientV6 : pair.ClientV4;
        string service = Service.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Other keys under the same name: the daemon refuses the packet and the door stays shut.
        string other = folder.File("other.keys");
        WriteKeys(other, SpaKeys.Generate());
        ProcessResult refused = pair.Sesame("knock", server.ToString(), "--spa", "--keys", other, "-A", $"tcp/{service}", "-U", "alice", "--wait", service, "--wait-timeout", "1500");
        Assert.True(refused.Exit == 3, refused + serve.Output);

        ProcessResult opened = pair.Sesame("knock", server.ToString(), "--spa", "--door", "admin", "--config", profile, "--wait", service, "--wait-timeout", "8000", "-v");

        Assert.True(opened.Exit == 0, opened + serve.Output);
        Assert.Contains($"sent spa  {(ipv6 ? $"[{server}]" : server.ToString())}:62201  user alice, open 0.0.0.0 to tcp/{service}", opened.Out, StringComparison.Ordinal);
        Assert.True(Poll.Until(() => serve.Output.Contains($"src={client} address={client} ports=tcp/{service}", StringComparison.Ordinal), TimeSpan.FromSeconds(5)), serve.Output);
        Assert.Contains($"src={client}", serve.Output[serve.Output.IndexOf("event=spa-reject", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    private static void WriteKeys(string path, SpaKeys keys)
    {
        File.WriteAllText(path, SpaKeyFile.Format(keys));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
