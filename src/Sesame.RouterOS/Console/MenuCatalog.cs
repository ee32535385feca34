using System.Diagnostics.CodeAnalysis;

namespace Sesame.RouterOS.Console;

/// <summary>The part of the RouterOS menu tree that Sesame knows: the item menus and the menus on the way to them.</summary>
internal static class MenuCatalog
{
    private static readonly Dictionary<string, MenuDefinition> Menus = new(StringComparer.Ordinal)
    {
        ["ip firewall filter"] = new(MenuKind.Ipv4Filter, "ip firewall filter", FilterProperties.All),
        ["ipv6 firewall filter"] = new(MenuKind.Ipv6Filter, "ipv6 firewall filter", FilterProperties.All),
        ["ip firewall address-list"] = new(MenuKind.Ipv4AddressList, "ip firewall address-list", AddressList),
        ["ipv6 firewall address-list"] = new(MenuKind.Ipv6AddressList, "ipv6 firewall address-list", AddressList),
        ["ip firewall layer7-protocol"] = new(MenuKind.Layer7Protocol, "ip firewall layer7-protocol", ["name", "regexp", "comment"]),
        ["interface list"] = new(MenuKind.InterfaceList, "interface list", ["name", "include", "exclude", "comment"]),
        ["interface list member"] = new(MenuKind.InterfaceListMember, "interface list member", ["list", "interface", "disabled", "comment"]),
        ["system script"] = new(MenuKind.SystemScript, "system script",
            ["name", "source", "policy", "comment", "dont-require-permissions", "owner"])
        {
            // Printed and exported by some versions (MT-SCRIPT); a script needs none of them to be read back.
            ReadOnly = ["run-count", "last-started", "invalid"],
        },
        ["system scheduler"] = new(MenuKind.SystemScheduler, "system scheduler",
            ["name", "interval", "on-event", "start-date", "start-time", "policy", "comment", "disabled"])
        {
            ReadOnly = ["owner", "run-count", "next-run"],
        },
    };

    private static readonly HashSet<string> Nodes = new(StringComparer.Ordinal)
    {
        "", "ip", "ip firewall", "ipv6", "ipv6 firewall", "interface", "system",
    };

    private static string[] AddressList => ["list", "address", "timeout", "dynamic", "disabled", "comment"];

    public static IEnumerable<MenuDefinition> All => Menus.Values;

    /// <summary>Whether the path (words joined by single spaces) is a menu Sesame knows, with items or not.</summary>
    public static bool IsKnown(string path) => Nodes.Contains(path) || Menus.ContainsKey(path);

    public static bool TryGetMenu(string path, [NotNullWhen(true)] out MenuDefinition? menu) => Menus.TryGetValue(path, out menu);

    public static MenuDefinition Get(MenuKind kind) => Menus.Values.First(m => m.Kind == kind);
}
