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

    /// <summary>The session's two probe packets, each run through a firewall of its own so no probe sees another's list changes.</summary>
    private sealed class Probe(SshSession session, IReadOnlyCollection<(string List, IpRange Address)> entries)
    {
        private readonly IpFamily _family = session.Client.Family;

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
            var firewall = new Firewall(config, new ManualTimeProvider(), ConnectionTracking.Auto);
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
            return firewall.ProcessAs(packet, state);
        }
    }
}
