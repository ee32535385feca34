using System.Globalization;

namespace Sesame.Cli.Demo;

/// <summary>
/// Two network namespaces made for the demo, a router and a client, joined by a veth pair: the router's end is named
/// <c>ether1</c> (the WAN interface of the seeds' configs) with 10.203.X.1/30 and fd00:5e5d:X::1/64, the client's has
/// .2 and ::2. Nothing is configured on the host; disposing deletes both namespaces and the pair with them.
/// </summary>
internal sealed class DemoNetwork : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);
    private readonly List<string> _created = [];

    public DemoNetwork()
    {
        int id = Environment.ProcessId % 100000;
        int x = (Environment.ProcessId % 250) + 1;
        Router = $"sesame-demo-{id}-r";
        Client = $"sesame-demo-{id}-c";
        ClientDevice = $"sdemo{id}";
        RouterV4 = $"10.203.{x}.1";
        ClientV4 = $"10.203.{x}.2";
        RouterV6 = $"fd00:5e5d:{x.ToString("x", CultureInfo.InvariantCulture)}::1";
        ClientV6 = $"fd00:5e5d:{x.ToString("x", CultureInfo.InvariantCulture)}::2";
    }

    public string Router { get; }

    public string Client { get; }

    public string ClientDevice { get; }

    public string RouterV4 { get; }

    public string ClientV4 { get; }

    public string RouterV6 { get; }

    public string ClientV6 { get; }

    public void Create()
    {
        Ip("netns", "add", Router);
        _created.Add(Router);
        Ip("netns", "add", Client);
        _created.Add(Client);
        // Made inside the client namespace with its peer moved to the router's: the host never holds either end.
        Ip("-n", Client, "link", "add", ClientDevice, "type", "veth", "peer", "name", "ether1", "netns", Router);
        Configure(Router, "ether1", RouterV4, RouterV6);
        Configure(Client, ClientDevice, ClientV4, ClientV6);
    }

    /// <summary>Runs a program inside a namespace to its end (bounded).</summary>
    public (int Exit, string Output) Run(string ns, TimeSpan timeout, params string[] command) =>
        ChildProcess.Run("ip", ["netns", "exec", ns, .. command], timeout);

    /// <summary>Starts a program inside a namespace; the caller stops it.</summary>
    public ChildProcess Start(string ns, IDictionary<string, string>? environment, params string[] command) =>
        ChildProcess.Start("ip", ["netns", "exec", ns, .. command], environment);

    public void Dispose()
    {
        foreach (string ns in Enumerable.Reverse(_created))
        {
            ChildProcess.Run("ip", ["netns", "del", ns], CommandTimeout);
        }

        _created.Clear();
    }

    private void Configure(string ns, string device, string v4, string v6)
    {
        Ip("-n", ns, "link", "set", "lo", "up");
        Ip("-n", ns, "addr", "add", $"{v4}/30", "dev", device);
        Ip("-n", ns, "addr", "add", $"{v6}/64", "dev", device, "nodad");
        Ip("-n", ns, "link", "set", device, "up");
    }

    private static void Ip(params string[] args)
    {
        (int exit, string output) = ChildProcess.Run("ip", args, CommandTimeout);
        if (exit != 0)
        {
            throw new DemoException($"ip {string.Join(' ', args)}: {output.Trim()}");
        }
    }
}
