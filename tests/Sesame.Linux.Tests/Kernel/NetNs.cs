using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Win32.SafeHandles;

namespace Sesame.Tests.Kernel;

/// <summary>
/// Two fresh network namespaces, client and server, joined by a veth pair: the server's end is named <c>ether1</c> (the
/// seeds' WAN interface). Addresses 10.201.X.1 and .2 (/30), fd00:5e5b:X::1 and ::2 (/64), all inside the namespaces;
/// neighbours are permanent, so a ruleset that drops ICMPv6 still lets IPv6 through. Disposing deletes both namespaces,
/// also after a failed test. Code runs inside a namespace on a thread of its own that joins it with setns.
/// </summary>
internal sealed class NetNs : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    public NetNs()
    {
        string id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
        Subnet = Random.Shared.Next(1, 250);
        Client = $"sesame-t-{id}-c";
        Server = $"sesame-t-{id}-s";
        string x = Subnet.ToString(CultureInfo.InvariantCulture);
        string hex = Subnet.ToString("x2", CultureInfo.InvariantCulture);
        ClientV4 = IPAddress.Parse($"10.201.{x}.1");
        ServerV4 = IPAddress.Parse($"10.201.{x}.2");
        ClientV6 = IPAddress.Parse($"fd00:5e5b:{x}::1");
        ServerV6 = IPAddress.Parse($"fd00:5e5b:{x}::2");
        string clientMac = $"02:5e:5b:00:{hex}:01";
        string serverMac = $"02:5e:5b:00:{hex}:02";
        try
        {
            Ip("netns", "add", Client);
            Ip("netns", "add", Server);
            Ip("-n", Client, "link", "add", "v0", "address", clientMac, "type", "veth", "peer", "name", "ether1", "address", serverMac, "netns", Server);
            Ip("-n", Client, "addr", "add", $"{ClientV4}/30", "dev", "v0");
            Ip("-n", Server, "addr", "add", $"{ServerV4}/30", "dev", "ether1");
            Ip("-n", Client, "addr", "add", $"{ClientV6}/64", "dev", "v0", "nodad");
            Ip("-n", Server, "addr", "add", $"{ServerV6}/64", "dev", "ether1", "nodad");
            foreach (string ns in (ReadOnlySpan<string>)[Client, Server])
            {
                Ip("-n", ns, "link", "set", "lo", "up");
            }

            Ip("-n", Client, "link", "set", "v0", "up");
            Ip("-n", Server, "link", "set", "ether1", "up");
            Ip("-n", Client, "neigh", "replace", ServerV4.ToString(), "lladdr", serverMac, "dev", "v0", "nud", "permanent");
            Ip("-n", Client, "neigh", "replace", ServerV6.ToString(), "lladdr", serverMac, "dev", "v0", "nud", "permanent");
            Ip("-n", Server, "neigh", "replace", ClientV4.ToString(), "lladdr", clientMac, "dev", "ether1", "nud", "permanent");
            Ip("-n", Server, "neigh", "replace", ClientV6.ToString(), "lladdr", clientMac, "dev", "ether1", "nud", "permanent");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Subnet { get; }

    public string Client { get; }

    public string Server { get; }

    public IPAddress ClientV4 { get; }

    public IPAddress ServerV4 { get; }

    public IPAddress ClientV6 { get; }

    public IPAddress ServerV6 { get; }

    /// <summary>
    /// A second IPv4 address on the client (10.202.X.1/32) that the server routes back over the veth: "another source"
    /// for the tests, from the same namespace.
    /// </summary>
    public IPAddress AddSecondClientV4()
    {
        string x = Subnet.ToString(CultureInfo.InvariantCulture);
        var address = IPAddress.Parse($"10.202.{x}.1");
        Ip("-n", Client, "addr", "add", $"{address}/32", "dev", "v0");
        Ip("-n", Client, "route", "replace", $"{ServerV4}/32", "dev", "v0");
        Ip("-n", Server, "route", "add", $"{address}/32", "dev", "ether1");
        Ip("-n", Server, "neigh", "replace", address.ToString(), "lladdr", $"02:5e:5b:00:{Subnet.ToString("x2", CultureInfo.InvariantCulture)}:01", "dev", "ether1", "nud", "permanent");
        return address;
    }

    /// <summary>
    /// Deletes the permanent IPv6 neighbour entries on both ends, so IPv6 needs neighbour discovery (ICMPv6) again, as on
    /// a real link.
    /// </summary>
    public void ForgetIpv6Neighbours()
    {
        Ip("-n", Client, "neigh", "del", ServerV6.ToString(), "dev", "v0");
        Ip("-n", Server, "neigh", "del", ClientV6.ToString(), "dev", "ether1");
    }

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

    public void Dispose()
    {
        foreach (string ns in (ReadOnlySpan<string>)[Client, Server])
        {
            if (File.Exists(Path.Combine("/run/netns", ns)))
            {
                Run("ip", ["netns", "del", ns], throwOnError: false);
            }
        }
    }

    private static T Inside<T>(string ns, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        // setns changes the namespace of the calling thread only; the thread ends afterwards, so no other code runs in it.
        var thread = new Thread(() =>
        {
            try
            {
                using SafeFileHandle handle = File.OpenHandle(Path.Combine("/run/netns", ns));
                if (Libc.SetNs((int)handle.DangerousGetHandle(), Libc.CLONE_NEWNET) != 0)
                {
                    throw new InvalidOperationException($"setns({ns}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
                }

                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"code in namespace {ns} did not finish in 30 s");
        }

        if (failure is not null)
        {
            throw new InvalidOperationException($"in namespace {ns}: {failure.Message}", failure);
        }

        return result;
    }

    private static void Ip(params string[] args) => Run("ip", args, throwOnError: true);

    private static void Run(string file, string[] args, bool throwOnError)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill();
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        }

        string error = process.StandardError.ReadToEnd();
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {error.Trim()}");
        }
    }
}
