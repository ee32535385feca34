using System.Reflection;
using Npgsql;

namespace Sesame.Fleet;

/// <summary>
/// The fleet link over PostgreSQL (see docs/fleet.md, "How changes travel"): a sender thread that sends the queue in one
/// change() call per batch, and a listener thread that holds the session (the node's name, LISTEN, catch-up, heartbeat),
/// each on its own connection from one slim data source. Nothing here throws into the daemon once started: failures are
/// <see cref="IFleetEvents.Lost"/> or <see cref="IFleetEvents.Failed"/>, and the link retries.
/// </summary>
public sealed partial class FleetLink : IFleetLink
{
    /// <summary>Rows per change() call and per since() read.</summary>
    internal const int BatchSize = 5000;

    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastBackOff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DisposeBudget = TimeSpan.FromSeconds(2);

    private readonly FleetSettings _settings;
    private readonly FleetQueue _queue;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly string? _configError;
    private readonly string _version;
    private readonly CancellationTokenSource _stop = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly Lock _sendLock = new();
    private IFleetEvents? _events;
    private Thread? _listener;
    private Thread? _sender;
    private NpgsqlConnection? _send;
    private volatile bool _connected;
    private volatile bool _stopping;
    private volatile string? _sessionBroken;
    private int _disposed;

    public FleetLink(FleetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!IsValidNodeName(settings.Node, out string error))
        {
            throw new ArgumentException(error, nameof(settings));
        }

        _settings = settings;
        Node = settings.Node;
        _queue = new FleetQueue(settings.QueueCapacity);
        _version = typeof(FleetLink).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        try
        {
            _dataSource = FleetDatabase.Create(settings.ConnectionString, "sesame fleet " + Node, commandTimeout: 10);
        }
        catch (ArgumentException e)
        {
            _configError = "connection string: " + FleetConnection.OneLine(e.Message);
        }
    }

    public string Node { get; }

    public bool Connected => _connected;

    public int Queued => _queue.Count;

    /// <summary>A node name the fleet can hold: 1 to 255 characters, no control character (it is stored and shown as text).</summary>
    public static bool IsValidNodeName(string name, out string error)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 255)
        {
            error = "fleet node name: 1 to 255 characters";
            return false;
        }

        return FleetConnection.IsPrintable(name, "fleet node name", out error);
    }

    public void Start(IFleetEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (Interlocked.CompareExchange(ref _events, events, null) is not null)
        {
            throw new InvalidOperationException("the fleet link is already started");
        }

        if (_dataSource is null)
        {
            Raise(e => e.Lost(_configError!));
            return;
        }

        _listener = new Thread(ListenLoop) { IsBackground = true, Name = "sesame-fleet-listen" };
        _sender = new Thread(SendLoop) { IsBackground = true, Name = "sesame-fleet-send" };
        _listener.Start();
        _sender.Start();
    }

    public void Publish(FleetChange change)
    {
        if (_stopping)
        {
            return;
        }

        _queue.Add(change);
        try
        {
            _wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile: the change stays unsent, as any published after Dispose.
        }
    }

    /// <summary>Sends what is queued if connected (at most ~1.5 s), then stops both threads; returns within about 2 s.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        long start = _settings.Time.GetTimestamp();
        _stopping = true;
        _wake.Set();
        _sender?.Join(TimeSpan.FromMilliseconds(1600));
        _stop.Cancel();
        TimeSpan left = DisposeBudget - _settings.Time.GetElapsedTime(start);
        _listener?.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        left = DisposeBudget - _settings.Time.GetElapsedTime(start);
        _sender?.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        if ((_listener?.IsAlive ?? false) || (_sender?.IsAlive ?? false))
        {
            // A thread stuck in a socket call it cannot be woken from: leave it (background threads) and the data source.
            return;
        }

        _dataSource?.Dispose();
        _stop.Dispose();
        _wake.Dispose();
    }

    /// <summary>Calls the daemon; what it throws is reported, never let out onto the link's threads.</summary>
    private void Raise(Action<IFleetEvents> call)
    {
        try
        {
            call(_events!);
        }
        catch (Exception e)
        {
            try
            {
                _events!.Failed("the daemon's fleet handler failed: " + FleetConnection.OneLine(e.Message));
            }
            catch (Exception)
            {
                // Nothing left to tell.
            }
        }
    }
}
