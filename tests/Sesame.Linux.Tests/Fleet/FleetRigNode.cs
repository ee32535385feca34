using System.Net;
using Sesame.Linux.Nftables;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Fleet.Nodes;

/// <summary>
/// One node of a <see cref="FleetRig"/>: its namespace (interface <c>ether1</c>, the seeds' WAN), its addresses, and the
/// <c>sesame serve</c> running there with a control socket and a state directory of its own.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class FleetRigNode : IDisposable
{
    private readonly FleetRig _rig;
    private readonly List<string> _previousLogs = [];
    private string[] _args = [];

    public FleetRigNode(FleetRig rig, string name, string ns, IPAddress v4, IPAddress v6, string mac)
    {
        _rig = rig;
        Name = name;
        Namespace = ns;
        V4 = v4;
        V6 = v6;
        Mac = mac;
    }

    /// <summary>The node's name in the fleet (<c>--fleet-node</c>): a, b or c.</summary>
    public string Name { get; }

    public string Namespace { get; }

    public IPAddress V4 { get; }

    public IPAddress V6 { get; }

    public string Mac { get; }

    /// <summary>The daemon now running (or last run), null before <see cref="Start"/>.</summary>
    public FleetRigDaemon? Daemon { get; private set; }

    /// <summary>The running daemon's log (for assertions and failure messages).</summary>
    public string Log => Daemon?.Log ?? "";

    /// <summary>Every daemon's log on this node, the killed ones first, for a failing test's message.</summary>
    public string AllLogs => string.Join($"--- {Name}: restarted ---\n", _previousLogs.Append(Log));

    /// <summary>
    /// Starts <c>sesame serve CONFIG</c> on this node, in the fleet unless <paramref name="fleet"/> is false, with
    /// <paramref name="passwordFile"/> instead of the rig's node password when given; returns once READY=1 came.
    /// </summary>
    public FleetRigDaemon Start(string configPath, bool fleet = true, string? passwordFile = null, params string[] extra)
    {
        string home = Path.Combine(_rig.Directory, "node-" + Name);
        Directory.CreateDirectory(home);
        string[] args = ["serve", configPath, "--poll-interval", "0.2", "--control", Path.Combine(home, "control.sock"),
            "--state-dir", Path.Combine(home, "state"), .. extra];
        if (fleet)
        {
            args = [.. args, "--fleet", _rig.NodeConnectionString, "--fleet-password-file", passwordFile ?? _rig.PasswordFile, "--fleet-node", Name];
        }

        _args = args;
        return Launch();
    }

    /// <summary>Starts the daemon again with the arguments of the last <see cref="Start"/> (after <see cref="FleetRigDaemon.Kill9"/>).</summary>
    public FleetRigDaemon Restart()
    {
        if (Daemon is { } old)
        {
            _previousLogs.Add(old.Log);
            old.Dispose();
        }

        return Launch();
    }

    /// <summary>The address-list entries of table inet sesame in this namespace (both families), read with libnftables.</summary>
    public IReadOnlyList<NftAddressListElement> Lists() => FleetRig.Inside(Namespace, () =>
    {
        lock (FleetRig.NftGate)
        {
            using var nft = new NftContext();
            return nft.ListAddressLists();
        }
    });

    public bool Has(string list, IPAddress address) => Lists().Any(e => e.List == list && e.Address.Contains(address));

    /// <summary>The single addresses of <paramref name="list"/> here (both families), as text, sorted.</summary>
    public IReadOnlyList<string> Addresses(string list) =>
        [.. Lists().Where(e => e.List == list).Select(e => e.Address.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>Runs <c>sesame ARGS</c> in this node's namespace (<c>lists remove</c>, …) to its end, bounded.</summary>
    public ProcessResult Sesame(params string[] args) =>
        ProcessRunner.Run(Tools.Require("ip"), ["netns", "exec", Namespace, SesameProcess.Executable, .. args], TimeSpan.FromSeconds(60));

    /// <summary>Runs a command (nft, …) in this node's namespace to its end, bounded.</summary>
    public ProcessResult Run(params string[] command) =>
        ProcessRunner.Run(Tools.Require("ip"), ["netns", "exec", Namespace, .. command], TimeSpan.FromSeconds(30));

    public override string ToString() => Name;

    public void Dispose() => Daemon?.Dispose();

    private FleetRigDaemon Launch()
    {
        Daemon = FleetRigDaemon.Start(Namespace, _args);
        return Daemon;
    }
}
