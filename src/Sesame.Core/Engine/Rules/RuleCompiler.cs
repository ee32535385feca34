using Sesame.Engine.Interfaces;
using Sesame.Model;

namespace Sesame.Engine.Rules;

/// <summary>Turns a family's <see cref="FilterRule"/> list into a <see cref="RuleSet"/>.</summary>
internal static class RuleCompiler
{
    /// <param name="addressListId">Maps an address-list name to the store's id for this family.</param>
    /// <param name="layer7">Compiled pattern index per Layer7 protocol name; names with a broken pattern are absent.</param>
    public static RuleSet Compile(
        IReadOnlyList<FilterRule> rules,
        Func<string, int> addressListId,
        InterfaceTable interfaces,
        IReadOnlyDictionary<string, int> layer7)
    {
        var chainIds = new Dictionary<string, int>(StringComparer.Ordinal) { ["input"] = 0, ["forward"] = 1, ["output"] = 2 };
        var chainNames = new List<string> { "input", "forward", "output" };
        int ChainId(string name)
        {
            if (!chainIds.TryGetValue(name, out int id))
            {
                id = chainIds.Count;
                chainIds[name] = id;
                chainNames.Add(name);
            }

            return id;
        }

        var compiled = new CompiledRule?[rules.Count];
        var chainOf = new int[rules.Count];
        var disabled = new bool[rules.Count];
        for (int index = 0; index < rules.Count; index++)
        {
            FilterRule rule = rules[index];
            chainOf[index] = ChainId(rule.Chain);
            int jump = rule.JumpTarget is null ? -1 : ChainId(rule.JumpTarget);
            compiled[index] = CompileOne(rule, index, jump, addressListId, interfaces, layer7);
            disabled[index] = rule.Disabled;
        }

        return new RuleSet(compiled, chainOf, disabled, [.. chainNames]);
    }

    private static CompiledRule? CompileOne(
        FilterRule rule,
        int index,
        int jump,
        Func<string, int> addressListId,
        InterfaceTable interfaces,
        IReadOnlyDictionary<string, int> layer7)
    {
        // Rules that cannot match: ones with a matcher Sesame does not evaluate (decision: never match rather than match
        // too much, and `check` reports them); and broken ones RouterOS would flag invalid: a jump without target, an
        // address-list action without a list, an unknown or untranslatable Layer7 protocol. A disabled rule is compiled
        // (a script may enable it) and left out of its chain by RuleSet (ROUTEROS.md §2.2, counters unchanged).
        if (rule.Unsupported.Count > 0)
        {
            return null;
        }

        if ((rule.Action == FilterAction.Jump && jump < 0) || (rule.Action.AddsToAddressList() && rule.AddressList is null))
        {
            return null;
        }

        var c = new CompiledRule
        {
            Index = index,
            Action = rule.Action,
            JumpChain = jump,
            Timeout = rule.AddressListTimeout ?? AddressListTimeout.NoneDynamic,
        };
        if (rule.AddressList is not null && rule.Action.AddsToAddressList())
        {
            c.AddressList = addressListId(rule.AddressList);
        }

        if (rule.Layer7Protocol is not null)
        {
            if (!layer7.TryGetValue(rule.Layer7Protocol, out int l7))
            {
                return null;
            }

            c.Layer7 = l7;
        }

        if (rule.Protocol is { } p)
        {
            (c.HasProtocol, c.ProtocolNegated, c.Protocol) = (true, p.Negated, p.Value);
        }

        if (rule.InInterface is { } ii)
        {
            (c.InInterface, c.InInterfaceNegated) = (interfaces.Resolve(ii.Value), ii.Negated);
        }

        if (rule.OutInterface is { } oi)
        {
            (c.OutInterface, c.OutInterfaceNegated) = (interfaces.Resolve(oi.Value), oi.Negated);
        }

        if (rule.InInterfaceList is { } il)
        {
            (c.InInterfaceList, c.InInterfaceListNegated) = (interfaces.ListId(il.Value), il.Negated);
        }

        if (rule.OutInterfaceList is { } ol)
        {
            (c.OutInterfaceList, c.OutInterfaceListNegated) = (interfaces.ListId(ol.Value), ol.Negated);
        }

        if (rule.SrcAddress is { } sa)
        {
            (c.HasSrcAddress, c.SrcAddressNegated, c.SrcAddress) = (true, sa.Negated, sa.Value);
        }

        if (rule.DstAddress is { } da)
        {
            (c.HasDstAddress, c.DstAddressNegated, c.DstAddress) = (true, da.Negated, da.Value);
        }

        if (rule.SrcAddressType is { } st)
        {
            (c.HasSrcAddressType, c.SrcAddressTypeNegated, c.SrcAddressType) = (true, st.Negated, st.Value);
        }

        if (rule.DstAddressType is { } dt)
        {
            (c.HasDstAddressType, c.DstAddressTypeNegated, c.DstAddressType) = (true, dt.Negated, dt.Value);
        }

        if (rule.DstPort is { } dp)
        {
            (c.DstPorts, c.DstPortsNegated) = (dp.Value.AsImmutableArray().ToArray(), dp.Negated);
        }

        if (rule.SrcPort is { } sp)
        {
            (c.SrcPorts, c.SrcPortsNegated) = (sp.Value.AsImmutableArray().ToArray(), sp.Negated);
        }

        if (rule.AnyPort is { } ap)
        {
            (c.AnyPorts, c.AnyPortsNegated) = (ap.Value.AsImmutableArray().ToArray(), ap.Negated);
        }

        if (rule.TcpFlags is { } tf)
        {
            (c.HasTcpFlags, c.TcpFlags) = (true, tf);
        }

        if (rule.PacketSize is { } ps)
        {
            (c.HasPacketSize, c.PacketSizeNegated, c.PacketSize) = (true, ps.Negated, ps.Value);
        }

        if (rule.ConnectionState is { } cs)
        {
            (c.HasConnectionState, c.ConnectionStateNegated, c.ConnectionState) = (true, cs.Negated, cs.Value);
        }

        if (rule.SrcAddressList is { } sl)
        {
            (c.SrcAddressList, c.SrcAddressListNegated) = (addressListId(sl.Value), sl.Negated);
        }

        if (rule.DstAddressList is { } dl)
        {
            (c.DstAddressList, c.DstAddressListNegated) = (addressListId(dl.Value), dl.Negated);
        }

        if (rule.ConnectionLimit is { } cl)
        {
            (c.HasConnectionLimit, c.ConnectionLimitNegated, c.ConnectionLimit) = (true, cl.Negated, cl.Value);
        }

        return c;
    }
}
