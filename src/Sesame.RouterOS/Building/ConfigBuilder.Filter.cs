using System.Collections.Immutable;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS.Console;
using Sesame.RouterOS.Syntax;

namespace Sesame.RouterOS.Building;

internal sealed partial class ConfigBuilder
{
    private FilterRule? BuildRule(MenuItem item, IpFamily family)
    {
        string? chain = item.ValueOf("chain");
        if (string.IsNullOrEmpty(chain))
        {
            _diagnostics.Error(item.Location, DiagnosticCodes.MissingProperty, "filter rule needs 'chain'");
            return null;
        }

        // 'action' defaults to accept (MT-FILTER).
        FilterAction action = FilterAction.Accept;
        if (item.Get("action") is ItemProperty actionProperty && !FilterActions.TryParse(actionProperty.Value, out action))
        {
            Invalid(actionProperty, $"input does not match any value of action ({string.Join(", ", FilterActions.AllNames)})");
            return null;
        }

        var rule = new FilterRule { Chain = chain, Action = action, Location = item.Location };
        var unsupported = ImmutableArray.CreateBuilder<RawProperty>();
        foreach (ItemProperty p in item.Properties)
        {
            if (FilterProperties.Unsupported.Contains(p.Name))
            {
                unsupported.Add(new RawProperty(p.Name, p.Value));
                _diagnostics.Warning(p.NameLocation, DiagnosticCodes.UnsupportedMatcher,
                    $"Sesame does not evaluate '{p.Name}'; the engine treats this rule as never matching");
                continue;
            }

            rule = Apply(rule, p, family);
        }

        rule = rule with { Unsupported = unsupported.ToImmutable() };
        CheckRule(item, rule);
        return rule;
    }

    private FilterRule Apply(FilterRule rule, ItemProperty p, IpFamily family)
    {
        (bool negated, string value) = Negation(p);
        switch (p.Name)
        {
            case "disabled":
                return ParsedBool(p) is bool disabled ? rule with { Disabled = disabled } : rule;
            case "log":
                return ParsedBool(p) is bool log ? rule with { Log = log } : rule;
            case "comment":
                return rule with { Comment = p.Value };
            case "address-list":
                return rule with { AddressList = p.Value };
            case "address-list-timeout":
                if (ValueParsers.TryParseAddressListTimeout(p.Value, out AddressListTimeout timeout, out string timeoutError))
                {
                    return rule with { AddressListTimeout = timeout };
                }

                Invalid(p, timeoutError);
                return rule;
            case "jump-target":
                return rule with { JumpTarget = p.Value };
            case "reject-with":
                return rule with { RejectWith = p.Value };
            case "log-prefix":
                return rule with { LogPrefix = p.Value };
            case "protocol":
                if (IpProtocols.TryParse(value, out byte protocol))
                {
                    return rule with { Protocol = new Negatable<byte>(negated, protocol) };
                }

                Invalid(p, $"'{value}' is not a protocol name or number");
                return rule;
            case "src-address" or "dst-address":
                return Address(p, value, family) is IpRange range
                    ? p.Name == "src-address"
                        ? rule with { SrcAddress = new(negated, range) }
                        : rule with { DstAddress = new(negated, range) }
                    : rule;
            case "src-address-list":
                return rule with { SrcAddressList = new(negated, value) };
            case "dst-address-list":
                return rule with { DstAddressList = new(negated, value) };
            case "src-port" or "dst-port" or "port":
                return Ports(rule, p, negated, value);
            case "in-interface" or "out-interface":
                CheckInterface(p, value);
                return p.Name == "in-interface"
                    ? rule with { InInterface = new(negated, value) }
                    : rule with { OutInterface = new(negated, value) };
            case "in-interface-list" or "out-interface-list":
                KnowsInterfaceList(p, value);
                return p.Name == "in-interface-list"
                    ? rule with { InInterfaceList = new(negated, value) }
                    : rule with { OutInterfaceList = new(negated, value) };
            case "connection-state":
                return Parsed<ConnectionStates>(p, value, ValueParsers.TryParseConnectionStates) is ConnectionStates states
                    ? rule with { ConnectionState = new(negated, states) }
                    : rule;
            case "tcp-flags":
                // Per-flag negation (syn,!ack), so the whole value is parsed as written (ROUTEROS.md §7.1).
                return Parsed<TcpFlagsMatch>(p, p.Value, ValueParsers.TryParseTcpFlags) is TcpFlagsMatch flags
                    ? rule with { TcpFlags = flags }
                    : rule;
            case "layer7-protocol":
                return Layer7(rule, p, family);
            case "packet-size":
                return Parsed<SizeRange>(p, value, ValueParsers.TryParseSize) is SizeRange size
                    ? rule with { PacketSize = new(negated, size) }
                    : rule;
            case "src-address-type" or "dst-address-type":
                return Parsed<AddressTypes>(p, value, ValueParsers.TryParseAddressTypes) is AddressTypes types
                    ? p.Name == "src-address-type"
                        ? rule with { SrcAddressType = new(negated, types) }
                        : rule with { DstAddressType = new(negated, types) }
                    : rule;
            case "connection-limit":
                if (ValueParsers.TryParseConnectionLimit(value, family, out ConnectionLimit limit, out string limitError))
                {
                    return rule with { ConnectionLimit = new(negated, limit) };
                }

                Invalid(p, limitError);
                return rule;
            default:
                // chain and action were read before.
                return rule;
        }
    }

