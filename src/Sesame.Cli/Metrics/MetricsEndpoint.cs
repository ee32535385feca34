using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sesame.Cli.Metrics;

/// <summary>
/// <c>serve --metrics ADDR:PORT</c>'s HTTP endpoint: <c>GET /metrics</c> (or HEAD) answers the exposition, any other path
/// 404, any other method 405. One connection at a time on a thread of its own, each closed after its answer; a request
/// head is read within <see cref="ReadTimeout"/> and at most <see cref="MaxRequestBytes"/>, so a slow or hostile client
/// holds the endpoint seconds, never the daemon (which never waits for it).
/// </summary>
/// <remarks>
/// Bound with <see cref="Bind"/> before anything is applied (a port in use stops <c>serve</c> with nothing changed);
/// answers from <see cref="Start"/> on. The thread inherits the starting thread's network namespace.
/// </remarks>
internal sealed class MetricsEndpoint : IDisposable
{
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    public const int MaxRequestBytes = 8192;

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private Func<Stream, CancellationToken, Task>? _write;
    private Thread? _thread;

    private MetricsEndpoint(Socket listener) => _listener = listener;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Binds and listens (connections wait in the backlog until <see cref="Start"/>).</summary>
    /// <exception cref="SocketException">The port is in use, the address is not this host's, or binding is not permitted.</exception>
    public static MetricsEndpoint Bind(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false; // [::] means IPv6 only: the admin asks for IPv4 with an address of its own
            }

            socket.Bind(endPoint);
            socket.Listen(16);
            var endpoint = new MetricsEndpoint(socket);
            socket = null!;
            return endpoint;
        }
        finally
        {
            socket?.Dispose();
        }
    }

    /// <summary>Starts answering; <paramref name="write"/> writes the exposition of one scrape.</summary>
    public void Start(Func<Stream, CancellationToken, Task> write)
    {
        _write = write;
        _thread = new Thread(Loop) { IsBackground = true, Name = "sesame metrics" };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        _thread?.Join(TimeSpan.FromSeconds(2));
    }

    private void Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = _listener.Accept();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    Serve(client);
                }
                catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
                {
                    // The client went away or was too slow: the next one is served.
                }
            }
        }
    }

    private void Serve(Socket client)
    {
        client.SendTimeout = (int)ReadTimeout.TotalMilliseconds;
        if (ReadHead(client) is not { } requestLine)
        {
            Answer(client, 400, "Bad Request", "text/plain; charset=utf-8", "bad request\n"u8.ToArray(), head: false);
            return;
        }

        string[] parts = requestLine.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            Answer(client, 400, "Bad Request", "text/plain; charset=utf-8", "bad request\n"u8.ToArray(), head: false);
            return;
        }

        string path = parts[1];
        int query = path.IndexOf('?', StringComparison.Ordinal);
        if ((query >= 0 ? path[..query] : path) != "/metrics")
        {
            Answer(client, 404, "Not Found", "text/plain; charset=utf-8", "not found: the metrics are at /metrics\n"u8.ToArray(), head: false);
            return;
        }

        if (parts[0] is not ("GET" or "HEAD"))
        {
            Answer(client, 405, "Method Not Allowed", "text/plain; charset=utf-8", "method not allowed\n"u8.ToArray(), head: false, allow: true);
            return;
        }

        using var body = new MemoryStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        _write!(body, timeout.Token).GetAwaiter().GetResult();
        Answer(client, 200, "OK", "text/plain; version=0.0.4; charset=utf-8", body.ToArray(), head: parts[0] == "HEAD");
    }

    /// <summary>The request line, once the whole head has come; null when it does not come in time or is too long.</summary>
    private static string? ReadHead(Socket client)
    {
        byte[] buffer = new byte[MaxRequestBytes];
        int length = 0;
        long start = Environment.TickCount64;
        while (length < buffer.Length)
        {
            long left = (long)ReadTimeout.TotalMilliseconds - (Environment.TickCount64 - start);
            if (left <= 0 || !client.Poll(TimeSpan.FromMilliseconds(left), SelectMode.SelectRead))
            {
                return null;
            }

            int received = client.Receive(buffer.AsSpan(length));
            if (received == 0)
            {
                return null;
            }

            length += received;
            int end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                int lineEnd = buffer.AsSpan(0, end + 2).IndexOf("\r\n"u8);
                ReadOnlySpan<byte> line = buffer.AsSpan(0, lineEnd);
                return System.Text.Unicode.Utf8.IsValid(line) ? Encoding.UTF8.GetString(line) : null;
            }
        }

        return null;
    }

    private static void Answer(Socket client, int status, string reason, string contentType, byte[] body, bool head, bool allow = false)
    {
        string header = $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n{(allow ? "Allow: GET, HEAD\r\n" : "")}Connection: close\r\n\r\n";
        client.Send(Encoding.ASCII.GetBytes(header));
        if (!head)
        {
            client.Send(body);
        }

        client.Shutdown(SocketShutdown.Send);
    }
}
