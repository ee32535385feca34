using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sesame.NetBench;

/// <summary>
/// Mode <c>interleaved</c>: K sources knock in lock step (all send knock 1, then all knock 2, …), then each source tries
/// the service until the deadline. Prints <c>k=K granted=G</c>.
/// </summary>
internal static class InterleavedRun
{
    public static int Run(ToolArgs a)
    {
        IPAddress server = a.Address("server", "10.204.0.1");
        ushort[] knocks = a.Ports("knocks", "888,555,222");
        var service = new IPEndPoint(server, a.Int("service", 22));
        uint first = Ipv4.ToUInt32(a.Address("first-source", "10.206.0.1"));
        int k = a.Int("k", 10);
        var roundGap = TimeSpan.FromMilliseconds(a.Double("round-gap-ms", 20));
        var grantTimeout = TimeSpan.FromSeconds(a.Double("grant-timeout-s", 5));

        using (var sender = new RawSender(server))
        {
            foreach (ushort port in knocks)
            {
                for (int i = 0; i < k; i++)
                {
                    sender.Syn(first + (uint)i, port);
                }

                Thread.Sleep(roundGap);
            }
        }

        var granted = new bool[k];
        int grantedCount = 0;
        long deadline = Stopwatch.GetTimestamp() + (long)(grantTimeout.TotalSeconds * Stopwatch.Frequency);
        var sockets = new Socket?[k];
        while (grantedCount < k && Stopwatch.GetTimestamp() < deadline)
        {
            for (int i = 0; i < k; i++)
            {
                if (!granted[i])
                {
                    sockets[i] = NonBlockingConnect.Start(Ipv4.ToAddress(first + (uint)i), service);
                }
            }

            Thread.Sleep(50);
            for (int i = 0; i < k; i++)
            {
                if (sockets[i] is { } s)
                {
                    if (NonBlockingConnect.IsConnected(s))
                    {
                        granted[i] = true;
                        grantedCount++;
                    }

                    s.Dispose();
                    sockets[i] = null;
                }
            }
        }

        Console.WriteLine($"k={k} granted={grantedCount}");
        return 0;
    }

}
