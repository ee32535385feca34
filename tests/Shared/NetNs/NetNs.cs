using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Sesame.Tests.Kernel;

/// <summary>
/// Two fresh network namespaces, client and server, joined by a veth pair: the server's end is named <c>ether1</c> (the
/// seeds' WAN interface). Addresses 10.201.X.1 and .2 (/30), fd00:5e5b:X::1 and ::2 (/64), all inside the namespaces;
/// neighbours are permanent, so a ruleset that drops ICMPv6 still lets IPv6 through. Nothing is configured on the host: the
/// pair is created inside the client namespace and its peer moved to the server's. Disposing stops the processes started
/// with <see cref="Start"/> (by PID) and deletes both namespaces, with the veth pair in them, also after a failed test.
/// Code runs inside a namespace on a thread of its own that joins it with setns (<see cref="InClient"/>), or as a command
/// under <c>ip netns exec</c> (<see cref="Run"/>). Shared by the test projects that need namespaces.
/// </summary>
internal sealed partial class NetNs : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private readonly List<BackgroundProcess> _started = [];

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
            Ip("-n", Client, "link", "add", ClientInterface, "address", clientMac, "type", "veth", "peer", "name", ServerInterface, "address", serverMac, "netns", Server);
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

    /// <summary>The client's end of the veth pair, in <see cref="Client"/>.</summary>
    public string ClientInterface => "v0";

    /// <summary>The server's end of the veth pair, in <see cref="Server"/>: <c>ether1</c>, the seeds' WAN interface.</summary>
    public string ServerInterface => "ether1";

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

    /// <summary>Why namespace tests cannot run here (not Linux, not root, no iproute2), or null when they can.</summary>
    public static string? MissingPrerequisite()
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            return "needs root on Linux (network namespaces)";
        }

        return Tools.Find("ip") is null ? "needs iproute2 (ip)" : null;
    }

    public void Dispose()
    {
        foreach (BackgroundProcess process in _started)
        {
            process.Dispose();
        }

        foreach (string ns in (ReadOnlySpan<string>)[Client, Server])
        {
            if (File.Exists(Path.Combine("/run/netns", ns)))
            {
                Exec("ip", ["netns", "del", ns], throwOnError: false);
            }
        }
    }

    private static void Ip(params string[] args) => Exec("ip", args, throwOnError: true);

    private static void Exec(string file, string[] args, bool throwOnError)
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
