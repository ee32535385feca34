using System.Buffers;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Engine.Tracking;

/// <summary>
/// Minimal connection tracking (ROUTEROS.md §2.6): a 5-tuple table with RouterOS's default timeouts, enough to give
/// packets the states <c>new</c>, <c>established</c> and <c>invalid</c>, to count connections for
/// <c>connection-limit</c> and packets for the Layer7 window. Slots are reused and expired connections are swept a few
/// slots per packet, so steady traffic allocates nothing.
/// </summary>
/// <remarks>
/// Reply model (the trace only holds packets the router receives): a TCP SYN or an ICMP/ICMPv6 packet that the input
/// chain accepts is answered by the router itself (SYN-ACK or RST; echo reply), so later packets of that connection are
/// <c>established</c>. UDP gets no assumed answer (Sesame does not know which ports listen): it stays <c>new</c> until a
/// packet goes the other way, e.g. an output-hook packet. Forwarded packets get no assumed answer either.
/// Loose TCP tracking: a TCP packet without a tracked connection starts one as <c>new</c> when it is a SYN without ACK,
/// is picked up as <c>established</c> when it carries ACK (mid-stream or SYN-ACK, ROUTEROS.md §2.6 loose-tcp-tracking),
/// and is <c>invalid</c> (not tracked) otherwise: RST, FIN or no flags at all, as scanners send.
/// Connection tracking is always on; RouterOS's "auto" turns it off only when no rule exists, when states do not matter.
/// </remarks>
internal sealed class ConnectionTable
{
    private static readonly long[] Timeouts =
    [
        TimeSpan.FromSeconds(5).Ticks, // tcp-syn-sent
        TimeSpan.FromDays(1).Ticks, // tcp-established
        TimeSpan.FromSeconds(30).Ticks, // udp
        TimeSpan.FromMinutes(3).Ticks, // udp-stream
        TimeSpan.FromSeconds(10).Ticks, // icmp
        TimeSpan.FromMinutes(10).Ticks, // generic
    ];

    private readonly ConnectionIndex _index = new();
    private Connection[] _slots = new Connection[64];
    private int[] _free = new int[64];
    private int _freeCount;
    private int _used;
    private int _sweepCursor;

    public int Count => _index.Count;

    public ref Connection this[int slot] => ref _slots[slot];

    /// <summary>Finds or starts the packet's connection and counts the packet; -1 when the packet is invalid and untracked.</summary>
    public int Track(in Packet packet, long now, out ConnectionStates state, out bool isReply)
    {
        var key = new ConnectionKey(packet.Family, packet.Protocol, packet.Src, packet.Dst, packet.SrcPort, packet.DstPort);
        ulong hash = key.Hash();
        isReply = false;
        // Most packets go the original way: look that up first.
        int found = _index.Find(key, hash, _slots);
        if (found >= 0)
        {
            ref Connection c = ref _slots[found];
            if (c.ExpiresAt > now)
            {
                Touch(ref c, now);
                state = c.SeenReply ? ConnectionStates.Established : ConnectionStates.New;
                return found;
            }

            Remove(found); // expired: start over
        }

        if (_index.Count > 0 && TryFind(key.Reversed, now, out int reply))
        {
            ref Connection c = ref _slots[reply];
            isReply = true;
            MarkReplied(ref c);
            Touch(ref c, now);
            state = ConnectionStates.Established;
            return reply;
        }

        ConnectionPhase phase;
        bool established = false;
        switch (packet.Protocol)
        {
            case IpProtocols.Tcp:
                TcpFlags f = packet.TcpFlags;
                if ((f & (TcpFlags.Syn | TcpFlags.Ack | TcpFlags.Rst)) == TcpFlags.Syn)
                {
                    phase = ConnectionPhase.TcpSynSent;
                }
                else if ((f & TcpFlags.Ack) != 0 && (f & TcpFlags.Rst) == 0)
                {
                    phase = ConnectionPhase.TcpEstablished;
                    established = true;
                }
                else
                {
                    state = ConnectionStates.Invalid;
                    return -1;
                }

                break;
            case IpProtocols.Udp:
                phase = ConnectionPhase.Udp;
                break;
            case IpProtocols.Icmp or IpProtocols.IcmpV6:
                phase = ConnectionPhase.Icmp;
                break;
            default:
                phase = ConnectionPhase.Generic;
                break;
        }

        int slot = Allocate();
        ref Connection created = ref _slots[slot];
        created = default;
        created.Key = key;
        created.InUse = true;
        created.Phase = phase;
        created.SeenReply = established;
        _index.Add(hash, slot);
        Touch(ref created, now);
        state = established ? ConnectionStates.Established : ConnectionStates.New;
        return slot;
    }

