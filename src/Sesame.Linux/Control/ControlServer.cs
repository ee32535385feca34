using System.Net.Sockets;

namespace Sesame.Linux.Control;

/// <summary>
/// The daemon's control socket: a Unix stream socket at a path (default <see cref="ControlProtocol.DefaultPath"/>), its
/// file 0600 in a directory the daemon makes 0700, that only root or the daemon's own user may use (checked on every
/// connection with <c>SO_PEERCRED</c>, so a socket file made readable by mistake still lets nobody else in). One request a
/// connection (<see cref="ControlProtocol"/>), read within <see cref="ReadTimeout"/> and at most
/// <see cref="ControlProtocol.MaxRequestBytes"/>; at most <see cref="MaxConnections"/> connections at once. Anything else
/// gets an error line and the connection is closed; nothing a peer sends can stop the daemon.
/// </summary>
/// <remarks>
/// Accepts on a thread of its own and serves each connection on a short-lived thread: the daemon's packet handling never
/// waits for a client. A second daemon never takes a live daemon's socket: the path is guarded by an exclusive lock on
/// <c>PATH.lock</c> held for the daemon's life, and a socket that answers is left alone; a socket file nobody answers on
/// (left by a daemon that was killed) is replaced.
/// </remarks>
internal sealed partial class ControlServer : IDisposable
{
    /// <summary>How long a client has to send its whole request line (a slow client cannot hold a connection).</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How many connections are served at once; more are answered "busy" and closed.</summary>
    public const int MaxConnections = 4;

    /// <summary>Error lines logged a second at most (a flood of bad clients cannot flood the journal).</summary>
    private const int ErrorsPerSecond = 5;

    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _listener;
    private readonly FileStream _lock;
    private readonly IControlHandler _handler;
    private readonly Func<PeerCredentials, bool> _admits;
    private readonly Action<ControlError> _logError;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _logLock = new();
    private Thread? _thread;
    private int _active;
    private long _errorWindowStart;
    private int _errorsInWindow;
    private int _errorsSuppressed;

    private ControlServer(string path, Socket listener, FileStream lockFile, IControlHandler handler, Func<PeerCredentials, bool> admits,
        Action<ControlError> logError, TimeProvider time)
    {
        Path = path;
        _listener = listener;
        _lock = lockFile;
        _handler = handler;
        _admits = admits;
        _logError = logError;
        _time = time;
    }

    public string Path { get; }

    /// <summary>Connections being served now (tests).</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>
    /// Binds the socket and listens (connections wait in the backlog until <see cref="Start"/>). <paramref name="logError"/>
    /// gets each <c>event=control-error</c> line's values (bounded in rate).
    /// </summary>
    /// <param name="admits">Who may use the socket; by default root and the daemon's own user.</param>
    /// <exception cref="ControlException">The path is in use by a live daemon, or cannot be made a socket.</exception>
    public static ControlServer Open(string path, IControlHandler handler, Action<ControlError> logError, TimeProvider? time = null,
        Func<PeerCredentials, bool>? admits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(logError);
        string full = ControlProtocol.CheckPath(path);
        PrepareDirectory(full);
        FileStream lockFile = TakeLock(full);
        try
        {
            if (Answers(full))
            {
                throw new ControlException($"control socket {full}: another sesame serve is listening on it; stop it first, or give this one another --control path");
            }

            Socket listener = Bind(full);
            uint own = PeerCredentials.OwnUid;
            return new ControlServer(full, listener, lockFile, handler, admits ?? (peer => PeerCredentials.IsAdmitted(peer, own)), logError,
                time ?? TimeProvider.System);
        }
        catch
        {
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>Starts accepting, on a thread of its own.</summary>
    public void Start()
    {
        _thread = new Thread(AcceptLoop) { IsBackground = true, Name = "sesame control" };
        _thread.Start();
    }

    /// <summary>Stops accepting, ends the connections (their runs are cancelled), removes the socket file and lets go of the lock.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(2));
        _listener.Dispose();
        for (int i = 0; i < 40 && Active > 0; i++)
        {
            Thread.Sleep(25); // connection threads notice the stop within their 200 ms wait
        }

        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind: the next daemon replaces a socket nobody answers on.
        }

        _lock.Dispose();
    }

    private void AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                if (!_listener.Poll(TimeSpan.FromMilliseconds(250), SelectMode.SelectRead))
                {
                    continue;
                }

                client = _listener.Accept();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // Out of descriptors, say: the daemon goes on; a pause keeps this from spinning.
                LogError("accept", null, e.Message);
                _stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(100));
                continue;
            }

            if (Interlocked.Increment(ref _active) > MaxConnections)
            {
                Busy(client);
                continue;
            }

            try
            {
                new Thread(() => Serve(client)) { IsBackground = true, Name = "sesame control client" }.Start();
            }
            catch (OutOfMemoryException)
            {
                Interlocked.Decrement(ref _active);
                client.Dispose();
            }
        }
    }

    private void Busy(Socket client)
    {
        try
        {
            client.Blocking = false;
            client.Send(ControlProtocol.ErrorReply($"the daemon is serving {MaxConnections} other connections; try again"));
        }
        catch (SocketException)
        {
        }
        finally
        {
            client.Dispose();
            Interlocked.Decrement(ref _active);
        }
    }

    private void LogError(string stage, PeerCredentials? peer, string message) => LogError(new ControlError(stage, peer, message));

    /// <summary>An error line, at most <see cref="ErrorsPerSecond"/> a second; the ones left out are counted in the next.</summary>
    private void LogError(ControlError error)
    {
        lock (_logLock)
        {
            long now = _time.GetTimestamp();
            if (_time.GetElapsedTime(_errorWindowStart, now) >= TimeSpan.FromSeconds(1))
            {
                _errorWindowStart = now;
                _errorsInWindow = 0;
            }

            if (++_errorsInWindow > ErrorsPerSecond)
            {
                _errorsSuppressed++;
                return;
            }

            int suppressed = _errorsSuppressed;
            _errorsSuppressed = 0;
            _logError(error with { Suppressed = suppressed });
        }
    }
}
