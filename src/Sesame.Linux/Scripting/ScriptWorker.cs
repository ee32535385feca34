using Sesame.Scripting;

namespace Sesame.Linux.Scripting;

/// <summary>
/// Runs scripts for the daemon on a thread of their own, so that a script never holds up packet handling: the
/// schedulers' runs as they come due (<see cref="ScriptSchedule"/>) and runs asked for with <see cref="Enqueue(ScriptRequest)"/>, one at a
/// time, each with a host from <see cref="IScriptHostFactory"/> made on this thread. A failing run (a runtime error, a
/// refused command, a runaway loop stopped by the runner, even an exception out of the runner) is logged and the worker
/// goes on; <see cref="Dispose"/> cancels a running script and stops the thread.
/// </summary>
/// <remarks>
/// Idle, the thread sleeps until the next run is due (at most a minute at a time, so a clock that jumps is noticed),
/// never on a short poll. A job still waiting or running when it is due again is not queued twice.
/// </remarks>
internal sealed class ScriptWorker : IDisposable
{
    /// <summary>The longest sleep of an idle worker: a wall clock set forward is noticed within this.</summary>
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(1);

    private readonly IScriptRunner _runner;
    private readonly ScriptSchedule _schedule;
    private readonly TimeProvider _time;
    private readonly Func<IScriptHostFactory> _openHosts;
    private readonly Func<ScriptInvocation, IScriptLog> _logFor;
    private readonly Action<string, string> _failed;
    private readonly Queue<ScriptRequest> _queue = new();
    private readonly Lock _lock = new();
    private readonly AutoResetEvent _wake = new(false);
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private int _runs;
    private bool _stopped;

    /// <summary>How a run that never started ends when the daemon stops.</summary>
    private static readonly ScriptRunResult Stopping = new(false, "the daemon is stopping; the script did not run", 0);

    /// <param name="logFor">Where a run's lines go.</param>
    /// <param name="failed">Told (display name, message) of a run that failed without its runner logging why, or that threw.</param>
    public ScriptWorker(IScriptRunner runner, ScriptSchedule schedule, TimeProvider time, Func<IScriptHostFactory> openHosts,
        Func<ScriptInvocation, IScriptLog> logFor, Action<string, string> failed)
    {
        _runner = runner;
        _schedule = schedule;
        _time = time;
        _openHosts = openHosts;
        _logFor = logFor;
        _failed = failed;
    }

    /// <summary>Told of every run's end: whether it succeeded (the daemon's metrics).</summary>
    public Action<bool>? Finished { get; init; }

    /// <summary>Runs finished so far (tests wait on it).</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>Starts the thread; it inherits the caller's network namespace.</summary>
    public void Start()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "sesame scripts" };
        _thread.Start();
    }

    /// <summary>Asks for a run; it happens after the ones waiting.</summary>
    public void Enqueue(ScriptInvocation invocation) => Enqueue(new ScriptRequest(invocation));

    /// <summary>Asks for a run somebody waits for; it happens after the ones waiting. After <see cref="Dispose"/> it is completed at once as failed.</summary>
    public void Enqueue(ScriptRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool queued;
        lock (_lock)
        {
            queued = !_stopped;
            if (queued)
            {
                _queue.Enqueue(request);
            }
        }

        if (!queued)
        {
            request.Completed?.Invoke(Stopping);
            return;
        }

        try
        {
            _wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // Stopped between the queueing and here: Dispose has completed the request.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _wake.Set();
        _thread?.Join(TimeSpan.FromSeconds(10));
        List<ScriptRequest> left;
        lock (_lock)
        {
            _stopped = true;
            left = [.. _queue];
            _queue.Clear();
        }

        foreach (ScriptRequest request in left)
        {
            request.Completed?.Invoke(Stopping);
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private void Loop()
    {
        IScriptHostFactory? hosts = null;
        try
        {
            hosts = _openHosts();
            while (!_stop.IsCancellationRequested)
            {
                DateTimeOffset now = _time.GetUtcNow();
                lock (_lock)
                {
                    foreach (ScheduledJob job in _schedule.TakeDue(now))
                    {
                        if (!_queue.Any(r => r.Completed is null && r.Invocation == job.Invocation))
                        {
                            _queue.Enqueue(new ScriptRequest(job.Invocation));
                        }
                    }
                }

                if (TryDequeue(out ScriptRequest? request))
                {
                    RunOne(hosts, request);
                    continue;
                }

                TimeSpan sleep = _schedule.NextDue is { } due ? due - now : MaxSleep;
                _wake.WaitOne(sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > MaxSleep ? MaxSleep : sleep + TimeSpan.FromMilliseconds(1));
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _failed("(worker)", "the script worker stopped: " + e.Message);
        }
        finally
        {
            hosts?.Dispose();
        }
    }

    private bool TryDequeue([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ScriptRequest? request)
    {
        lock (_lock)
        {
            return _queue.TryDequeue(out request);
        }
    }

    private void RunOne(IScriptHostFactory hosts, ScriptRequest request)
    {
        ScriptInvocation invocation = request.Invocation;
        ScriptRunResult result;
        CancellationTokenSource? cancel = null;
        try
        {
            cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, request.Cancellation);
            IScriptHost host = hosts.Create(invocation);
            var log = new FailureWatch(_logFor(invocation), request.Listener);
            result = _runner.Run(invocation, host, log, cancel.Token);
            if (!result.Succeeded && !log.ErrorLogged)
            {
                _failed(invocation.DisplayName, result.Error ?? "the run failed");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug in the runner or the host, or a kernel failure outside a command: this run ends, the daemon goes on.
            _failed(invocation.DisplayName, e.Message);
            result = new ScriptRunResult(false, e.Message, 0);
        }
        finally
        {
            cancel?.Dispose();
            Interlocked.Increment(ref _runs);
        }

        Finished?.Invoke(result.Succeeded);
        request.Completed?.Invoke(result);
    }

    /// <summary>Passes lines on (to the daemon's log and whoever waits for the run) and notes whether the runner logged the run's error itself.</summary>
    private sealed class FailureWatch(IScriptLog inner, IScriptLog? listener) : IScriptLog
    {
        public bool ErrorLogged { get; private set; }

        public void Write(ScriptLogEntry entry)
        {
            ErrorLogged |= entry.Topic == ScriptLogTopics.Error;
            inner.Write(entry);
            listener?.Write(entry);
        }
    }
}
