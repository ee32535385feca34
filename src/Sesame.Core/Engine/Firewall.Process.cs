using Sesame.Engine.Rules;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Engine;

public sealed partial class Firewall
{
    /// <summary>
    /// How deep jumps may nest. Decision (ROUTEROS.md is silent): a jump that would go deeper — in practice a jump loop —
    /// drops the packet, blamed on that jump rule: failing closed beats looping or silently accepting.
    /// </summary>
    internal const int MaxJumpDepth = 32;

    // Expired connections are swept this many slots per packet, enough to keep the table bounded at any packet rate.
    private const int SweepBudget = 2;

    /// <summary>
    /// Runs one packet through the filter of its family, starting at the built-in chain of <see cref="Packet.Hook"/>.
    /// Entries due at the current time expire first (reported to the <see cref="Observer"/>).
    /// </summary>
    public PacketResult Process(in Packet packet)
    {
        long now = _time.GetUtcNow().UtcTicks;
        ExpireDue(now);
        RuleSet rules = packet.Family == IpFamily.V6 ? _v6 : _v4;
        if (!_tracking)
        {
            Verdict untracked = Evaluate(rules, packet, -1, ConnectionStates.Untracked, now, out int untrackedIndex);
            return new PacketResult(untracked, untrackedIndex, ConnectionStates.Untracked);
        }

        _connections.Sweep(now, SweepBudget);
        _packetSerial++;
        int connection = _connections.Track(packet, now, out ConnectionStates state, out bool isReply);
        if (connection >= 0 && _connections[connection].Fasttracked)
        {
            // ROUTEROS.md §2.6: packets of a fasttracked connection bypass the filter (no counters, no list actions).
            return new PacketResult(Verdict.Accept, -1, state);
        }

        Verdict verdict = Evaluate(rules, packet, connection, state, now, out int ruleIndex);
        if (verdict == Verdict.Accept && packet.Hook == Hook.Input && connection >= 0 && !isReply)
        {
            _connections.OnInputAccepted(connection, packet, now);
        }

        return new PacketResult(verdict, ruleIndex, state);
    }

    private Verdict Evaluate(RuleSet rules, in Packet packet, int connection, ConnectionStates state, long now, out int ruleIndex)
    {
        Span<int> returnChain = stackalloc int[MaxJumpDepth];
        Span<int> returnPosition = stackalloc int[MaxJumpDepth];
        int depth = 0;
        int chain = (int)packet.Hook;
        int position = 0;
        int[][] chains = rules.Chains;
        while (true)
        {
            int[] members = chains[chain];
            if (position >= members.Length)
            {
                if (depth == 0)
                {
                    // ROUTEROS.md §2.4: the end of a built-in chain accepts.
                    ruleIndex = -1;
                    return Verdict.Accept;
                }

                // The end of a user chain continues after the jump.
                depth--;
                chain = returnChain[depth];
                position = returnPosition[depth];
                continue;
            }

            int index = members[position++];
            CompiledRule rule = rules.Rules[index]!;
            if (!Matches(rule, packet, connection, state, now))
            {
                continue;
            }

            rules.Packets[index]++;
            rules.Bytes[index] += packet.Length;
            switch (rule.Action)
            {
                case FilterAction.Accept:
                    ruleIndex = index;
                    return Verdict.Accept;
                case FilterAction.Drop:
                    ruleIndex = index;
                    return Verdict.Drop;
                case FilterAction.Reject:
                    ruleIndex = index;
                    return Verdict.Reject;
                case FilterAction.Tarpit:
                    ruleIndex = index;
                    return Verdict.Tarpit;
                case FilterAction.AddSrcToAddressList:
                    AddToAddressList(rule, packet.Family, packet.Src, now);
                    break;
                case FilterAction.AddDstToAddressList:
                    AddToAddressList(rule, packet.Family, packet.Dst, now);
                    break;
                case FilterAction.Jump:
                    if (chains[rule.JumpChain].Length == 0)
                    {
                        break; // a chain without rules returns at once
                    }

                    if (depth == MaxJumpDepth)
                    {
                        ruleIndex = index;
                        return Verdict.Drop;
                    }

                    returnChain[depth] = chain;
                    returnPosition[depth] = position;
                    depth++;
                    chain = rule.JumpChain;
                    position = 0;
                    break;
                case FilterAction.Return:
                    if (depth == 0)
                    {
                        // ROUTEROS.md §2.4: return in a built-in chain ends it, and its end accepts.
                        ruleIndex = -1;
                        return Verdict.Accept;
                    }

                    depth--;
                    chain = returnChain[depth];
                    position = returnPosition[depth];
                    break;
                case FilterAction.FasttrackConnection:
                    // §10 item 8: non-terminal (RouterOS pairs it with an accept rule whose counters equal its own).
                    // Decision: FastTrack is IPv4-only and takes only established or related connections; their later
                    // packets then skip the filter.
                    if (connection >= 0 && packet.Family == IpFamily.V4
                        && (state & (ConnectionStates.Established | ConnectionStates.Related)) != 0)
                    {
                        _connections[connection].Fasttracked = true;
                    }

                    break;
                default:
                    // log and passthrough: count and go on (ROUTEROS.md §2.3). Sesame's engine writes no log itself.
                    break;
            }
        }
    }
}
