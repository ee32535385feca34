using System.Text.Json.Nodes;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Nftables;

internal sealed partial class NftRulesetBuilder
{
    /// <summary>The protocols whose first four bytes are ports, as <see cref="IpProtocols.HasPorts"/>.</summary>
    private static readonly int[] PortProtocols = [6, 17, 33, 132, 136];

    /// <summary>
    /// The matchers, ANDed (ROUTEROS.md §2.2). Stateless ones first — their order cannot change the result — then
    /// Layer7 (a stateless payload comparison here) and connection-limit last, because `ct count` records the
    /// connection in its set: only a packet that matched everything else should be counted.
    /// </summary>
    private void AddMatches(FamilyPlan plan, FilterRule rule, int index, NftAlternatives a)
    {
        IpFamily family = plan.Family;
        string ip = family == IpFamily.V4 ? "ip" : "ip6";
        if (rule.Unsupported.Count > 0)
        {
            string names = string.Join(", ", rule.Unsupported.Select(p => p.Name));
            _diagnostics.Warning(rule.Location, "SES0601", $"the rule uses {names}, which Sesame does not evaluate; it never matches (as in the engine)");
            a.Never($"unsupported matcher {names}");
            return;
        }

        if (rule.InInterface is { } inIf)
        {
            a.And(NftExpr.Equal(NftExpr.Meta("iifname"), InterfaceName(inIf.Value), inIf.Negated));
        }

        if (rule.OutInterface is { } outIf)
        {
            a.And(NftExpr.Equal(NftExpr.Meta("oifname"), InterfaceName(outIf.Value), outIf.Negated));
        }

        InterfaceListMatch(a, "iifname", rule.InInterfaceList);
        InterfaceListMatch(a, "oifname", rule.OutInterfaceList);

        if (rule.Protocol is { } protocol)
        {
            a.And(NftExpr.Equal(NftExpr.Meta("l4proto"), ProtocolName(protocol.Value), protocol.Negated));
        }

        AddressMatch(a, family, NftExpr.Payload(ip, "saddr"), rule.SrcAddress);
        AddressMatch(a, family, NftExpr.Payload(ip, "daddr"), rule.DstAddress);
        AddressTypeMatch(a, "saddr", rule.SrcAddressType);
        AddressTypeMatch(a, "daddr", rule.DstAddressType);
        PortMatches(a, rule);
        if (rule.TcpFlags is { } flags)
        {
            TcpFlags mask = flags.Set | flags.Clear;
            // ROUTEROS.md §10 item 10 (decided in TcpFlagsMatch): listed flags set, !flags clear, others do not matter.
            a.And(mask == TcpFlags.None
                ? NftExpr.Equal(NftExpr.Meta("l4proto"), "tcp")
                : NftExpr.Match("==", NftExpr.And(NftExpr.Payload("tcp", "flags"), NftExpr.Flags(FlagNames(mask))), flags.Set == TcpFlags.None ? "0x0" : FlagValue(flags.Set)));
        }

        if (rule.PacketSize is { } size)
        {
            PacketSizeMatch(a, family, size);
        }

        if (rule.ConnectionState is { } state)
        {
            ConnectionStateMatch(a, state);
        }

        AddressListMatch(a, plan, NftExpr.Payload(ip, "saddr"), rule.SrcAddressList);
        AddressListMatch(a, plan, NftExpr.Payload(ip, "daddr"), rule.DstAddressList);
        if (rule.Layer7Protocol is { } layer7)
        {
            Layer7Match(a, plan, rule, index, layer7);
        }

        if (rule.ConnectionLimit is { } limit && a.NeverReason is null)
        {
            // ROUTEROS.md §7.2, §10 item 9: more than N connections from the source's /mask block (connlimit-above);
            // `!` inverts. The kernel counts the connections that reached this expression, the engine all tracked ones
            // from the block; behind `connection-state=new` (as RouterOS asks) the two agree.
            plan.ConnectionLimitRules.Add(index);
            int max = family == IpFamily.V4 ? 32 : 128;
            int bits = Math.Clamp(limit.Value.Mask, 0, max);
            JsonObject source = NftExpr.Payload(ip, "saddr");
            JsonObject key = bits == max
                ? source
                : NftExpr.And(source, IpRange.ToAddress(family, IpRange.FromPrefix(family, family == IpFamily.V4 ? uint.MaxValue : UInt128.MaxValue, bits).First).ToString());
            a.And(NftExpr.SetStatement("add", NftNames.ConnectionLimitSet(family, index), key, statement: NftExpr.CtCount(limit.Value.Limit, over: !limit.Negated)));
        }
    }

