using System.Net.Sockets;
using Sesame.Scripting;

namespace Sesame.Linux.Control;

/// <summary>One connection: who it is, its request, the run's lines streamed back.</summary>
internal sealed partial class ControlServer
{
    private void Serve(Socket client)
    {
        PeerCredentials peer = default;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            client.SendTimeout = (int)SendTimeout.TotalMilliseconds;
            peer = PeerCredentials.Of(client);
            if (!_admits(peer))
            {
                LogError("refused", peer, "only root or the daemon's user may use the control socket");
                Refuse(client, $"permission denied: uid {peer.Uid} may not use the control socket (root only)");
                return;
            }

            if (ReadRequest(client, out string error) is not { } line)
            {
                if (error.Length > 0)
                {
                    LogError("request", peer, error);
                    Refuse(client, error);
                }

                return;
            }

            if (!ControlProtocol.TryParseRequest(line, out ControlRequest? request, out error))
            {
                LogError("request", peer, error);
                Refuse(client, error);
                return;
            }

            if (request!.Verb == ControlProtocol.Status)
            {
                client.Send(_handler.Status());
                client.Shutdown(SocketShutdown.Send);
                return;
            }

            if (request!.Verb != ControlProtocol.Run)
            {
                ServeConfigChange(client, request, peer, cancel.Token);
                return;
            }

            var stream = new RunStream();
            if (_handler.StartRun(request.Script, peer, stream, stream.Complete, cancel.Token) is { } refusal)
            {
                Refuse(client, refusal);
                return;
            }

            StreamRun(client, stream, cancel);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // The client went away, or stopped reading for SendTimeout: its run, if any, is cancelled.
            cancel.Cancel();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            cancel.Cancel();
            LogError("connection", peer, e.Message);
        }
        finally
        {
            client.Dispose();
            Interlocked.Decrement(ref _active);
        }
    }

    /// <summary>
    /// Sends the error line and closes. What the client sent that was not read is read away first (at most 64 KiB, for at
    /// most half a second): closing over unread data resets the connection, and the client would lose the error line.
    /// </summary>
    private void Refuse(Socket client, string message)
    {
        client.Send(ControlProtocol.ErrorReply(message));
        client.Shutdown(SocketShutdown.Send);
        Span<byte> sink = stackalloc byte[4096];
        long start = _time.GetTimestamp();
        for (int total = 0; total < 64 * 1024 && _time.GetElapsedTime(start) < TimeSpan.FromMilliseconds(500);)
        {
            if (!client.Poll(TimeSpan.FromMilliseconds(100), SelectMode.SelectRead))
            {
                continue;
            }

            int received = client.Receive(sink);
            if (received == 0)
            {
                return;
            }

            total += received;
        }
    }

    /// <summary>
    /// The request line, read within <see cref="ReadTimeout"/> in all (a client sending a byte a second is cut off like
    /// a silent one); null with the error to send back, or with none when the client closed without a word.
    /// </summary>
    private byte[]? ReadRequest(Socket client, out string error)
    {
        error = "";
        byte[] buffer = new byte[ControlProtocol.MaxRequestBytes];
        int length = 0;
        long start = _time.GetTimestamp();
        while (true)
        {
            TimeSpan left = ReadTimeout - _time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero || !client.Poll(left, SelectMode.SelectRead))
            {
                error = $"no whole request line within {ReadTimeout.TotalSeconds:0} s";
                return null;
            }

            int received = client.Receive(buffer.AsSpan(length));
            if (received == 0)
            {
                if (length > 0)
                {
                    error = "the request line has no newline";
                }

                return null;
            }

            int newline = buffer.AsSpan(length, received).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return buffer[..(length + newline)];
            }

            length += received;
            if (length == buffer.Length)
            {
                error = $"the request is longer than {ControlProtocol.MaxRequestBytes} bytes";
                return null;
            }
        }
    }

    /// <summary>Sends the run's lines as they come, then its result; a client that hangs up cancels the run.</summary>
    private void StreamRun(Socket client, RunStream stream, CancellationTokenSource cancel)
    {
        while (true)
        {
            (List<byte[]> lines, int dropped, ScriptRunResult? result) = stream.Take(TimeSpan.FromMilliseconds(200));
            foreach (byte[] line in lines)
            {
                client.Send(line);
            }

            if (dropped > 0)
            {
                client.Send(ControlProtocol.LogReply(new ScriptLogEntry(_time.GetUtcNow(), "warning", "sesame",
                    $"{dropped} lines of the run were not sent here (the client read too slowly); the daemon's log has them")));
            }

            if (result is not null)
            {
                client.Send(ControlProtocol.ResultReply(result));
                client.Shutdown(SocketShutdown.Send);
                return;
            }

            if (_stop.IsCancellationRequested || (client.Poll(TimeSpan.Zero, SelectMode.SelectRead) && client.Available == 0))
            {
                cancel.Cancel(); // the client hung up (or the daemon stops): the run ends at its next statement
                return;
            }
        }
    }

    /// <summary>
    /// A run's lines on their way from the script worker to a connection: bounded (a script that logs in a loop to a client
    /// that does not read drops lines here, never holds up the worker), and never disposed (the worker may write after the
    /// connection has gone).
    /// </summary>
    private sealed class RunStream : IScriptLog
    {
        private const int MaxQueued = 10_000;

        private readonly object _gate = new();
        private readonly Queue<byte[]> _lines = new();
        private int _dropped;
        private ScriptRunResult? _result;

        public void Write(ScriptLogEntry entry)
        {
            byte[] line = ControlProtocol.LogReply(entry);
            lock (_gate)
            {
                if (_lines.Count < MaxQueued)
                {
                    _lines.Enqueue(line);
                }
                else
                {
                    _dropped++;
                }

                Monitor.PulseAll(_gate);
            }
        }

        public void Complete(ScriptRunResult result)
        {
            lock (_gate)
            {
                _result = result;
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>What came since the last take, waiting at most <paramref name="wait"/> for something.</summary>
        public (List<byte[]> Lines, int Dropped, ScriptRunResult? Result) Take(TimeSpan wait)
        {
            lock (_gate)
            {
                if (_lines.Count == 0 && _result is null)
                {
                    Monitor.Wait(_gate, wait);
                }

                List<byte[]> lines = [.. _lines];
                _lines.Clear();
                int dropped = _dropped;
                _dropped = 0;
                return (lines, dropped, _lines.Count == 0 ? _result : null);
            }
        }
    }
}