    private delegate bool ValueParser<T>(string text, out T value, out string error);

    private T? Parsed<T>(ItemProperty p, string value, ValueParser<T> parser)
        where T : struct
    {
        if (parser(value, out T result, out string error))
        {
            return result;
        }

        Invalid(p, error);
        return null;
    }

    private bool? ParsedBool(ItemProperty p)
    {
        if (ValueParsers.TryParseBool(p.Value, out bool value, out string error))
        {
            return value;
        }

        Invalid(p, error);
        return null;
    }

    private IpRange? Address(ItemProperty p, string value, IpFamily family)
    {
        if (!IpRange.TryParse(value, out IpRange? range, out string error))
        {
            Invalid(p, error);
            return null;
        }

        if (range.Value.Family != family)
        {
            Invalid(p, $"'{value}' is an IPv{(int)range.Value.Family} address in an IPv{(int)family} rule");
            return null;
        }

        return range;
    }

    private FilterRule Ports(FilterRule rule, ItemProperty p, bool negated, string value)
    {
        if (!ValueParsers.TryParsePorts(value, out EquatableArray<PortRange> ports, out string error))
        {
            Invalid(p, error);
            return rule;
        }

        var match = new Negatable<EquatableArray<PortRange>>(negated, ports);
        return p.Name switch
        {
            "src-port" => rule with { SrcPort = match },
            "dst-port" => rule with { DstPort = match },
            _ => rule with { AnyPort = match },
        };
    }

    /// <summary>
    /// <c>in-interface=WAN</c> names an interface called WAN, not the list (ROUTEROS.md §1.11). The blog seed writes it
    /// meaning the list; we keep the RouterOS meaning and point at the likely intent.
    /// </summary>
    private void CheckInterface(ItemProperty p, string name)
    {
        if (!_interfaces.Contains(name) && !InterfaceList.Predefined.Contains(name) && _interfaceLists.Contains(name))
        {
            string list = p.Name == "in-interface" ? "in-interface-list" : "out-interface-list";
            _diagnostics.Variant(p.NameLocation, DiagnosticCodes.InterfaceNamedLikeList,
                $"{p.Name}={name} names an interface called '{name}', which is not known, but an interface list '{name}' exists: did you mean {list}={name}?");
        }
    }

    private FilterRule Layer7(FilterRule rule, ItemProperty p, IpFamily family)
    {
        if (family == IpFamily.V6)
        {
            _diagnostics.Error(p.NameLocation, DiagnosticCodes.Layer7OnIpv6, "layer7-protocol is an IPv4 matcher; /ipv6 firewall filter has none");
            return rule;
        }

        if (!_layer7.Contains(p.Value))
        {
            _diagnostics.Error(p.ValueLocation, DiagnosticCodes.UnknownLayer7,
                $"unknown layer7-protocol '{p.Value}' (define it with /ip firewall layer7-protocol add name={p.Value} regexp=…)");
        }

        return rule with { Layer7Protocol = p.Value };
    }

    /// <summary>
    /// Rules that RouterOS refuses as a whole: ports without a port protocol, tcp-flags without tcp, list actions without
    /// a list, jumps without a target.
    /// </summary>
    private void CheckRule(MenuItem item, FilterRule rule)
    {
        ItemProperty? port = item.Get("dst-port") ?? item.Get("src-port") ?? item.Get("port");
        if (port is not null && (rule.Protocol is not { Negated: false } protocol || !IpProtocols.HasPorts(protocol.Value)))
        {
            _diagnostics.Error(port.NameLocation, DiagnosticCodes.PortWithoutProtocol,
                $"{port.Name} needs protocol=tcp, udp, udp-lite, dccp or sctp on the same rule");
        }

        // tcp-flags reads the TCP header, so like the ports it needs the protocol said on the rule (ROUTEROS.md §7.1).
        if (item.Get("tcp-flags") is ItemProperty flags && rule.Protocol is not { Negated: false, Value: IpProtocols.Tcp })
        {
            _diagnostics.Error(flags.NameLocation, DiagnosticCodes.TcpFlagsWithoutTcp, "tcp-flags needs protocol=tcp on the same rule");
        }

        if (rule.Action.AddsToAddressList() && string.IsNullOrEmpty(rule.AddressList))
        {
            _diagnostics.Error(item.Get("action")!.ValueLocation, DiagnosticCodes.MissingProperty,
                $"action={rule.Action.ToRouterOs()} needs 'address-list'");
        }

        if (rule.Action == FilterAction.Jump && string.IsNullOrEmpty(rule.JumpTarget))
        {
            _diagnostics.Error(item.Get("action")!.ValueLocation, DiagnosticCodes.MissingProperty, "action=jump needs 'jump-target'");
        }
    }
}
