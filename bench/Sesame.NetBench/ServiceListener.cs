using System.Net;
using System.Net.Sockets;

namespace Sesame.NetBench;

/// <summary>Mode <c>listen</c>: the protected service, a TCP listener that accepts and closes, for at most <c>--seconds</c>.</summary>
internal static class ServiceListener
{
    public static int Run(ToolArgs a)
    {
        var endPoint = new IPEndPoint(a.Address("bind", "10.204.0.1"), a.Int("port", 22));
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(endPoint);
        listener.Listen(4096);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(a.Double("seconds", 3600)));
        Console.WriteLine($"listening on {endPoint}");
        try
        {
            while (true)
            {
                // A plain close (FIN, not RST): a knocker that looks at its socket late must still see a completed connect.
                using Socket client = listener.AcceptAsync(stop.Token).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }
}
