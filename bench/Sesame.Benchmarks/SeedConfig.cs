using Sesame.Model;
using Sesame.Net;

namespace Sesame.Benchmarks;

/// <summary>ROUTEROS.md §9's input chain with the seeds' blacklist rules enabled, built in code.</summary>
internal static class SeedConfig
{
    public static FirewallConfig Build()
    {
        static FilterRule Input(FilterAction action) => new() { Chain = "input", Action = action };
        static Negatable<EquatableArray<PortRange>> Ports(params PortRange[] ranges) => Negatable<EquatableArray<PortRange>>.Is([.. ranges]);
        Negatable<string> wan = Negatable<string>.Is("WAN");
        Negatable<byte> tcp = Negatable<byte>.Is(IpProtocols.Tcp);
        FilterRule Knock(ushort port, string list, TimeSpan timeout, string? requires) => Input(FilterAction.AddSrcToAddressList) with
        {
            AddressList = list,
            AddressListTimeout = AddressListTimeout.Timed(timeout),
            DstPort = Ports(new PortRange(port, port)),
            InInterfaceList = wan,
            Protocol = tcp,
            SrcAddressList = requires is null ? null : Negatable<string>.Is(requires),
        };

        return new FirewallConfig
        {
            InterfaceLists = [new InterfaceList("WAN"), new InterfaceList("LAN")],
            InterfaceListMembers = [new InterfaceListMember("WAN", "ether1"), new InterfaceListMember("LAN", "bridge")],
            Ipv4Filter =
            [
                Input(FilterAction.Drop) with { InInterfaceList = wan, SrcAddressList = Negatable<string>.Is("blacklist") },
                Input(FilterAction.Accept) with
                {
                    ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established | ConnectionStates.Related | ConnectionStates.Untracked),
                },
                Input(FilterAction.Drop) with { ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Invalid) },
                Knock(888, "888", TimeSpan.FromSeconds(30), null),
                Knock(555, "555", TimeSpan.FromSeconds(30), "888"),
                Knock(222, "secured", TimeSpan.FromMinutes(30), "555"),
                Knock(666, "blacklist", TimeSpan.FromMinutes(1000), null),
                Input(FilterAction.AddSrcToAddressList) with
                {
                    AddressList = "blacklist",
                    AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromMinutes(1)),
                    DstPort = Ports(new(21, 21), new(22, 22), new(23, 23), new(8291, 8291), new(10000, 60000)),
                    InInterfaceList = wan,
                    Protocol = tcp,
                    SrcAddressList = Negatable<string>.Not("secured"),
                },
                Input(FilterAction.Accept) with { InInterfaceList = wan, SrcAddressList = Negatable<string>.Is("secured") },
                Input(FilterAction.Drop) with { InInterfaceList = Negatable<string>.Not("LAN") },
            ],
        };
    }
}
