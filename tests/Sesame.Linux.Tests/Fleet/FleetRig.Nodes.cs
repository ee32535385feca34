using System.Text;

namespace Sesame.Tests.Fleet.Nodes;

/// <summary>The configuration the nodes run, and starting them together.</summary>
internal sealed partial class FleetRig
{
    /// <summary>The log line a node writes when it is in the fleet (first join, or back after an outage).</summary>
    public const string Joined = "event=fleet-joined";

    /// <summary>The log line a node writes when it is out of the fleet.</summary>
    public const string Lost = "event=fleet-lost";

    /// <summary>The log line a node writes for a fleet entry it refuses (a garbage address, a list it does not share).</summary>
    public const string Reject = "event=fleet-reject";

    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The seed 000 (knock 888 → 555 → 222, <c>secured</c> for <paramref name="securedTimeout"/>, SSH on 22) with its
    /// blacklist enabled: the drop of <c>blacklist</c> first, then the knocks and the accept, then the trap (port 666,
    /// 1000m) and the scan catcher (21, 22, 23, 8291, 10000-60000 from a source not in <c>secured</c>, 1m). With
    /// <paramref name="shortDoor"/>, a second last knock (777 after 555) grants <c>secured</c> for that time instead:
    /// a grant with a short timeout on a node whose other grants last 30 minutes.
    /// </summary>
    public static string Config(string securedTimeout = "30m", string? shortDoor = null)
    {
        string seed = SeedFixtures.Read("000-manual-old-en.rsc")
            .Replace(" disabled=yes", "", StringComparison.Ordinal)
            .Replace("address-list=secured address-list-timeout=30m", $"address-list=secured address-list-timeout={securedTimeout}", StringComparison.Ordinal);
        if (shortDoor is null)
        {
            return seed;
        }

        const string Accept = "add action=accept chain=input in-interface-list=WAN src-address-list=secured\n";
        int at = seed.IndexOf(Accept, StringComparison.Ordinal);
        Assert.True(at >= 0, "the seed's accept rule moved");
        return seed.Insert(at, $"add action=add-src-to-address-list address-list=secured address-list-timeout={shortDoor} chain=input dst-port=777 in-interface-list=WAN protocol=tcp src-address-list=555\n");
    }

    /// <summary>Writes <paramref name="text"/> as a configuration file in the rig's directory; returns its path.</summary>
    public string WriteConfig(string text, string name = "config.rsc")
    {
        string path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// Starts <c>sesame serve</c> on the three nodes at once (in the fleet unless <paramref name="fleet"/> is false),
    /// each with <paramref name="extra"/> and the IPv4 rules mirrored to IPv6, and waits until each says it joined.
    /// </summary>
    public void StartAll(string configText, bool fleet = true, params string[] extra)
    {
        string path = WriteConfig(configText);
        Task[] starts = [.. _nodes.Select(n => Task.Run(() => n.Start(path, fleet, null, ["--ipv6=mirror", .. extra])))];
        Task.WaitAll(starts, TimeSpan.FromSeconds(60));
        foreach (Task start in starts)
        {
            // A start that failed throws here, with the daemon's log in its message.
            start.GetAwaiter().GetResult();
        }

        if (fleet)
        {
            foreach (FleetRigNode node in _nodes)
            {
                Assert.True(node.Daemon!.WaitFor(Joined, JoinTimeout), $"node {node} did not join the fleet in {JoinTimeout.TotalSeconds} s:\n{node.Log}");
            }
        }
    }

    /// <summary>Every node's log and the server's, for a failing assertion's message.</summary>
    public string Logs()
    {
        var text = new StringBuilder();
        foreach (FleetRigNode node in _nodes)
        {
            text.AppendLine($"===== node {node.Name}").Append(node.AllLogs);
        }

        if (Database is not null)
        {
            string log = Database.Log;
            text.AppendLine("===== postgresql (last 4000 characters)").AppendLine(log.Length > 4000 ? log[^4000..] : log);
        }

        return text.ToString();
    }
}