    private static void InterfaceListMatch(NftAlternatives a, string selector, Negatable<string>? match)
    {
        if (match is not { } m)
        {
            return;
        }

        // Predefined lists (InterfaceListMembership): all and static hold every interface, none and dynamic none.
        bool? everything = m.Value switch
        {
            "all" or "static" => true,
            "none" or "dynamic" => false,
            _ => null,
        };
        if (everything is { } all)
        {
            if (all == m.Negated)
            {
                a.Never($"interface list {m} matches no interface");
            }

            return;
        }

        a.And(NftExpr.Equal(NftExpr.Meta(selector), "@" + NftNames.InterfaceSet(m.Value), m.Negated));
    }

    private static void AddressMatch(NftAlternatives a, IpFamily family, JsonObject selector, Negatable<IpRange>? match)
    {
        if (match is not { } m)
        {
            return;
        }

        if (m.Value.Family != family)
        {
            // An address of the other family is never the packet's: the matcher never holds, or always when negated.
            if (!m.Negated)
            {
                a.Never($"{selector["payload"]!["protocol"]} {selector["payload"]!["field"]} {m.Value} is of the other IP family");
            }

            return;
        }

        a.And(NftExpr.Equal(selector, NftExpr.Address(m.Value), m.Negated));
    }

    /// <summary>
    /// Address types through the kernel's FIB. Decision: `local` is what the FIB calls local (the engine: addressed to the
    /// host in input); `unicast` also takes local addresses, since the engine calls those unicast as well.
    /// </summary>
    private static void AddressTypeMatch(NftAlternatives a, string selector, Negatable<AddressTypes>? match)
    {
        if (match is not { } m)
        {
            return;
        }

        var types = new List<string>();
        if ((m.Value & AddressTypes.Unicast) != 0)
        {
            types.Add("unicast");
        }

        if ((m.Value & (AddressTypes.Local | AddressTypes.Unicast)) != 0)
        {
            types.Add("local");
        }

        if ((m.Value & AddressTypes.Broadcast) != 0)
        {
            types.Add("broadcast");
        }

        if ((m.Value & AddressTypes.Multicast) != 0)
        {
            types.Add("multicast");
        }

        if (types.Count == 0)
        {
            if (!m.Negated)
            {
                a.Never("an empty address type");
            }

            return;
        }

        a.And(NftExpr.Equal(NftExpr.Fib(selector), types.Count == 1 ? types[0] : NftExpr.AnonymousSet(types.Select(t => (JsonNode)t)), m.Negated));
    }

    private static void PortMatches(NftAlternatives a, FilterRule rule)
    {
        if (rule.DstPort is null && rule.SrcPort is null && rule.AnyPort is null)
        {
            return;
        }

        // Ports exist only for port protocols (the engine: a port matcher, negated or not, never matches ICMP).
        string header = rule.Protocol switch
        {
            { Negated: false, Value: IpProtocols.Tcp } => "tcp",
            { Negated: false, Value: IpProtocols.Udp } => "udp",
            _ => "th",
        };
        if (header == "th")
        {
            a.And(NftExpr.Equal(NftExpr.Meta("l4proto"), NftExpr.AnonymousSet(PortProtocols.Select(p => (JsonNode)p))));
        }

        if (rule.DstPort is { } dst)
        {
            a.And(NftExpr.Equal(NftExpr.Payload(header, "dport"), Ports(dst.Value), dst.Negated));
        }

        if (rule.SrcPort is { } src)
        {
            a.And(NftExpr.Equal(NftExpr.Payload(header, "sport"), Ports(src.Value), src.Negated));
        }

        if (rule.AnyPort is { } any)
        {
            JsonObject sport = NftExpr.Payload(header, "sport");
            JsonObject dport = NftExpr.Payload(header, "dport");
            if (any.Negated)
            {
                a.And(NftExpr.Equal(sport, Ports(any.Value), negated: true));
                a.And(NftExpr.Equal(dport, Ports(any.Value), negated: true));
            }
            else
            {
                a.Either(
                    ([NftExpr.Equal(sport, Ports(any.Value))], null),
                    ([NftExpr.Equal(sport, Ports(any.Value), negated: true), NftExpr.Equal(dport, Ports(any.Value))], null));
            }
        }
    }

    /// <summary>packet-size is the IP total length; IPv6 carries the payload length, 40 less.</summary>
    private static void PacketSizeMatch(NftAlternatives a, IpFamily family, Negatable<SizeRange> size)
    {
        int min = size.Value.Min;
        int max = size.Value.Max;
        JsonObject selector = NftExpr.Payload("ip", "length");
        if (family == IpFamily.V6)
        {
            selector = NftExpr.Payload("ip6", "length");
            if (max < 40)
            {
                if (!size.Negated)
                {
                    a.Never($"packet-size={size.Value} is shorter than an IPv6 header");
                }

                return;
            }

            (min, max) = (Math.Max(0, min - 40), max - 40);
        }

        JsonNode value = min == max ? min : NftExpr.Range(min, max);
        a.And(NftExpr.Equal(selector, value, size.Negated));
    }

