using Sesame.Model;
using Sesame.Spa;

namespace Sesame.Tests;

/// <summary>
/// SPA doors built by hand, as a door profile compiles them: a drop of the SPA port from WAN carrying
/// <see cref="FilterRule.SpaDoor"/>, one address list per opened port with an accept rule, and the door itself.
/// </summary>
internal static class SpaConfigs
{
    public const string Door = "admin";

    public const string SshList = "spa-admin-tcp22";

    /// <summary>Both families: input accepts established, drops new to 22 unless granted, and hands port 62201 to the daemon.</summary>
    public static FirewallConfig Ssh(SpaKeys keys, bool allowAddress = false, ushort port = SpaDoor.DefaultPort, IEnumerable<SpaPort>? userPorts = null)
    {
        string rules = $"""
            add chain=input action=accept connection-state=established,related
            add chain=input action=drop protocol=udp dst-port={port} in-interface-list=WAN
            add chain=input action=accept protocol=tcp dst-port=22 src-address-list={SshList}
            add chain=input action=accept protocol=tcp dst-port=2222 src-address-list=spa-admin-tcp2222
            add chain=input action=drop in-interface-list=WAN
            """;
        FirewallConfig parsed = Configs.Parse($"""
            /interface list add name=WAN
            /interface list member add interface=ether1 list=WAN
            /ip firewall filter
            {rules}
            /ipv6 firewall filter
            add chain=input action=accept protocol=icmpv6
            {rules}
            """);
        var door = new SpaDoor(Door)
        {
            Port = port,
            AllowAddress = allowAddress,
            Users = [new SpaUser("alice", keys) { Ports = [.. userPorts ?? [new SpaPort(IpProtocols.Tcp, 22)]] }],
            PortLists = [new SpaPortList(new SpaPort(IpProtocols.Tcp, 22), SshList), new SpaPortList(new SpaPort(IpProtocols.Tcp, 2222), "spa-admin-tcp2222")],
        };
        return parsed with
        {
            Ipv4Filter = WithDoor(parsed.Ipv4Filter),
            Ipv6Filter = WithDoor(parsed.Ipv6Filter),
            SpaDoors = [door],
        };
    }

    private static EquatableArray<FilterRule> WithDoor(EquatableArray<FilterRule> rules) =>
        [.. rules.Select(r => r.Action == FilterAction.Drop && r.Protocol is { Value: IpProtocols.Udp } ? r with { SpaDoor = Door } : r)];
}
