using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace Sesame.Tests.NetNs;

/// <summary>
/// Two fresh network namespaces, <c>sesame-t-&lt;random&gt;-c</c> (the client) and <c>-s</c> (the server), joined by a veth
/// pair with 10.200.X.1/30 ↔ 10.200.X.2/30 and fd00:5e5a:X::1/64 ↔ fd00:5e5a:X::2/64 inside them. Nothing is configured
/// on the host. Dispose stops every process the pair started (by PID) and deletes both namespaces, which deletes the
/// veth pair with them — also when the test failed.
/// </summary>
internal sealed class NetNsPair : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private readonly List<BackgroundProcess> _started = [];
    private bool _clientCreated;
    private bool _serverCreated;

    private NetNsPair()
    {
        string id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        int x = RandomNumberGenerator.GetInt32(1, 255);
        Client = $"sesame-t-{id}-c";
        Server = $"sesame-t-{id}-s";
        ClientInterface = $"st{id}c";
        ServerInterface = $"st{id}s";
        ClientV4 = IPAddress.Parse($"10.200.{x}.1");
        ServerV4 = IPAddress.Parse($"10.200.{x}.2");
        string hex = x.ToString("x", CultureInfo.InvariantCulture);
        ClientV6 = IPAddress.Parse($"fd00:5e5a:{hex}::1");
        ServerV6 = IPAddress.Parse($"fd00:5e5a:{hex}::2");
    }

    public string Client { get; }

    public string Server { get; }

    public string ClientInterface { get; }

    public string ServerInterface { get; }

    public IPAddress ClientV4 { get; }

    public IPAddress ServerV4 { get; }

    public IPAddress ClientV6 { get; }

    public IPAddress ServerV6 { get; }

    public static NetNsPair Create()
    {
        var pair = new NetNsPair();
        try
        {
            pair.Setup();
            return pair;
        }
        catch
        {
            pair.Dispose();
            throw;
        }
    }

    /// <summary>Runs a command inside a namespace to its end (bounded) and returns how it ended.</summary>
    public ProcessResult Run(string ns, TimeSpan timeout, params string[] command) =>
        ProcessRunner.Run(Tools.Require("ip"), ["netns", "exec", ns, .. command], timeout);

    /// <summary>Starts a long-running command inside a namespace; it is stopped when the pair is disposed.</summary>
    public BackgroundProcess Start(string ns, params string[] command)
    {
        var process = new BackgroundProcess(Tools.Require("ip"), ["netns", "exec", ns, .. command]);
        _started.Add(process);
        return process;
    }

    /// <summary>Runs the built <c>sesame</c> program in the client namespace.</summary>
    public ProcessResult Sesame(params string[] args) =>
        Run(Client, TimeSpan.FromSeconds(30), [Tools.Dotnet, Tools.SesameDll, .. args]);

    public void Dispose()
    {
        foreach (BackgroundProcess process in _started)
        {
            process.Dispose();
        }

        if (_clientCreated)
        {
            Ip(check: false, "netns", "del", Client);
        }

        if (_serverCreated)
        {
            Ip(check: false, "netns", "del", Server);
        }
    }

    private void Setup()
    {
        Ip(check: true, "netns", "add", Client);
        _clientCreated = true;
        Ip(check: true, "netns", "add", Server);
        _serverCreated = true;
        foreach (string ns in new[] { Client, Server })
        {
            // No duplicate address detection in these private links: a tentative link-local address makes the first
            // neighbour solicitation go unanswered and delays the first IPv6 packet by a second.
            Ip(check: true, "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0", "net.ipv6.conf.default.accept_dad=0");
        }

        // The pair is created inside the client namespace and its peer moved to the server's: the host never holds it.
        Ip(check: true, "-n", Client, "link", "add", ClientInterface, "type", "veth", "peer", "name", ServerInterface, "netns", Server);
        Configure(Client, ClientInterface, ClientV4, ClientV6);
        Configure(Server, ServerInterface, ServerV4, ServerV6);
    }

    private void Configure(string ns, string device, IPAddress v4, IPAddress v6)
    {
        Ip(check: true, "-n", ns, "link", "set", "lo", "up");
        Ip(check: true, "-n", ns, "addr", "add", $"{v4}/30", "dev", device);
        // nodad: the address is usable at once instead of staying tentative for a second of duplicate detection.
        Ip(check: true, "-n", ns, "addr", "add", $"{v6}/64", "dev", device, "nodad");
        Ip(check: true, "-n", ns, "link", "set", device, "up");
    }

    private static void Ip(bool check, params string[] args)
    {
        ProcessResult result = ProcessRunner.Run(Tools.Require("ip"), args, CommandTimeout);
        if (check && result.Exit != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)} failed: {result.Err.Trim()}");
        }
    }
}