    private static void ConnectionStateMatch(NftAlternatives a, Negatable<ConnectionStates> state)
    {
        var names = new List<string>();
        foreach ((ConnectionStates flag, string name) in (ReadOnlySpan<(ConnectionStates, string)>)[
            (ConnectionStates.Invalid, "invalid"), (ConnectionStates.Established, "established"),
            (ConnectionStates.Related, "related"), (ConnectionStates.New, "new"), (ConnectionStates.Untracked, "untracked")])
        {
            if ((state.Value & flag) != 0)
            {
                names.Add(name);
            }
        }

        if (names.Count == 0)
        {
            if (!state.Negated)
            {
                a.Never("an empty connection-state");
            }

            return;
        }

        a.And(state.Negated
            ? NftExpr.Match("==", NftExpr.And(NftExpr.Ct("state"), NftExpr.Flags(names)), 0)
            : NftExpr.Match("in", NftExpr.Ct("state"), NftExpr.Flags(names)));
    }

    /// <summary>
    /// An address list is its host set, plus its interval set when the configuration gives it prefixes or ranges: "in the
    /// list" is then "in the host set, or not in it and in the interval set" — two alternatives that exclude each other.
    /// </summary>
    private static void AddressListMatch(NftAlternatives a, FamilyPlan plan, JsonObject selector, Negatable<string>? match)
    {
        if (match is not { } m)
        {
            return;
        }

        string hosts = "@" + NftNames.HostSet(plan.Family, m.Value);
        if (!plan.Nets.ContainsKey(m.Value))
        {
            a.And(NftExpr.Equal(selector, hosts, m.Negated));
            return;
        }

        string nets = "@" + NftNames.NetSet(plan.Family, m.Value);
        if (m.Negated)
        {
            a.And(NftExpr.Equal(selector, hosts, negated: true));
            a.And(NftExpr.Equal(selector, nets, negated: true));
        }
        else
        {
            a.Either(
                ([NftExpr.Equal(selector, hosts)], null),
                ([NftExpr.Equal(selector, hosts, negated: true), NftExpr.Equal(selector, nets)], null));
        }
    }

    /// <summary>
    /// Layer7 (ROUTEROS.md §4): a literal pattern becomes a raw payload comparison — UDP data after the 8-byte header
    /// (<c>@th,64</c>), TCP data after the header and its options (<c>@ih,0</c>); <c>^text$</c> also fixes the UDP length.
    /// The kernel compares each packet on its own where the engine collects a connection's first packets: a knock is
    /// one datagram, so the two agree for knocks; a passphrase split over packets, or NUL bytes in it, matches only in
    /// the engine. A general regex cannot be compiled: with an NFLOG group (<c>serve</c>) the candidates of an add-to-list rule
    /// go to the daemon, which matches each packet's payload on its own; otherwise the rule never matches here.
    /// </summary>
    /// <summary>The engine's Layer7 data window: the first 2 KB of a connection (ROUTEROS.md §4.2).</summary>
    private const int Layer7Window = 2048;

