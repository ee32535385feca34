using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sesame.NetBench;

/// <summary>
/// Mode <c>flood</c>: spoofed packets as fast as the threads can send them for a fixed time. Sources are random in
/// 10.205.0.0/16 and 100.64.0.0/10, which the server has no route to, so its answers (if any) die there.
/// <c>--kind random</c>: alternately a SYN and a UDP datagram to a random port; <c>--kind knock1</c>: SYNs to the first
/// knock port. Prints the packets sent and the rate achieved.
/// </summary>
internal static class FloodRun
{
    public static int Run(ToolArgs a)
    {
        IPAddress server = a.Address("server", "10.204.0.1");
        string kind = a.Text("kind", "random");
        ushort knockPort = (ushort)a.Int("port", 888);
        double seconds = a.Double("seconds", 10);
        int threads = a.Int("threads", 1);
        if (kind is not ("random" or "knock1"))
        {
            throw new ArgumentException($"--kind random|knock1, not '{kind}'");
        }

        long stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long started = Stopwatch.GetTimestamp();
        var counts = new long[threads];
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() => counts[index] = Send(server, kind == "knock1", knockPort, stopAt, (uint)(index * 7919 + Environment.TickCount)));
            workers[t].Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long total = counts.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kind={kind} packets={total} seconds={elapsed:F2} pps={total / elapsed:F0}"));
        return 0;
    }

    private static long Send(IPAddress server, bool toKnockPort, ushort knockPort, long stopAt, uint seed)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw);
        SocketAddress destination = new IPEndPoint(server, 0).Serialize();
        uint target = Ipv4.ToUInt32(server);
        uint state = seed | 1;
        byte[] packet = new byte[64];
        long sent = 0;
        while (true)
        {
            for (int burst = 0; burst < 256; burst++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                uint source = (state & 1) == 0 ? 0x0ACD0000u | (state >> 16) : 0x64400000u | (state >> 10);
                ushort sourcePort = (ushort)(1024 + (state % 60000));
                int length;
                if (toKnockPort)
                {
                    RawPacketWriter.WriteSyn(packet, source, target, sourcePort, knockPort, state);
                    length = RawPacketWriter.SynLength;
                }
                else
                {
                    ushort port = (ushort)(1 + ((state >> 3) % 65535));
                    if ((sent & 1) == 0)
                    {
                        RawPacketWriter.WriteSyn(packet, source, target, sourcePort, port, state);
                        length = RawPacketWriter.SynLength;
                    }
                    else
                    {
                        RawPacketWriter.WriteUdp(packet, source, target, sourcePort, port);
                        length = RawPacketWriter.UdpLength;
                    }
                }

                try
                {
                    socket.SendTo(packet.AsSpan(0, length), SocketFlags.None, destination);
                    sent++;
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
                {
                    Thread.Yield();
                }
            }

            if (Stopwatch.GetTimestamp() >= stopAt)
            {
                return sent;
            }
        }
    }
}
