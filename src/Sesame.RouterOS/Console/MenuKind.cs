namespace Sesame.RouterOS.Console;

/// <summary>The item menus Sesame models (ROUTEROS.md §1.3).</summary>
internal enum MenuKind
{
    Ipv4Filter,
    Ipv6Filter,
    Ipv4AddressList,
    Ipv6AddressList,
    Layer7Protocol,
    InterfaceList,
    InterfaceListMember,
    SystemScript,
    SystemScheduler,
}