    private void Layer7Match(NftAlternatives a, FamilyPlan plan, FilterRule rule, int index, string name)
    {
        if (!_layer7.TryGetValue(name, out Layer7Protocol? protocol))
        {
            _diagnostics.Warning(rule.Location, "SES0608", $"layer7-protocol={name} is not defined; the rule never matches (as in the engine)");
            a.Never($"layer7-protocol {name} is not defined");
            return;
        }

        // What the engine cannot compile never matches there (SES0504); the kernel must not match it either, and a literal
        // longer than the data window the engine looks at (2 KB) can never be found in it.
        _ = Layer7Literal.TryParse(protocol.Regexp, out Layer7Literal? literal);
        if (!Layer7Pattern.TryCompile(protocol.Regexp, out _, out _) || literal?.Text.Length > Layer7Window)
        {
            a.Never($"layer7-protocol {name} never matches in the engine");
            return;
        }

        if (literal is null)
        {
            if (_options.NflogGroup is { } group && rule.Action.AddsToAddressList() && rule.AddressList is not null)
            {
                // The daemon decides: the candidate goes to NFLOG with its payload and the rule's own action is left to
                // the daemon, which writes the set on a match. With the daemon down nobody decides: the knock fails (closed).
                // A global limit keeps a flood of candidates from taking the daemon's CPU; beyond it candidates are lost,
                // like knocks with the daemon down (literal passphrases stay in the kernel and have no such limit).
                _daemonLayer7 = true;
                a.Either(([], [NftExpr.Limit(_options.Layer7CandidateRate), NftExpr.Log(NftLogPrefix.Format(NftLogKind.Layer7, plan.Family, index), group, _options.Layer7Snaplen)]));
                return;
            }

            _diagnostics.Warning(rule.Location, "SES0602",
                $"layer7-protocol={name}: regexp \"{protocol.Regexp}\" is not a plain ^text or ^text$, which is all nftables can match; the rule never matches in the kernel");
            a.Never($"layer7-protocol {name} is a general regexp");
            return;
        }

        // The rule's own protocol=udp/tcp already says which header; otherwise each alternative names it.
        JsonObject[] udpProtocol = rule.Protocol is { Negated: false, Value: IpProtocols.Udp } ? [] : [NftExpr.Equal(NftExpr.Meta("l4proto"), "udp")];
        JsonObject[] tcpProtocol = rule.Protocol is { Negated: false, Value: IpProtocols.Tcp } ? [] : [NftExpr.Equal(NftExpr.Meta("l4proto"), "tcp")];
        JsonObject[] udpLength = literal.Exact ? [NftExpr.Equal(NftExpr.Payload("udp", "length"), 8 + literal.Text.Length)] : [];
        JsonObject[] udp = [.. udpProtocol, .. udpLength, .. PayloadMatches(literal, "th", 64)];
        JsonObject[] tcp = [.. tcpProtocol, .. PayloadMatches(literal, "ih", 0)];
        switch (rule.Protocol)
        {
            case { Negated: false, Value: IpProtocols.Udp }:
                a.Either((udp, null));
                return;
            case { Negated: false, Value: IpProtocols.Tcp } when !literal.Exact:
                a.Either((tcp, null));
                return;
            case { Negated: false, Value: IpProtocols.Tcp }:
                _diagnostics.Warning(rule.Location, "SES0609",
                    $"layer7-protocol={name}: nftables cannot check that a TCP payload ends after the text (^…$); the rule never matches in the kernel");
                a.Never("^text$ on TCP");
                return;
        }

        _diagnostics.Warning(rule.Location, "SES0609",
            $"layer7-protocol={name} without protocol=udp or tcp: nftables matches it on UDP{(literal.Exact ? "" : " and TCP")} data only");
        if (literal.Exact)
        {
            a.Either((udp, null));
        }
        else
        {
            a.Either((udp, null), (tcp, null));
        }
    }

    private static JsonNode ProtocolName(byte protocol) => protocol switch
    {
        IpProtocols.Tcp => "tcp",
        IpProtocols.Udp => "udp",
        IpProtocols.Icmp => "icmp",
        _ => (int)protocol,
    };

    private static JsonNode Ports(EquatableArray<PortRange> ports) =>
        ports.Count == 1 ? NftExpr.Port(ports[0]) : NftExpr.AnonymousSet(ports.Select(NftExpr.Port));

    /// <summary>
    /// The raw payload comparisons of a Layer7 literal (<see cref="Layer7Literal.Pieces"/>): a masked comparison where
    /// letters fold case, a plain one otherwise.
    /// </summary>
    private static IEnumerable<JsonObject> PayloadMatches(Layer7Literal literal, string payloadBase, int baseBits)
    {
        foreach (Layer7Literal.Piece piece in literal.Pieces(baseBits))
        {
            JsonObject load = NftExpr.RawPayload(payloadBase, piece.OffsetBits, piece.LengthBits);
            yield return piece.Folds
                ? NftExpr.Match("==", NftExpr.And(load, NftExpr.Hex(piece.Mask)), NftExpr.Hex(piece.Value))
                : NftExpr.Equal(load, NftExpr.Hex(piece.Value));
        }
    }

    /// <summary>A single TCP flag as a value, several as a list (the right side of <c>tcp flags &amp; (…) == …</c>).</summary>
    private static JsonNode FlagValue(TcpFlags flags)
    {
        List<string> names = FlagNames(flags);
        return names.Count == 1 ? names[0] : NftExpr.Flags(names);
    }

    private static List<string> FlagNames(TcpFlags flags)
    {
        var names = new List<string>();
        foreach ((TcpFlags flag, string name) in (ReadOnlySpan<(TcpFlags, string)>)[
            (TcpFlags.Fin, "fin"), (TcpFlags.Syn, "syn"), (TcpFlags.Rst, "rst"), (TcpFlags.Psh, "psh"),
            (TcpFlags.Ack, "ack"), (TcpFlags.Urg, "urg"), (TcpFlags.Ece, "ecn"), (TcpFlags.Cwr, "cwr")])
        {
            if ((flags & flag) != 0)
            {
                names.Add(name);
            }
        }

        return names;
    }
}
