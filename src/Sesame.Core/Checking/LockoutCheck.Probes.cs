using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Time;

namespace Sesame.Checking;

public static partial class LockoutCheck
{
    /// <summary>The name of the interface that stands for every interface the configurations do not name.</summary>
    private const string UnnamedInterface = "unnamed0";

    /// <summary>
    /// The interfaces to try: the one given, or else every interface a rule's <c>in-interface</c> or an interface-list
    /// member names in either configuration, and one none names (a rule such as <c>in-interface-list=!LAN</c> treats
    /// it apart from all of them).
    /// </summary>
    private static IReadOnlyList<string> Interfaces(FirewallConfig next, FirewallConfig? running, string? known)
    {
        if (known is not null)
        {
            return [known];
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (FirewallConfig? config in (ReadOnlySpan<FirewallConfig?>)[next, running])
        {
            if (config is null)
            {
                continue;
            }

            foreach (FilterRule rule in config.Ipv4Filter.Concat(config.Ipv6Filter))
            {
                if (rule.InInterface is { } inInterface && inInterface.Value is not null)
                {
                    names.Add(inInterface.Value);
                }
            }

            foreach (InterfaceListMember member in config.InterfaceListMembers)
            {
                if (member.Interface is not null)
                {
                    names.Add(member.Interface);
                }
            }
        }

        string unnamed = UnnamedInterface;
        for (int n = 1; names.Contains(unnamed); n++)
        {
            unnamed = $"unnamed{n}";
        }

        return [.. names, unnamed];
    }

    /// <summary>
    /// The session's two probe packets. No probe sees the list changes of another (a trap that lists the source on its
    /// way through): what one adds is removed before the next.
    /// </summary>
    private sealed class Probe(SshSession session, IReadOnlyCollection<(string List, IpRange Address)> entries)
    {
        private readonly IpFamily _family = session.Client.Family;

        // One firewall per configuration serves every probe: compiling a config that names many interfaces once per
        // interface would cost rules × interfaces. A probe leaves counters behind, which no verdict reads, and the
        // entries its rules add, which are removed after it (Undo).
        private readonly Dictionary<FirewallConfig, Compiled> _compiled = new(ReferenceEqualityComparer.Instance);

        /// <summary>
        /// The configuration with the kernel's entries that hold the client or the server added (as dynamic entries
        /// with no timeout: they are there now), so <c>src-address-list</c> and <c>dst-address-list</c> see them.
        /// </summary>
        public FirewallConfig WithEntries(FirewallConfig config)
        {
            var added = new List<AddressListEntry>();
            foreach ((string list, IpRange address) in entries)
            {
                if (list is not null && address.Family == _family
                    && (address.Contains(_family, session.Client.First) || address.Contains(_family, session.Server.First)))
                {
                    added.Add(new AddressListEntry { List = list, Address = address, Dynamic = true });
                }
            }

            if (added.Count == 0)
            {
                return config;
            }

            return _family == IpFamily.V6
                ? config with { Ipv6AddressList = [.. config.Ipv6AddressList, .. added] }
                : config with { Ipv4AddressList = [.. config.Ipv4AddressList, .. added] };
        }

        /// <summary>A packet of the session itself: an acknowledgement from the client, connection-state=established.</summary>
        public PacketResult Established(FirewallConfig config, string inInterface) =>
            Run(config, inInterface, TcpFlags.Ack, 32, ConnectionStates.Established);

        /// <summary>The first packet of a new connection from the client to the same port: a SYN, connection-state=new.</summary>
        public PacketResult New(FirewallConfig config, string inInterface) =>
            Run(config, inInterface, TcpFlags.Syn, 40, ConnectionStates.New);

        private PacketResult Run(FirewallConfig config, string inInterface, TcpFlags flags, int tcpHeader, ConnectionStates state)
        {
            Compiled compiled = CompiledFor(config);
            Firewall firewall = compiled.Firewall;
            var packet = new Packet
            {
                Hook = Hook.Input,
                Family = _family,
                Src = session.Client.First,
                Dst = session.Server.First,
                Protocol = IpProtocols.Tcp,
                SrcPort = (ushort)session.ClientPort,
                DstPort = (ushort)session.ServerPort,
                TcpFlags = flags,
                Length = (_family == IpFamily.V4 ? 20 : 40) + tcpHeader,
                InInterface = firewall.ResolveInterface(inInterface),
                OutInterface = -1,
            };
            PacketResult result = firewall.ProcessAs(packet, state);
            Undo(config, compiled);
            return result;
        }

        private Compiled CompiledFor(FirewallConfig config)
        {
            if (!_compiled.TryGetValue(config, out Compiled? compiled))
            {
                var firewall = new Firewall(config, new ManualTimeProvider(), ConnectionTracking.Auto);
                HashSet<long>? initial = ChangesLists(config) ? [.. firewall.GetEntries(_family).Select(e => e.Id)] : null;
                compiled = new Compiled(firewall, initial);
                _compiled.Add(config, compiled);
            }

            return compiled;
        }

        /// <summary>
        /// Removes the entries the probe's rules added. A refresh of an entry that was there changes only its timeout,
        /// and the clock does not move; should an entry that was there be gone all the same, the firewall is dropped
        /// and the next probe compiles a new one.
        /// </summary>
        private void Undo(FirewallConfig config, Compiled compiled)
        {
            if (compiled.Initial is not { } initial)
            {
                return;
            }

            int kept = 0;
            foreach (Scripting.ScriptListEntry entry in compiled.Firewall.GetEntries(_family).ToArray())
            {
                if (initial.Contains(entry.Id))
                {
                    kept++;
                }
                else
                {
                    compiled.Firewall.RemoveEntry(_family, entry.Id, null);
                }
            }

            if (kept != initial.Count)
            {
                _compiled.Remove(config);
            }
        }

        /// <param name="Initial">The ids of the entries before any probe, when the rules can add entries.</param>
        private sealed record Compiled(Firewall Firewall, HashSet<long>? Initial);

        private static bool ChangesLists(FirewallConfig config)
        {
            foreach (FilterRule rule in config.Ipv4Filter.Concat(config.Ipv6Filter))
            {
                if (!rule.Disabled && rule.Action.AddsToAddressList())
                {
                    return true;
                }
            }

            return false;
        }
    }
}
