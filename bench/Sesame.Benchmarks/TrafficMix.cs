using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Benchmarks;

/// <summary>
/// A repeatable packet mix from many sources: clients that knock 888→555→222 and then talk SSH, port scanners
/// (SYN, NULL and FIN probes over random ports, so they get blacklisted), established traffic, UDP and ICMP noise.
/// </summary>
internal static class TrafficMix
{
    public static Packet[] Build(Firewall firewall, int count, int seed = 42)
    {
        var random = new Random(seed);
        int wan = firewall.ResolveInterface("ether1");
        int lan = firewall.ResolveInterface("bridge");
        const uint router = 0xC0000201; // 192.0.2.1
        var packets = new List<Packet>(count);
        Packet Make(uint src, byte protocol, ushort sport, ushort dport, TcpFlags flags, int length, int iface) => new()
        {
            Hook = Hook.Input,
            Family = IpFamily.V4,
            Src = src,
            Dst = router,
            Protocol = protocol,
            SrcPort = sport,
            DstPort = dport,
            TcpFlags = flags,
            Length = length,
            InInterface = iface,
            OutInterface = -1,
        };

        while (packets.Count < count)
        {
            int kind = random.Next(100);
            uint src = 0xCB007100u + (uint)random.Next(1 << 12) + ((uint)random.Next(64) << 16); // many /24s
            ushort sport = (ushort)random.Next(1024, 65535);
            if (kind < 15)
            {
                // A client knocking and then opening an SSH session with a few packets.
                foreach (ushort port in (ReadOnlySpan<ushort>)[888, 555, 222])
                {
                    packets.Add(Make(src, IpProtocols.Tcp, sport++, port, TcpFlags.Syn, 60, wan));
                }

                packets.Add(Make(src, IpProtocols.Tcp, sport, 22, TcpFlags.Syn, 60, wan));
                for (int i = 0; i < 4; i++)
                {
                    packets.Add(Make(src, IpProtocols.Tcp, sport, 22, TcpFlags.Ack | TcpFlags.Psh, 52 + random.Next(1400), wan));
                }
            }
            else if (kind < 55)
            {
                // A scanner probing random ports with SYN, NULL or FIN probes.
                TcpFlags flags = random.Next(4) switch { 0 => TcpFlags.None, 1 => TcpFlags.Fin, _ => TcpFlags.Syn };
                for (int i = 0; i < 4; i++)
                {
                    packets.Add(Make(src, IpProtocols.Tcp, sport, (ushort)random.Next(1, 65535), flags, 44, wan));
                }
            }
            else if (kind < 85)
            {
                // Established traffic of long-running sessions (loose-tracked ACKs), from WAN and LAN.
                packets.Add(Make(src, IpProtocols.Tcp, sport, 443, TcpFlags.Ack, 52 + random.Next(1400), kind < 75 ? wan : lan));
            }
            else if (kind < 95)
            {
                packets.Add(Make(src, IpProtocols.Udp, sport, (ushort)random.Next(1, 65535), TcpFlags.None, 28 + random.Next(500), wan));
            }
            else
            {
                packets.Add(Make(src, IpProtocols.Icmp, 0, 0, TcpFlags.None, 84, wan));
            }
        }

        return [.. packets.Take(count)];
    }
}
