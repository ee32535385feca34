using System.Net;
using System.Net.Sockets;
using Sesame.Knock;

namespace Sesame.Tests.Knock;

/// <summary>Knocks on loopback against real sockets of this process: no privileges needed.</summary>
public sealed class LoopbackKnockTests
{
    private static readonly KnockClient Client = new(new KnockSettings(), TimeProvider.System);

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
    public void Send_TcpToListener_Open()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.Equal(KnockOutcome.Open, Client.Send(IPAddress.Loopback, new KnockStep(KnockProtocol.Tcp, port, default), 1));
    }

    [Fact]
    public void Send_TcpToClosedPort_Refused()
    {
        int port = FreePort();

        Assert.Equal(KnockOutcome.Refused, Client.Send(IPAddress.Loopback, new KnockStep(KnockProtocol.Tcp, port, default), 1));
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
