namespace Sesame.Cli.Demo;

/// <summary>
/// The door the demo protects the router with: the seeds' three knocks (888 → 555 → 222, 30 s per step, 30 min of
/// access), the seeds' trap port, and the drop of all other WAN input the seeds assume. The seeds' "scan ports" rule is
/// left out on purpose: it lists port 22, so the demo's first look at the closed service would blacklist the client.
/// </summary>
internal static class DemoConfig
{
    public const string Script = """
        # Sesame demo: the seeds' three-knock door in front of the router's port 22.
        /interface list
        add name=WAN
        /interface list member
        add interface=ether1 list=WAN
        /ip firewall filter
        add action=drop chain=input comment="blacklisted sources" in-interface-list=WAN src-address-list=blacklist
        add action=add-src-to-address-list address-list=888 address-list-timeout=30s chain=input comment="knock 1" dst-port=888 in-interface-list=WAN protocol=tcp
        add action=add-src-to-address-list address-list=555 address-list-timeout=30s chain=input comment="knock 2" dst-port=555 in-interface-list=WAN protocol=tcp src-address-list=888
        add action=add-src-to-address-list address-list=secured address-list-timeout=30m chain=input comment="knock 3" dst-port=222 in-interface-list=WAN protocol=tcp src-address-list=555
        add action=accept chain=input comment="knocked: input accepted" in-interface-list=WAN src-address-list=secured
        add action=add-src-to-address-list address-list=blacklist address-list-timeout=1000m chain=input comment="trap port" dst-port=666 in-interface-list=WAN protocol=tcp
        add action=drop chain=input comment="all other WAN input" in-interface-list=WAN

        """;

    public static readonly int[] Knocks = [888, 555, 222];

    public const int ServicePort = 22;
}
