using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sesame.NetBench;

/// <summary>
/// Mode <c>spa-flood</c>: spoofed UDP datagrams to the SPA port as fast as the threads can send them, from random
/// sources in 10.205.0.0/16 and 100.64.0.0/10. <c>--kind random</c>: random base64 text of SPA-like lengths (so each
/// datagram passes the length and base64 checks and costs the daemon an HMAC); <c>--kind replay</c>: one valid packet,
/// sent once from <c>--replay-source</c> as its owner would (so it is granted and its digest recorded), then replayed
/// over and over. Prints the packets sent and the rate achieved.
/// </summary>
internal static class SpaFloodRun
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static int Run(ToolArgs a)
    {
        IPAddress server = a.Address("server", "10.204.0.1");
        ushort port = (ushort)a.Int("port", 62201);
        string kind = a.Text("kind", "random");
        double seconds = a.Double("seconds", 10);
        int threads = a.Int("threads", 1);
        byte[]? replay = null;
        if (kind == "replay")
        {
            replay = SpaPackets.FromArgs(a).Next();
            using var owner = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            owner.Bind(new IPEndPoint(a.Address("replay-source", "10.204.0.3"), 0));
            owner.SendTo(replay, new IPEndPoint(server, port));
            Thread.Sleep(TimeSpan.FromMilliseconds(a.Double("replay-after-ms", 500)));
        }
        else if (kind != "random")
        {
            throw new ArgumentException($"--kind random|replay, not '{kind}'");
        }

        long stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        long started = Stopwatch.GetTimestamp();
        var counts = new long[threads];
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() => counts[index] = Send(server, port, replay, stopAt, (uint)(index * 7919 + Environment.TickCount)));
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

    private static long Send(IPAddress server, ushort port, byte[]? replay, long stopAt, uint seed)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Raw);
        SocketAddress destination = new IPEndPoint(server, 0).Serialize();
        uint target = Ipv4.ToUInt32(server);
        uint state = seed | 1;
        byte[] packet = new byte[1600];
        byte[] junk = new byte[400];
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
                ReadOnlySpan<byte> payload = replay;
                if (replay is null)
                {
                    // 180..371 base64 characters: the length range of real packets with one or two ports.
                    int length = 180 + (int)((state >> 8) % 192);
                    uint r = state;
                    for (int i = 0; i < length; i++)
                    {
                        r ^= r << 13;
                        r ^= r >> 17;
                        r ^= r << 5;
                        junk[i] = (byte)Base64Alphabet[(int)(r & 63)];
                    }

                    payload = junk.AsSpan(0, length);
                }

                int written = RawPacketWriter.WriteUdp(packet, source, target, sourcePort, port, payload);
                try
                {
                    socket.SendTo(packet.AsSpan(0, written), SocketFlags.None, destination);
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
