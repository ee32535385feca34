using Sesame.Model;

namespace Sesame.RouterOS.Export;

/// <summary>
/// The arguments that describe what a filter rule matches and does, in the order RouterOS prints them (chain, action,
/// action parameters, matchers; §5.1). <c>disabled</c>, <c>comment</c>, <c>log</c> and <c>log-prefix</c> are left to
/// the caller: export and print show them differently.
/// </summary>
internal static class FilterRuleProperties
{
    public static List<ExportProperty> Describe(FilterRule rule)
    {
        var p = new List<ExportProperty>
        {
            new("chain", RouterOsQuoting.Format(rule.Chain)),
            new("action", rule.Action.ToRouterOs()),
        };
        AddText(p, "address-list", rule.AddressList);
        if (rule.AddressListTimeout is { } timeout)
        {
            p.Add(new("address-list-timeout", timeout.ToString()));
        }

        AddText(p, "jump-target", rule.JumpTarget);
        AddText(p, "reject-with", rule.RejectWith);
        Add(p, "src-address", rule.SrcAddress, a => a.ToString());
        Add(p, "dst-address", rule.DstAddress, a => a.ToString());
        Add(p, "protocol", rule.Protocol, IpProtocols.ToName);
        Add(p, "src-port", rule.SrcPort, RouterOsValues.Ports);
        Add(p, "dst-port", rule.DstPort, RouterOsValues.Ports);
        Add(p, "port", rule.AnyPort, RouterOsValues.Ports);
        Add(p, "in-interface", rule.InInterface, s => s);
        Add(p, "out-interface", rule.OutInterface, s => s);
        Add(p, "in-interface-list", rule.InInterfaceList, s => s);
        Add(p, "out-interface-list", rule.OutInterfaceList, s => s);
        Add(p, "connection-state", rule.ConnectionState, RouterOsValues.States);
        Add(p, "src-address-list", rule.SrcAddressList, s => s);
        Add(p, "dst-address-list", rule.DstAddressList, s => s);
        AddText(p, "layer7-protocol", rule.Layer7Protocol);
        if (rule.TcpFlags is { } flags)
        {
            p.Add(new("tcp-flags", RouterOsValues.Flags(flags)));
        }

        Add(p, "connection-limit", rule.ConnectionLimit, c => c.ToString());
        Add(p, "packet-size", rule.PacketSize, s => s.ToString());
        Add(p, "src-address-type", rule.SrcAddressType, RouterOsValues.AddressTypeList);
        Add(p, "dst-address-type", rule.DstAddressType, RouterOsValues.AddressTypeList);
        foreach (RawProperty raw in rule.Unsupported)
        {
            // The model keeps these values as text; a leading '!' on a matcher is RouterOS negation (§1.9), so it is
            // written bare in front of the (possibly quoted) rest rather than quoted into a literal.
            bool negated = raw.Value.StartsWith('!');
            p.Add(new(raw.Name, RouterOsQuoting.Format(negated, negated ? raw.Value[1..] : raw.Value)));
        }

        return p;
    }

    private static void AddText(List<ExportProperty> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties.Add(new(name, RouterOsQuoting.Format(value)));
        }
    }

    private static void Add<T>(List<ExportProperty> properties, string name, Negatable<T>? value, Func<T, string> format)
    {
        if (value is { } v)
        {
            properties.Add(new(name, RouterOsQuoting.Format(v.Negated, format(v.Value))));
        }
    }
}