    /// <summary>The reply model (see the class remarks): the input chain accepted this packet.</summary>
    public void OnInputAccepted(int slot, in Packet packet, long now)
    {
        ref Connection c = ref _slots[slot];
        if (c.SeenReply)
        {
            return;
        }

        bool answered = packet.Protocol switch
        {
            IpProtocols.Tcp => (packet.TcpFlags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn,
            IpProtocols.Icmp or IpProtocols.IcmpV6 => true,
            _ => false,
        };
        if (answered)
        {
            MarkReplied(ref c);
            Touch(ref c, now); // the answer is a packet of the connection too
        }
    }

    /// <summary>Tracked, unexpired connections whose first packet came from the source's /mask block (connection-limit).</summary>
    public int CountFrom(IpFamily family, UInt128 src, int mask, long now)
    {
        int bits = family == IpFamily.V4 ? 32 : 128;
        int hostBits = Math.Clamp(bits - mask, 0, bits);
        UInt128 hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        UInt128 block = src & ~hostMask;
        int count = 0;
        for (int i = 0; i < _used; i++)
        {
            ref Connection c = ref _slots[i];
            if (c.InUse && c.ExpiresAt > now && c.Key.Family == family && (c.Key.Src & ~hostMask) == block)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Frees expired connections among the next <paramref name="budget"/> slots.</summary>
    public void Sweep(long now, int budget)
    {
        for (int n = 0; n < budget && _used > 0; n++)
        {
            if (_sweepCursor >= _used)
            {
                _sweepCursor = 0;
            }

            ref Connection c = ref _slots[_sweepCursor];
            if (c.InUse && c.ExpiresAt <= now)
            {
                Remove(_sweepCursor);
            }

            _sweepCursor++;
        }
    }

    private static void MarkReplied(ref Connection c)
    {
        c.SeenReply = true;
        c.Phase = c.Phase switch
        {
            ConnectionPhase.TcpSynSent => ConnectionPhase.TcpEstablished,
            ConnectionPhase.Udp => ConnectionPhase.UdpStream,
            _ => c.Phase,
        };
    }

    private static void Touch(ref Connection c, long now)
    {
        c.Packets++;
        c.ExpiresAt = now + Timeouts[(int)c.Phase];
    }

    private bool TryFind(in ConnectionKey key, long now, out int slot)
    {
        slot = _index.Find(key, key.Hash(), _slots);
        if (slot < 0)
        {
            return false;
        }

        if (_slots[slot].ExpiresAt <= now)
        {
            Remove(slot);
            return false;
        }

        return true;
    }

    private int Allocate()
    {
        if (_freeCount > 0)
        {
            return _free[--_freeCount];
        }

        if (_used == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
            Array.Resize(ref _free, _slots.Length);
        }

        return _used++;
    }

    private void Remove(int slot)
    {
        _index.Remove(_slots[slot].Key.Hash(), slot);
        ref Connection c = ref _slots[slot];
        if (c.Layer7Buffer is not null)
        {
            ArrayPool<char>.Shared.Return(c.Layer7Buffer);
        }

        c = default;
        _free[_freeCount++] = slot;
    }
}
