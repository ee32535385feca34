using System.Net;
using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;

namespace Sesame.Tests.Kernel;

/// <summary>Sockets opened inside the namespaces, from threads that join them with setns.</summary>
internal sealed partial class NetNs
{
    public T InServer<T>(Func<T> action) => Inside(Server, action);

    public T InClient<T>(Func<T> action) => Inside(Client, action);

    /// <summary>A TCP connect attempt from the client: one SYN (the timeout is shorter than the first retransmission).</summary>
    public bool TryConnect(IPAddress server, int port, int sourcePort, int timeoutMs = 300, IPAddress? source = null) => InClient(() =>
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source ?? (server.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any), sourcePort));
        using var timeout = new CancellationTokenSource(timeoutMs);
        try
        {
            socket.ConnectAsync(new IPEndPoint(server, port), timeout.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    });

    /// <summary>One UDP datagram from the client.</summary>
    public void SendUdp(IPAddress server, int port, int sourcePort, byte[] payload) => InClient(() =>
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(server.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, sourcePort));
        return socket.SendTo(payload, new IPEndPoint(server, port));
    });

    /// <summary>A TCP listener in the server namespace, on both families.</summary>
    public Socket Listen(int port) => InServer(() =>
    {
        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        socket.Listen(16);
        return socket;
    });

    /// <summary>Moves the calling thread into namespace <paramref name="ns"/> (setns changes that thread only).</summary>
    internal static void Join(string ns)
    {
        using SafeFileHandle handle = File.OpenHandle(Path.Combine("/run/netns", ns));
        if (Libc.SetNs((int)handle.DangerousGetHandle(), Libc.CLONE_NEWNET) != 0)
        {
            throw new InvalidOperationException($"setns({ns}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Runs <paramref name="action"/> on a thread of its own inside namespace <paramref name="ns"/>; bounded (30 s unless told).</summary>
    internal static T Inside<T>(string ns, Func<T> action, TimeSpan? limit = null)
    {
        T result = default!;
        Exception? failure = null;
        // setns changes the namespace of the calling thread only; the thread ends afterwards, so no other code runs in it.
        var thread = new Thread(() =>
        {
            try
            {
                Join(ns);
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        TimeSpan wait = limit ?? TimeSpan.FromSeconds(30);
        if (!thread.Join(wait))
        {
            throw new TimeoutException($"code in namespace {ns} did not finish in {wait.TotalSeconds} s");
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"in namespace {ns}: {failure.Message}", failure);
        }

        return result;
    }
}
