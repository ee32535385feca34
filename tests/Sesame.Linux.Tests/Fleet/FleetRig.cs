using System.Globalization;
using System.Net;
using System.Text;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Fleet.Nodes;

/// <summary>
/// Three Sesame nodes (A, B, C) and a client on one L2 segment, and one real PostgreSQL server for their fleet:
/// <code>
///   client c0 ─veth─ k ┐
///   node A ether1 ─veth─ pa ┤ bridge br0 in the "switch" namespace
///   node B ether1 ─veth─ pb ┤
///   node C ether1 ─veth─ pc ┘
/// </code>
/// so the same client source address reaches all three. Addresses 10.207.X.1/2/3 and fd00:5e5c:X::1/2/3 for the nodes,
/// 10.207.X.100 and up, fd00:5e5c:X::100 and up for the client's sources (<see cref="ClientV4"/>), all on one /24 and
/// /64; neighbours are permanent in both directions, so a ruleset that drops ICMPv6 still lets IPv6 through (as
/// <see cref="NetNs"/> does). The database is reached over its unix socket, a file, from every namespace.
/// <c>sesame fleet init</c> runs as the superuser and creates a node user whose password is in a file (0600).
/// Random names; disposing stops the daemons (by PID), the server, and deletes the namespaces and files, also after a
/// failed test.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed partial class FleetRig : IDisposable
{
    /// <summary>The client's source addresses per family, each usable as a distinct "source" in a test.</summary>
    public const int SourcesV4 = 24;

    public const int SourcesV6 = 6;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    private readonly List<FleetRigNode> _nodes = [];

    public FleetRig(bool database = true)
    {
        string id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
        Subnet = Random.Shared.Next(1, 250);
        string x = Subnet.ToString(CultureInfo.InvariantCulture);
        string hex = Subnet.ToString("x2", CultureInfo.InvariantCulture);
        Client = $"sesame-f-{id}-k";
        Switch = $"sesame-f-{id}-s";
        Directory = Path.Combine(Path.GetTempPath(), $"sesame-fleet-{id}");
        System.IO.Directory.CreateDirectory(Directory);
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string clientMac = $"02:5e:5c:{hex}:00:10";
        try
        {
            Ip("netns", "add", Switch);
            Ip("netns", "add", Client);
            Ip("-n", Switch, "link", "add", "br0", "type", "bridge");
            Ip("-n", Switch, "link", "set", "br0", "up");
            Ip("-n", Switch, "link", "add", "k", "type", "veth", "peer", "name", "c0", "address", clientMac, "netns", Client);
            Ip("-n", Switch, "link", "set", "k", "master", "br0", "up");
            for (int n = 0; n < 3; n++)
            {
                string name = ((char)('a' + n)).ToString();
                var node = new FleetRigNode(this, name, $"sesame-f-{id}-{name}",
                    IPAddress.Parse($"10.207.{x}.{n + 1}"), IPAddress.Parse($"fd00:5e5c:{x}::{n + 1}"), $"02:5e:5c:{hex}:00:0{n + 1}");
                _nodes.Add(node);
                Ip("netns", "add", node.Namespace);
                Ip("-n", Switch, "link", "add", "p" + name, "type", "veth", "peer", "name", "ether1", "address", node.Mac, "netns", node.Namespace);
                Ip("-n", Switch, "link", "set", "p" + name, "master", "br0", "up");
            }

            ClientV4 = [.. Enumerable.Range(0, SourcesV4).Select(i => IPAddress.Parse($"10.207.{x}.{100 + i}"))];
            ClientV6 = [.. Enumerable.Range(0, SourcesV6).Select(i => IPAddress.Parse($"fd00:5e5c:{x}::{100 + i:x}"))];
            var client = new StringBuilder();
            client.AppendLine("link set lo up");
            foreach (IPAddress a in ClientV4)
            {
                client.AppendLine(CultureInfo.InvariantCulture, $"addr add {a}/24 dev c0");
            }

            foreach (IPAddress a in ClientV6)
            {
                client.AppendLine(CultureInfo.InvariantCulture, $"addr add {a}/64 dev c0 nodad");
            }

            client.AppendLine("link set c0 up");
            foreach (FleetRigNode node in _nodes)
            {
                client.AppendLine(CultureInfo.InvariantCulture, $"neigh replace {node.V4} lladdr {node.Mac} dev c0 nud permanent");
                client.AppendLine(CultureInfo.InvariantCulture, $"neigh replace {node.V6} lladdr {node.Mac} dev c0 nud permanent");
                var commands = new StringBuilder();
                commands.AppendLine("link set lo up");
                commands.AppendLine(CultureInfo.InvariantCulture, $"addr add {node.V4}/24 dev ether1");
                commands.AppendLine(CultureInfo.InvariantCulture, $"addr add {node.V6}/64 dev ether1 nodad");
                commands.AppendLine("link set ether1 up");
                foreach (IPAddress a in ClientV4.Concat(ClientV6))
                {
                    commands.AppendLine(CultureInfo.InvariantCulture, $"neigh replace {a} lladdr {clientMac} dev ether1 nud permanent");
                }

                Batch(node.Namespace, commands.ToString());
            }

            Batch(Client, client.ToString());
            if (database)
            {
                StartDatabase();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The third octet (and the IPv6 /64's fourth group) of every address of this rig.</summary>
    public int Subnet { get; }

    /// <summary>The client's namespace: every knock, connect and scan starts here.</summary>
    public string Client { get; }

    /// <summary>The namespace that holds the bridge and nothing else.</summary>
    public string Switch { get; }

    /// <summary>The rig's own files (configurations, password files, state and control directories), mode 0700.</summary>
    public string Directory { get; }

    /// <summary>The client's IPv4 sources; <c>[0]</c> is its primary address, the one third-party tools send from.</summary>
    public IReadOnlyList<IPAddress> ClientV4 { get; } = [];

    public IReadOnlyList<IPAddress> ClientV6 { get; } = [];

    public IReadOnlyList<FleetRigNode> Nodes => _nodes;

    public FleetRigNode A => _nodes[0];

    public FleetRigNode B => _nodes[1];

    public FleetRigNode C => _nodes[2];

    public void Dispose()
    {
        foreach (FleetRigNode node in _nodes)
        {
            node.Dispose();
        }

        Database?.Dispose();
        foreach (string ns in _nodes.Select(n => n.Namespace).Append(Client).Append(Switch))
        {
            if (File.Exists(Path.Combine("/run/netns", ns)))
            {
                Exec("ip", ["netns", "del", ns], throwOnError: false);
            }
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Ip(params string[] args) => Exec("ip", args, throwOnError: true);

    /// <summary>Many <c>ip</c> commands in one process (<c>ip -batch</c>), inside a namespace.</summary>
    private void Batch(string ns, string commands)
    {
        string file = Path.Combine(Directory, $"ip-{ns}.batch");
        File.WriteAllText(file, commands);
        Ip("-n", ns, "-batch", file);
        File.Delete(file);
    }

    private static void Exec(string file, string[] args, bool throwOnError)
    {
        ProcessResult result = ProcessRunner.Run(Tools.Require(file), args, CommandTimeout);
        if (throwOnError && result.Exit != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: {result.Err.Trim()}");
        }
    }
}
