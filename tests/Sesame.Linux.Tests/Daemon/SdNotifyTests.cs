using System.Net.Sockets;
using System.Text;
using Sesame.Linux.Daemon;

namespace Sesame.Tests.Daemon;

public sealed class SdNotifyTests
{
    [Fact]
    public void Notify_PathSocket_SendsTheStateAsOneDatagram()
    {
        string path = Path.Combine(Path.GetTempPath(), $"sesame-sdnotify-{Guid.NewGuid():N}.sock");
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));

            Assert.True(SdNotify.Notify("READY=1", path));

            Assert.Equal("READY=1", Receive(socket));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Notify_AbstractSocket_AtSignNamesTheAbstractNamespace()
    {
        string name = $"sesame-sdnotify-{Guid.NewGuid():N}";
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint("\0" + name));

        Assert.True(SdNotify.Notify("STOPPING=1", "@" + name));

        Assert.Equal("STOPPING=1", Receive(socket));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/path")]
    public void Notify_NoUsableSocket_ReturnsFalse(string? socket) => Assert.False(SdNotify.Notify("READY=1", socket));

    private static string Receive(Socket socket)
    {
        socket.ReceiveTimeout = 5000;
        byte[] buffer = new byte[256];
        return Encoding.UTF8.GetString(buffer, 0, socket.Receive(buffer));
    }
}
