using System.Net;
using System.Net.Sockets;
using Sesame.Knock;

namespace Sesame.Tests.Knock;

/// <summary>Knocks on loopback against real sockets of this process: no privileges needed.</summary>
public sealed class LoopbackKnockTests
{
    private static readonly KnockClient Client = new(new KnockSettings(), TimeProvider.System);

    /// <summary>A client that waits for the answer to a connect attempt (<c>--connect-timeout 500</c>), so <c>-v</c> can say what it was.</summary>
    private static readonly KnockClient Waiting = new(new KnockSettings { ConnectTimeout = TimeSpan.FromMilliseconds(500) }, TimeProvider.System);

    [Fact]
    public void Send_UdpWithPayload_DatagramArrivesWithThoseBytes()
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.ReceiveTimeout = 5000;
        int port = ((IPEndPoint)server.LocalEndPoint!).Port;

        Assert.True(KnockSpec.TryParse($"{port}:udp:supersecretpassword1\\x00", KnockProtocol.Tcp, out KnockStep step, out _));
        KnockOutcome outcome = Client.Send(IPAddress.Loopback, step, 1);

        byte[] buffer = new byte[100];
        int n = server.Receive(buffer);
        Assert.Equal(KnockOutcome.Sent, outcome);
        Assert.Equal("supersecretpassword1\0"u8.ToArray(), buffer[..n]);
    }

    [Fact]
    public void Send_TcpToListenerWithConnectTimeout_Open()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Equal(KnockOutcome.Open, Waiting.Send(IPAddress.Loopback, new KnockStep(KnockProtocol.Tcp, port, default), 1));
    }

    [Fact]
    public void Send_TcpToClosedPortWithConnectTimeout_Refused()
    {
        int port = FreePort();

        Assert.Equal(KnockOutcome.Refused, Waiting.Send(IPAddress.Loopback, new KnockStep(KnockProtocol.Tcp, port, default), 1));
    }

    [Fact]
    public void Send_TcpByDefault_SynReachesTheListenerWithoutWaitingForTheAnswer()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        KnockOutcome outcome = Client.Send(IPAddress.Loopback, new KnockStep(KnockProtocol.Tcp, port, default), 1);

        // Not waited for: the outcome is only "sent". The SYN still arrived: the listener got the connection (loopback
        // completes the handshake in the kernel; the knock's socket was closed right after connect()).
        Assert.Equal(KnockOutcome.Sent, outcome);
        Assert.True(listener.Poll(5_000_000, SelectMode.SelectRead), "no connection reached the listener");
    }

    [Fact]
    public async Task WaitOpenAsync_Listener_True()
    {
        using var listener = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener.Start();
        var waiter = new PortWaiter(new KnockSettings(), TimeProvider.System);

        Assert.True(await waiter.WaitOpenAsync((IPEndPoint)listener.LocalEndpoint, TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    [Fact]
    public async Task WaitOpenAsync_ClosedPort_FalseAfterTheTimeout()
    {
        var waiter = new PortWaiter(new KnockSettings(), TimeProvider.System);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        bool open = await waiter.WaitOpenAsync(new IPEndPoint(IPAddress.Loopback, FreePort()), TimeSpan.FromMilliseconds(600), CancellationToken.None);

        Assert.False(open);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Send_FromAddressNotOnThisHost_ClearMessage()
    {
        var client = new KnockClient(new KnockSettings { Source = IPAddress.Parse("192.0.2.123") }, TimeProvider.System);

        var ex = Assert.Throws<KnockException>(() => client.Send(IPAddress.Loopback, new KnockStep(KnockProtocol.Udp, 9, default), 1));
        Assert.Contains("192.0.2.123 is not an address of this host", ex.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
