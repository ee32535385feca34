using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sesame.NetBench;

/// <summary>
/// Opens a new non-blocking connect to the service every <c>interval</c> until one completes: a SYN the firewall drops
/// is never answered, so each attempt is a fresh SYN, and an attempt still pending after <c>attemptLife</c> is given up
/// (its SYN was dropped; the round trip here is tens of microseconds).
/// </summary>
internal sealed class ConnectProbe(IPEndPoint service, TimeSpan interval, TimeSpan attemptLife)
{
    private readonly List<(Socket Socket, long Started)> _pending = [];

    /// <summary>The Stopwatch timestamp at which a connect from <paramref name="source"/> completed, or null by the deadline.</summary>
    public long? ConnectedAt(IPAddress source, long deadline)
    {
        long intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        long lifeTicks = (long)(attemptLife.TotalSeconds * Stopwatch.Frequency);
        long nextAttempt = 0;
        try
        {
            while (true)
            {
                long now = Stopwatch.GetTimestamp();
                if (now >= deadline)
                {
                    return null;
                }

                if (now >= nextAttempt)
                {
                    _pending.Add((NonBlockingConnect.Start(source, service), now));
                    nextAttempt = now + intervalTicks;
                }

                for (int i = _pending.Count - 1; i >= 0; i--)
                {
                    (Socket socket, long started) = _pending[i];
                    if (socket.Poll(0, SelectMode.SelectWrite))
                    {
                        long done = Stopwatch.GetTimestamp();
                        if ((int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)! == 0)
                        {
                            return done;
                        }

                        Close(i);
                    }
                    else if (now - started > lifeTicks)
                    {
                        Close(i);
                    }
                }

                Thread.SpinWait(20);
            }
        }
        finally
        {
            for (int i = _pending.Count - 1; i >= 0; i--)
            {
                Close(i);
            }
        }
    }

    private void Close(int index)
    {
        _pending[index].Socket.Dispose();
        _pending.RemoveAt(index);
    }
}
