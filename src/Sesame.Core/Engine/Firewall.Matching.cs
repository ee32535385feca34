using System.Runtime.CompilerServices;
using Sesame.Engine.Rules;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Engine;

public sealed partial class Firewall
{
    /// <summary>
    /// ANDs the rule's matchers. The stateless ones come first, cheapest first — their order cannot change the result —
    /// and the stateful ones last, in the order of ROUTEROS.md §2.2 (connection-limit, then Layer7), so they are consulted
    /// only when everything else matched: Layer7 collects data only from packets that pass the rest of the rule.
    /// </summary>
    private bool Matches(CompiledRule r, in Packet p, int connection, ConnectionStates state, long now)
    {
        if (r.HasProtocol && (p.Protocol == r.Protocol) == r.ProtocolNegated)
        {
            return false;
        }

        if (r.InInterface >= 0 && (p.InInterface == r.InInterface) == r.InInterfaceNegated)
        {
            return false;
        }

        if (r.OutInterface >= 0 && (p.OutInterface == r.OutInterface) == r.OutInterfaceNegated)
        {
            return false;
        }

        if (r.InInterfaceList >= 0 && _interfaces.Contains(r.InInterfaceList, p.InInterface) == r.InInterfaceListNegated)
        {
            return false;
        }

        if (r.OutInterfaceList >= 0 && _interfaces.Contains(r.OutInterfaceList, p.OutInterface) == r.OutInterfaceListNegated)
        {
            return false;
        }

        if (r.HasSrcAddress && r.SrcAddress.Contains(p.Family, p.Src) == r.SrcAddressNegated)
        {
            return false;
        }

        if (r.HasDstAddress && r.DstAddress.Contains(p.Family, p.Dst) == r.DstAddressNegated)
        {
            return false;
        }

        // Decision for dst-address-type=local: a packet in the input chain is addressed to the router, one in the output
        // chain comes from it; Sesame knows no other local addresses.
        if (r.HasSrcAddressType
            && ((TypesOf(p.Family, p.Src, p.Hook == Hook.Output) & r.SrcAddressType) != 0) == r.SrcAddressTypeNegated)
        {
            return false;
        }

        if (r.HasDstAddressType
            && ((TypesOf(p.Family, p.Dst, p.Hook == Hook.Input) & r.DstAddressType) != 0) == r.DstAddressTypeNegated)
        {
            return false;
        }

        // Ports exist only for port protocols; a port matcher (negated or not) never matches an ICMP packet.
        bool hasPorts = IpProtocols.HasPorts(p.Protocol);
        if (r.DstPorts is not null && (!hasPorts || InPorts(r.DstPorts, p.DstPort) == r.DstPortsNegated))
        {
            return false;
        }

        if (r.SrcPorts is not null && (!hasPorts || InPorts(r.SrcPorts, p.SrcPort) == r.SrcPortsNegated))
        {
            return false;
        }

        if (r.AnyPorts is not null
            && (!hasPorts || (InPorts(r.AnyPorts, p.SrcPort) || InPorts(r.AnyPorts, p.DstPort)) == r.AnyPortsNegated))
        {
            return false;
        }

        if (r.HasTcpFlags && (p.Protocol != IpProtocols.Tcp || !r.TcpFlags.Matches(p.TcpFlags)))
        {
            return false;
        }

        if (r.HasPacketSize && r.PacketSize.Contains(p.Length) == r.PacketSizeNegated)
        {
            return false;
        }

        if (r.HasConnectionState && ((state & r.ConnectionState) != 0) == r.ConnectionStateNegated)
        {
            return false;
        }

        if (r.SrcAddressList >= 0 && _lists.Contains(r.SrcAddressList, p.Src, now) == r.SrcAddressListNegated)
        {
            return false;
        }

        if (r.DstAddressList >= 0 && _lists.Contains(r.DstAddressList, p.Dst, now) == r.DstAddressListNegated)
        {
            return false;
        }

        // §10 item 9: connlimit-above semantics, strictly more than N tracked connections from the source's /mask block
        // (the packet's own connection included, as conntrack creates it before the filter runs).
        if (r.HasConnectionLimit
            && (_connections.CountFrom(p.Family, p.Src, r.ConnectionLimit.Mask, now) > r.ConnectionLimit.Limit) == r.ConnectionLimitNegated)
        {
            return false;
        }

        return r.Layer7 < 0 || MatchLayer7(r.Layer7, p, connection);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool InPorts(PortRange[] ranges, ushort port)
    {
        foreach (PortRange range in ranges)
        {
            if (port >= range.First && port <= range.Last)
            {
                return true;
            }
        }

        return false;
    }

    private static AddressTypes TypesOf(IpFamily family, UInt128 address, bool local)
    {
        AddressTypes types = local ? AddressTypes.Local : AddressTypes.None;
        if (family == IpFamily.V4)
        {
            if (address == 0xFFFF_FFFF)
            {
                return types | AddressTypes.Broadcast;
            }

            return types | ((address >> 28) == 0xE ? AddressTypes.Multicast : AddressTypes.Unicast);
        }

        return types | ((address >> 120) == 0xFF ? AddressTypes.Multicast : AddressTypes.Unicast);
    }
}
