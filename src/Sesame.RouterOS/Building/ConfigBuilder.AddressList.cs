using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Console;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Building;

internal sealed partial class ConfigBuilder
{
    /// <summary>An address-list entry (ROUTEROS.md §3.1–3.3): a timeout makes it dynamic; a non-address is a DNS name.</summary>
    private AddressListEntry? BuildEntry(MenuItem item, IpFamily family)
    {
        string menu = family == IpFamily.V4 ? "/ip firewall address-list" : "/ipv6 firewall address-list";
        string? list = Required(item, "list", menu);
        string? address = Required(item, "address", menu);
        if (list is null || address is null)
        {
            return null;
        }

        ItemProperty addressProperty = item.Get("address")!;
        var entry = new AddressListEntry
        {
            List = list,
            Dynamic = Bool(item, "dynamic"),
            Disabled = Bool(item, "disabled"),
            Comment = item.ValueOf("comment"),
            Location = item.Location,
        };

        if (item.Get("timeout") is ItemProperty timeout)
        {
            if (RouterOsTime.TryParse(timeout.Value, out TimeSpan value, out string error))
            {
                entry = entry with { Timeout = value };
            }
            else
            {
                Invalid(timeout, error);
            }
        }

        if (IpRange.TryParse(address, out IpRange? range))
        {
            if (range.Value.Family != family)
            {
                Invalid(addressProperty, $"'{address}' is an IPv{(int)range.Value.Family} address; {menu} holds IPv{(int)family} entries");
                return null;
            }

            return entry with { Address = range };
        }

        if (family == IpFamily.V6 && IsIpv6Range(address))
        {
            // ROUTEROS.md §3.2 / §1.10: IPv6 address lists take addresses and prefixes only.
            _diagnostics.Error(addressProperty.ValueLocation, DiagnosticCodes.InvalidValue,
                $"failure: {address} is not a valid dns name (IPv6 address lists take no ranges; use a prefix)");
            return null;
        }

        _diagnostics.Warning(addressProperty.ValueLocation, DiagnosticCodes.DnsName,
            $"'{address}' is not an IP address, so RouterOS reads it as a DNS name; Sesame does not resolve names, so the entry matches nothing");
        return entry with { DnsName = address };
    }

    private static bool IsIpv6Range(string text)
    {
        int dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && IpRange.TryParseAddress(text.AsSpan(0, dash), out IpFamily a, out _) && a == IpFamily.V6
            && IpRange.TryParseAddress(text.AsSpan(dash + 1), out IpFamily b, out _) && b == IpFamily.V6;
    }
}
