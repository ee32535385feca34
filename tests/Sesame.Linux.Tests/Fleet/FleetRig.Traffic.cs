using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Fleet.Nodes;

/// <summary>Packets from the client: knocks and connects from a chosen source, scans; and code run inside a namespace.</summary>
internal sealed partial class FleetRig
{
    /// <summary>
    /// A TCP connect from <paramref name="source"/> to <paramref name="node"/>: one SYN (the timeout is shorter than the
    /// first retransmission). True when the handshake completed.
    /// </summary>
    public bool TryConnect(IPAddress source, FleetRigNode node, int port, int timeoutMs = 300) =>
        TryConnect(source, source.AddressFamily == AddressFamily.InterNetwork ? node.V4 : node.V6, port, timeoutMs);

    public bool TryConnect(IPAddress source, IPAddress destination, int port, int timeoutMs = 300) => Inside(Client, () =>
    {
        using var socket = new Socket(destination.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        using var timeout = new CancellationTokenSource(timeoutMs);
        try
        {
            socket.ConnectAsync(new IPEndPoint(destination, port), timeout.Token).AsTask().GetAwaiter().GetResult();
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

    /// <summary>
    /// A TCP knock sequence from <paramref name="source"/> to <paramref name="node"/> (the address of the source's
    /// family): one SYN per port, 60 ms apart, as <c>knock</c> or <c>sesame knock</c> sends them.
    /// </summary>
    public void Knock(IPAddress source, FleetRigNode node, params int[] ports) => KnockWithGap(source, node, 60, ports);

    /// <summary>As <see cref="Knock(IPAddress, FleetRigNode, int[])"/>, the SYNs <paramref name="gapMs"/> apart.</summary>
    public void KnockWithGap(IPAddress source, FleetRigNode node, int gapMs, params int[] ports)
    {
        foreach (int port in ports)
        {
            // A knock port drops the SYN: the attempt ends by its timeout, which is the gap between two knocks.
            TryConnect(source, node, port, gapMs);
        }
    }

    /// <summary>The seed's knock 888 → 555 → 222 from <paramref name="source"/> to <paramref name="node"/>.</summary>
    public void KnockSeed(IPAddress source, FleetRigNode node) => Knock(source, node, 888, 555, 222);

    /// <summary>Runs <c>nmap ARGS</c> in the client namespace to its end (bounded); returns its output.</summary>
    public string Nmap(TimeSpan limit, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(Tools.Require("ip"), ["netns", "exec", Client, "nmap", .. args], limit);
        if (result.Exit != 0)
        {
            throw new InvalidOperationException($"nmap failed: {result}");
        }

        return result.Out;
    }

    /// <summary>A TCP listener on <paramref name="port"/> (both families) in every node's namespace: the protected service.</summary>
    public IDisposable ListenEverywhere(int port)
    {
        var sockets = new List<Socket>();
        foreach (FleetRigNode node in _nodes)
        {
            sockets.Add(Inside(node.Namespace, () =>
            {
                var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
                socket.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
                socket.Listen(64);
                return socket;
            }));
        }

        return new Listeners(sockets);
    }

    /// <summary>
    /// Held around every libnftables listing of the rig's: nftables 1.0.6 writes a set's type to JSON with strtok(),
    /// whose state is the process's, and two listings at once on different threads have aborted the test host
    /// (<c>json.c:71: set_dtype_json: Assertion `__out' failed</c>).
    /// </summary>
    internal static readonly Lock NftGate = new();

    /// <summary>Runs <paramref name="action"/> on a thread of its own inside namespace <paramref name="ns"/> (<see cref="NetNs.Inside"/>).</summary>
    public static T Inside<T>(string ns, Func<T> action, TimeSpan? limit = null) => NetNs.Inside(ns, action, limit);

    /// <summary>
    /// Polls every node's table every <paramref name="interval"/>, each from a thread in its namespace, until
    /// <paramref name="gone"/> holds on all three or <paramref name="limit"/> passes; returns, per node, the
    /// <see cref="Stopwatch"/> timestamp of the first poll that saw it hold (null: never).
    /// </summary>
    public long?[] WhenEach(Func<FleetRigNode, Sesame.Linux.Nftables.NftContext, bool> gone, TimeSpan interval, TimeSpan limit)
    {
        var seen = new long?[_nodes.Count];
        var failures = new Exception?[_nodes.Count];
        var threads = new Thread[_nodes.Count];
        long deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        for (int i = 0; i < _nodes.Count; i++)
        {
            int n = i;
            threads[n] = new Thread(() =>
            {
                try
                {
                    seen[n] = Poll(n);
                }
                catch (Exception e)
                {
                    failures[n] = e;
                }
            });
            threads[n].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        if (failures.FirstOrDefault(f => f is not null) is { } failure)
        {
            throw new InvalidOperationException($"polling the nodes failed: {failure.Message}", failure);
        }

        return seen;

        long? Poll(int n) => Inside(_nodes[n].Namespace, () =>
        {
            using var nft = new Sesame.Linux.Nftables.NftContext();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                bool done;
                lock (NftGate)
                {
                    done = gone(_nodes[n], nft);
                }

                if (done)
                {
                    return (long?)Stopwatch.GetTimestamp();
                }

                Thread.Sleep(interval);
            }

            return null;
        }, limit + TimeSpan.FromSeconds(10));
    }

    private sealed class Listeners(List<Socket> sockets) : IDisposable
    {
        public void Dispose()
        {
            foreach (Socket socket in sockets)
            {
                socket.Dispose();
            }
        }
    }
}
