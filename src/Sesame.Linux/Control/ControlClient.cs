using System.Net.Sockets;
using Sesame.Scripting;

namespace Sesame.Linux.Control;

/// <summary>
/// <c>sesame run</c>'s side of the control socket: <see cref="TryConnect"/> to a running daemon, then <see cref="Run"/> one
/// script through it. The daemon must be root's or this user's (its <c>SO_PEERCRED</c> is checked too): a socket somebody
/// else put at the path is not talked to.
/// </summary>
public sealed class ControlClient : IDisposable
{
    private readonly Socket _socket;

    private ControlClient(Socket socket) => _socket = socket;

    /// <summary>
    /// Connects to the daemon at <paramref name="path"/>; null when no daemon is there (no socket file, or nobody listening
    /// on it: a stale file), so the caller may go on without one.
    /// </summary>
    /// <exception cref="ControlException">Something is there but may not be used: permission denied, not a socket, not root's.</exception>
    public static ControlClient? TryConnect(string path)
    {
        path = ControlProtocol.CheckPath(path);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            PeerCredentials daemon = PeerCredentials.Of(socket);
            if (!PeerCredentials.IsAdmitted(daemon, PeerCredentials.OwnUid))
            {
                throw new ControlException($"control socket {path}: it belongs to a process of uid {daemon.Uid} (pid {daemon.Pid}), not root's sesame serve; not using it");
            }

            var client = new ControlClient(socket);
            socket = null!;
            return client;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused
            || e.NativeErrorCode == 2 /* ENOENT */)
        {
            return null;
        }
        catch (SocketException e)
        {
            throw new ControlException(e.SocketErrorCode == SocketError.AccessDenied
                ? $"control socket {path}: permission denied (sesame run through the daemon needs root)"
                : $"control socket {path}: {e.Message}", e);
        }
        finally
        {
            socket?.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="script"/> in the daemon, writing its lines to <paramref name="log"/> as they come. Cancelling
    /// closes the connection, which ends the run in the daemon at its next statement.
    /// </summary>
    /// <exception cref="ControlException">The daemon refused the request (the message is its reason), or the connection broke.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled.</exception>
    public ScriptRunResult Run(string script, IScriptLog log, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(log);
        try
        {
            _socket.Send(ControlProtocol.RunRequest(script));
            var reader = new LineReader(_socket);
            while (reader.ReadLine(cancellation) is { } line)
            {
                switch (ControlProtocol.ParseReply(line))
                {
                    case ControlReply.Log entry:
                        log.Write(entry.Entry);
                        break;
                    case ControlReply.Result result:
                        return result.Run;
                    case ControlReply.Refused refused:
                        throw new ControlException(refused.Message);
                }
            }
        }
        catch (SocketException e)
        {
            throw new ControlException("the connection to the daemon broke: " + e.Message, e);
        }

        throw new ControlException("the daemon closed the connection before the run's result (did it stop?)");
    }

    /// <summary>Asks the daemon for its <see cref="ControlStatus"/>.</summary>
    /// <exception cref="ControlException">The daemon refused, answered something else, or the connection broke.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled.</exception>
    public ControlStatus Status(CancellationToken cancellation = default)
    {
        try
        {
            _socket.Send(ControlStatusLine.Request());
            if (new LineReader(_socket).ReadLine(cancellation) is { } line)
            {
                return ControlStatusLine.Parse(line);
            }
        }
        catch (SocketException e)
        {
            throw new ControlException("the connection to the daemon broke: " + e.Message, e);
        }

        throw new ControlException("the daemon closed the connection without a status (an older sesame serve?)");
    }

    /// <summary>
    /// Sends a configuration request (<see cref="ControlProtocol.SimpleRequest"/>, <see cref="ControlProtocol.ApplyRequest"/>)
    /// and waits for its outcome: the daemon's lines, then done or refused (a refusal is an outcome, not an exception).
    /// </summary>
    /// <exception cref="ControlException">The connection broke, or the reply is not of this protocol.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was signalled.</exception>
    public ControlOutcome ChangeConfig(byte[] request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notes = new List<ControlNote>();
        try
        {
            _socket.Send(request);
            var reader = new LineReader(_socket);
            while (reader.ReadLine(cancellation) is { } line)
            {
                switch (ControlProtocol.ParseReply(line))
                {
                    case ControlReply.Log entry:
                        notes.Add(new ControlNote(entry.Entry.Topic, entry.Entry.Message));
                        break;
                    case ControlReply.Result result:
                        return result.Run.Succeeded ? ControlOutcome.Done(notes) : ControlOutcome.Refused(result.Run.Error ?? "refused", notes);
                    case ControlReply.Refused refused:
                        return ControlOutcome.Refused(refused.Message, notes);
                }
            }
        }
        catch (SocketException e)
        {
            throw new ControlException("the connection to the daemon broke: " + e.Message, e);
        }

        throw new ControlException("the daemon closed the connection before the outcome (did it stop?)");
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Reads newline-ended lines, each at most <see cref="ControlProtocol.MaxReplyBytes"/>, waking to notice cancellation.</summary>
    private sealed class LineReader(Socket socket)
    {
        private readonly byte[] _buffer = new byte[ControlProtocol.MaxReplyBytes];
        private int _start;
        private int _end;

        /// <summary>The next line without its newline, or null at the end of the stream.</summary>
        public byte[]? ReadLine(CancellationToken cancellation)
        {
            while (true)
            {
                int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    byte[] line = _buffer[_start..(_start + newline)];
                    _start += newline + 1;
                    return line;
                }

                if (_start > 0)
                {
                    Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }

                if (_end == _buffer.Length)
                {
                    throw new ControlException($"a reply line of the daemon is longer than {ControlProtocol.MaxReplyBytes} bytes");
                }

                while (!socket.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead))
                {
                    cancellation.ThrowIfCancellationRequested();
                }

                cancellation.ThrowIfCancellationRequested();
                int received = socket.Receive(_buffer.AsSpan(_end));
                if (received == 0)
                {
                    return null;
                }

                _end += received;
            }
        }
    }
}
