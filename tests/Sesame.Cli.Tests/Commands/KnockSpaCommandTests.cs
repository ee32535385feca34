using Sesame.Spa;

namespace Sesame.Tests.Commands;

/// <summary><c>sesame knock HOST --spa</c>: the options, the key sources and the messages; the packets themselves are checked against fwknopd in the namespace tests.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class KnockSpaCommandTests
{
    [Fact]
    public void KnockSpa_DryRunWithKeyFile_DescribesWithoutSecrets()
    {
        using var keys = KeyFile(out SpaKeys pair);

        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--keys", keys.Path, "-A", "tcp/22,udp/53", "-f", "60", "-U", "alice", "--dry-run");

        Assert.True(run.Exit == 0, run.Err);
        string[] lines = run.Out.TrimEnd().Split('\n');
        Assert.Equal($"spa  192.0.2.1:62201  user alice, open 0.0.0.0 to tcp/22,udp/53 for 60 s, keys {keys.Path} (HMAC-SHA256)", lines[0]);
        Assert.Matches("^packet [0-9]+ bytes \\(not sent, not shown\\)$", lines[1]);
        Assert.DoesNotContain(Convert.ToBase64String(pair.EncryptionKey), run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(pair.HmacKey), run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KnockSpa_Ipv6HostAndAllowIp_Bracketed()
    {
        using var keys = KeyFile(out _);

        CliRun run = CliRun.Of("knock", "2001:db8::1", "--spa", "--keys", keys.Path, "-A", "tcp/22", "-a", "2001:db8::99", "-p", "4000", "-U", "bob", "--dry-run");

        Assert.True(run.Exit == 0, run.Err);
        Assert.StartsWith("spa  [2001:db8::1]:4000  user bob, open 2001:db8::99 to tcp/22, keys", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KnockSpa_ResolveIp_OpensTheLocalAddressTowardsHost()
    {
        using var keys = KeyFile(out _);

        CliRun run = CliRun.Of("knock", "127.0.0.1", "--spa", "--keys", keys.Path, "-A", "tcp/22", "-R", "-U", "u", "--dry-run");

        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("open 127.0.0.1 to tcp/22", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KnockSpa_FwTimeout_SendsAClientTimeoutMessage()
    {
        using var keys = KeyFile(out SpaKeys pair);
        string packetFile = Path.Combine(Path.GetDirectoryName(keys.Path)!, "packet");

        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--keys", keys.Path, "-A", "tcp/22", "-f", "60", "-U", "gina", "-B", packetFile, "--dry-run");

        Assert.True(run.Exit == 0, run.Err);
        byte[] packet = System.Text.Encoding.ASCII.GetBytes(File.ReadAllText(packetFile).TrimEnd('\n'));
        Assert.Null(SpaPacket.TryOpen(packet, pair, out SpaMessage? message));
        Assert.Equal(SpaMessageType.ClientTimeoutAccess, message!.Type);
        Assert.Equal(60, message.ClientTimeout);
        Assert.Equal("0.0.0.0", message.AccessAddress);
    }

    [Ipv6LoopbackFact]
    public void KnockSpa_ResolveIpTowardsIpv6Loopback_OpensIpv6Address()
    {
        using var keys = KeyFile(out _);

        CliRun run = CliRun.Of("knock", "::1", "--spa", "--keys", keys.Path, "-A", "udp/53", "-R", "-U", "u", "--dry-run");

        Assert.True(run.Exit == 0, run.Err);
        Assert.StartsWith("spa  [::1]:62201  user u, open ::1 to udp/53, keys", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KnockSpa_SavePacket_WritesPrivateFileThatOpensWithTheKeys()
    {
        using var keys = KeyFile(out SpaKeys pair);
        string packetFile = Path.Combine(Path.GetDirectoryName(keys.Path)!, "packet");

        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--keys", keys.Path, "-A", "tcp/22", "-a", "198.51.100.7", "-U", "carol", "-B", packetFile, "--dry-run");

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(packetFile));
        byte[] packet = System.Text.Encoding.ASCII.GetBytes(File.ReadAllText(packetFile).TrimEnd('\n'));
        Assert.Null(SpaPacket.TryOpen(packet, pair, out SpaMessage? message));
        Assert.Equal("carol", message!.User);
        Assert.Equal("198.51.100.7", message.AccessAddress);
        Assert.Equal("tcp/22", string.Join(',', message.Ports));
        Assert.Equal(SpaMessageType.Access, message.Type);
        Assert.InRange(message.Timestamp, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
    }

    [Fact]
    public void KnockSpa_RcStanza_SuppliesServerPortAccessAndKeys()
    {
        SpaKeys pair = SpaKeys.Generate();
        using var rc = new TempFile("fwknoprc", $"""
            [default]
            SPA_SERVER_PORT 62222
            [lab]
            SPA_SERVER 192.0.2.44
            ACCESS tcp/2222
            KEY_BASE64 {Convert.ToBase64String(pair.EncryptionKey)}
            HMAC_KEY_BASE64 {Convert.ToBase64String(pair.HmacKey)}
            USE_HMAC Y
            """);
        File.SetUnixFileMode(rc.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        CliRun run = CliRun.Of("knock", "--spa", "--rc", rc.Path, "-n", "lab", "-U", "dave", "--dry-run");

        Assert.True(run.Exit == 0, run.Err);
        Assert.StartsWith($"spa  192.0.2.44:62222  user dave, open 0.0.0.0 to tcp/2222, keys {rc.Path} [lab] (HMAC-SHA256)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void KnockSpa_BadRcFile_ExitOneWithPlaceAndNothingSent()
    {
        using var rc = new TempFile("fwknoprc", "[lab]\nSPA_SERVER_PORT 99999\nACCESS tcp/22\0\n");
        File.SetUnixFileMode(rc.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--rc", rc.Path, "-n", "lab");

        Assert.Equal(1, run.Exit);
        Assert.Contains($"sesame knock: {rc.Path}:3:14: control character \\x00", run.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void KnockSpa_WorldReadableKeyFile_ExitOne()
    {
        using var keys = KeyFile(out _);
        File.SetUnixFileMode(keys.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--keys", keys.Path, "-A", "tcp/22");

        Assert.Equal(1, run.Exit);
        Assert.Contains(keys.Path, run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Theory]
    [InlineData(new[] { "knock", "192.0.2.1", "--spa", "-A", "tcp/22" }, "no keys")]
    [InlineData(new[] { "knock", "192.0.2.1", "--spa", "--keys", "K", "--door", "d" }, "use one of them")]
    [InlineData(new[] { "knock", "192.0.2.1", "--spa", "--keys", "K", "-A", "tcp/22", "22" }, "KNOCK arguments (22) do not go with it")]
    [InlineData(new[] { "knock", "192.0.2.1", "--spa", "--keys", "K", "--raw" }, "not --spa")]
    [InlineData(new[] { "knock", "192.0.2.1", "22", "-A", "tcp/22" }, "--access goes with --spa")]
    [InlineData(new[] { "knock", "192.0.2.1", "22", "--keys", "K" }, "--keys goes with --spa")]
    [InlineData(new[] { "knock", "192.0.2.1", "--spa", "-A", "tcp/22", "-s", "-a", "192.0.2.9" }, "exclude each other")]
    [InlineData(new[] { "knock", "192.0.2.1", "--spa", "-A", "tcp/22", "-f", "abc" }, "abc")]
    public void KnockSpa_UsageError_ExitTwo(string[] args, string expected)
    {
        using var keys = KeyFile(out _);
        string[] resolved = [.. args.Select(a => a == "K" ? keys.Path : a)];

        CliRun run = CliRun.Of(resolved);

        Assert.True(run.Exit == 2, run.Err);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void KnockSpa_MissingKeyFile_ExitOne()
    {
        CliRun run = CliRun.Of("knock", "192.0.2.1", "--spa", "--keys", "/nonexistent/sesame/keys", "-A", "tcp/22");

        Assert.Equal(1, run.Exit);
        Assert.Contains("/nonexistent/sesame/keys", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void KnockSpa_SendsOneDatagramToThePort()
    {
        using var keys = KeyFile(out SpaKeys pair);
        using var listener = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        int port = ((System.Net.IPEndPoint)listener.Client.LocalEndPoint!).Port;

        CliRun run = CliRun.Of("knock", "127.0.0.1", "--spa", "--keys", keys.Path, "-A", "tcp/22", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "erin", "-v");

        Assert.True(run.Exit == 0, run.Err);
        Assert.StartsWith($"sent spa  127.0.0.1:{port}  user erin", run.Out, StringComparison.Ordinal);
        Assert.True(listener.Client.Poll(TimeSpan.FromSeconds(5), System.Net.Sockets.SelectMode.SelectRead));
        System.Net.IPEndPoint? from = null;
        byte[] datagram = listener.Receive(ref from);
        Assert.Null(SpaPacket.TryOpen(datagram, pair, out SpaMessage? message));
        Assert.Equal(SpaAllowSource, message!.AccessAddress);
        Assert.Equal(0, listener.Available);
    }

    private const string SpaAllowSource = "0.0.0.0";

    private static TempFile KeyFile(out SpaKeys keys)
    {
        keys = SpaKeys.Generate();
        var file = new TempFile("keys", SpaKeyFile.Format(keys));
        File.SetUnixFileMode(file.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return file;
    }
}
