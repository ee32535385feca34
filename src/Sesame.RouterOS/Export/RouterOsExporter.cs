using System.Text;
using Sesame.Model;
using Sesame.RouterOS.Export;

namespace Sesame.RouterOS;

/// <summary>
/// Writes a <see cref="FirewallConfig"/> as a script that RouterOS imports and that <c>RouterOsScript.Parse</c> reads
/// back to the same model (ROUTEROS.md §5.3, §5.4).
/// </summary>
public static class RouterOsExporter
{
    /// <summary>Deterministic (no date, no device), so that exports of the same model are byte-identical.</summary>
    private const string Header = "# sesame export";

    /// <summary>
    /// Exports the static configuration: menus in an order that imports (interface lists before their members and the
    /// rules that name them, layer7 protocols before the rules that reference them), empty menus left out, one
    /// <c>add</c> per item with full argument names in alphabetical order and default values omitted. Dynamic
    /// address-list entries (with a timeout, or <c>dynamic=yes</c>) are not exported, as on RouterOS (§3.3).
    /// </summary>
    public static string Export(FirewallConfig config, ExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        bool wrap = (options ?? new ExportOptions()).Wrap;
        var output = new StringBuilder();
        output.Append(Header).Append('\n');
        WriteMenu(output, "/interface list", config.InterfaceLists, ItemProperties.Describe, wrap);
        WriteMenu(output, "/interface list member", config.InterfaceListMembers, ItemProperties.Describe, wrap);
        WriteMenu(output, "/ip firewall layer7-protocol", config.Layer7Protocols, ItemProperties.Describe, wrap);
        WriteMenu(output, "/ip firewall address-list", StaticEntries(config.Ipv4AddressList), ItemProperties.Describe, wrap);
        WriteMenu(output, "/ip firewall filter", config.Ipv4Filter, ItemProperties.Describe, wrap);
        WriteMenu(output, "/ipv6 firewall address-list", StaticEntries(config.Ipv6AddressList), ItemProperties.Describe, wrap);
        WriteMenu(output, "/ipv6 firewall filter", config.Ipv6Filter, ItemProperties.Describe, wrap);
        WriteMenu(output, "/system script", config.Scripts, ItemProperties.Describe, wrap);
        WriteMenu(output, "/system scheduler", config.Schedulers, ItemProperties.Describe, wrap);
        return output.ToString();
    }

    /// <summary>
    /// One filter rule as <see cref="Export"/> writes it, on one line without its newline: <c>add action=drop
    /// chain=input in-interface-list=WAN</c>. For a message that names the exact rule (the lock-out check).
    /// </summary>
    public static string ExportRule(FilterRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        List<ExportProperty> arguments = ItemProperties.Describe(rule);
        arguments.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var output = new StringBuilder();
        CommandWriter.Write(output, "add", arguments, wrap: false);
        return output.ToString(0, output.Length - 1);
    }

    private static List<AddressListEntry> StaticEntries(EquatableArray<AddressListEntry> entries)
    {
        var result = new List<AddressListEntry>(entries.Count);
        foreach (AddressListEntry entry in entries)
        {
            if (entry.IsStatic)
            {
                result.Add(entry);
            }
        }

        return result;
    }

    private static void WriteMenu<T>(StringBuilder output, string path, IReadOnlyList<T> items, Func<T, List<ExportProperty>> describe, bool wrap)
    {
        if (items.Count == 0)
        {
            return;
        }

        output.Append(path).Append('\n');
        foreach (T item in items)
        {
            List<ExportProperty> arguments = describe(item);
            // Exports list arguments alphabetically by name (§5.3).
            arguments.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            CommandWriter.Write(output, "add", arguments, wrap);
        }
    }
}
