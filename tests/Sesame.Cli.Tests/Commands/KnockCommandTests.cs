using System.Net;
using System.Net.Sockets;

namespace Sesame.Tests.Commands;

public sealed class KnockCommandTests
{
    [Fact]
    public void Knock_DryRun_PrintsEachPacketAndSendsNothing()
    {
        CliRun run = CliRun.Of("knock", "10.211.55.9", "1234:tcp", "4321:udp:supersecretpassword1", "0:icmp:size=123", "-d", "100", "--wait", "22", "--then", "ssh admin@10.211.55.9", "--dry-run");

        Assert.Equal(0, run.Exit);
        string[] lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("tcp  10.211.55.9:1234  SYN", lines[0], StringComparison.Ordinal);
        Assert.Equal("wait 100 ms", lines[1]);
        Assert.Equal("udp  10.211.55.9:4321  payload \"supersecretpassword1\" (20 bytes)", lines[2]);
        Assert.Equal("icmp 10.211.55.9  echo request, 95 data bytes, IP packet size 123", lines[4]);
        Assert.Equal("then wait up to 10000 ms for 10.211.55.9:22/tcp to accept", lines[5]);
        Assert.Equal("then run: ssh admin@10.211.55.9", lines[6]);
    }

    [Fact]
    public void Knock_DryRunIpv6_BracketsTheAddress()
    {
        CliRun run = CliRun.Of("knock", "fd00::9", "7000", "--dry-run", "-u");

        Assert.Equal(0, run.Exit);
        Assert.Equal("udp  [fd00::9]:7000  no payload", run.Out.Trim());
    }

    [Theory]
    [InlineData("70000", "KNOCK '70000'")]
    [InlineData("1234:gre", "unknown protocol 'gre'")]
    [InlineData("22:tcp:secret", "TCP knock carries no payload")]
    public void Knock_BadKnock_ExitTwoNamingIt(string knock, string expected)
    {
        CliRun run = CliRun.Of("knock", "10.0.0.1", knock);

        Assert.Equal(2, run.Exit);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Theory]
    [InlineData("HOST is empty", "", "1234")]
    [InlineData("-4 and -6", "10.0.0.1", "1234", "-4", "-6")]
    [InlineData("HOST 10.0.0.1 is not an IPv6 address", "10.0.0.1", "1234", "-6")]
    [InlineData("--delay -3", "10.0.0.1", "1234", "-d", "-3")]
    [InlineData("--wait '22/udp'", "10.0.0.1", "1234", "--wait", "22/udp")]
    [InlineData("--connect-timeout 5000", "10.0.0.1", "1234", "--connect-timeout", "5000")]
    public void Knock_BadArgument_ExitTwoNamingIt(string expected, params string[] args)
    {
        CliRun run = CliRun.Of(["knock", .. args]);

        Assert.Equal(2, run.Exit);
        Assert.Contains(expected, run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Knock_NoKnock_ExitTwo()
    {
        CliRun run = CliRun.Of("knock", "10.0.0.1");

        Assert.Equal(2, run.Exit);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Knock_UnresolvableHost_ExitOneWithMessage()
    {
        CliRun run = CliRun.Of("knock", "no-such-host.invalid", "1234");

        Assert.Equal(1, run.Exit);
        Assert.Contains("cannot resolve 'no-such-host.invalid'", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    [Fact]
    public void Knock_UdpOnLoopback_DatagramCarriesThePassphrase()
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.ReceiveTimeout = 5000;
        int port = ((IPEndPoint)server.LocalEndPoint!).Port;

        CliRun run = CliRun.Of("knock", "127.0.0.1", $"{port}:udp:supersecretpassword1", "-v");

        byte[] buffer = new byte[64];
        int n = server.Receive(buffer);
        Assert.Equal(0, run.Exit);
        Assert.Equal("supersecretpassword1"u8.ToArray(), buffer[..n]);
        Assert.Contains("sent udp", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Knock_WaitPortStaysClosed_ExitThree()
    {
        int closed = FreePort();

        CliRun run = CliRun.Of("knock", "127.0.0.1", $"{FreePort()}", "--wait", $"{closed}/tcp", "--wait-timeout", "500");

        Assert.Equal(3, run.Exit);
        Assert.Contains($"port {closed}/tcp on 127.0.0.1 stayed closed", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Knock_WaitPortOpenThenCommand_ExitsWithTheCommandsStatus()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int open = ((IPEndPoint)listener.LocalEndpoint).Port;

        CliRun run = CliRun.Of("knock", "127.0.0.1", $"{FreePort()}:udp", "--wait", $"{open}", "--then", "sh -c 'exit 7'");

        Assert.Equal(7, run.Exit);
    }

    [Fact]
    public void Knock_ThenCommandMissing_ExitOneWithMessage()
    {
        CliRun run = CliRun.Of("knock", "127.0.0.1", $"{FreePort()}:udp", "--then", "/nonexistent/sesame-test-command arg");

        Assert.Equal(1, run.Exit);
        Assert.Contains("cannot run '/nonexistent/sesame-test-command'", run.Err, StringComparison.Ordinal);
        Assert.True(run.HasNoStackTrace, run.Err);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
