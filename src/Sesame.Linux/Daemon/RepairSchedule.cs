namespace Sesame.Linux.Daemon;

/// <summary>
/// When the table watcher repairs: a short quiet time after the last tampering notification, so that a burst (a
/// <c>nft flush ruleset</c> is a dozen messages; a script may run several commands) costs one repair; at most
/// <see cref="RepairsPerSecond"/> repairs in any second, so that a fight with another program that keeps changing the
/// table cannot take the daemon's CPU; and after a failed repair, retries with a doubling wait up to
/// <see cref="MaxBackoff"/> — never giving up.
/// </summary>
/// <remarks>Pure: times come from the <see cref="TimeProvider"/>; the caller sleeps <see cref="Wait"/> and asks again.</remarks>
internal sealed class RepairSchedule(TimeProvider time)
{
    /// <summary>Quiet time after the last notification before repairing.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(30);

    /// <summary>A repair waits no longer than this after the first notification, however long the burst goes on.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(200);

    public const int RepairsPerSecond = 5;

    public static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly Queue<long> _recentRepairs = new();
    private long _firstPending;
    private long _lastPending;
    private long _notBefore;
    private TimeSpan _backoff = TimeSpan.Zero;
    private long _limitLoggedAt = long.MinValue;

    /// <summary>Whether a repair is owed.</summary>
    public bool IsPending { get; private set; }

    /// <summary>Failed repair attempts since the last success.</summary>
    public int Failures { get; private set; }

    /// <summary>Something tampered with the table (or may have): a repair is owed.</summary>
    public void Tampered()
    {
        long now = time.GetTimestamp();
        if (!IsPending)
        {
            _firstPending = now;
            IsPending = true;
        }

        _lastPending = now;
    }

    /// <summary>
    /// How long to wait before the owed repair is due: <see cref="TimeSpan.Zero"/> means now, null means nothing is owed.
    /// <paramref name="limited"/> is true, once per second, when the wait comes from the bound on repairs a second.
    /// </summary>
    public TimeSpan? Wait(out bool limited)
    {
        limited = false;
        if (!IsPending)
        {
            return null;
        }

        long now = time.GetTimestamp();
        TimeSpan wait = Max(Debounce - time.GetElapsedTime(_lastPending, now), TimeSpan.Zero);
        wait = Min(wait, Max(MaxDelay - time.GetElapsedTime(_firstPending, now), TimeSpan.Zero));
        wait = Max(wait, Max(time.GetElapsedTime(now, _notBefore), TimeSpan.Zero));
        while (_recentRepairs.Count > 0 && time.GetElapsedTime(_recentRepairs.Peek(), now) >= TimeSpan.FromSeconds(1))
        {
            _recentRepairs.Dequeue();
        }

        if (_recentRepairs.Count >= RepairsPerSecond)
        {
            TimeSpan untilRoom = TimeSpan.FromSeconds(1) - time.GetElapsedTime(_recentRepairs.Peek(), now);
            if (untilRoom > wait)
            {
                wait = untilRoom;
                if (_limitLoggedAt == long.MinValue || time.GetElapsedTime(_limitLoggedAt, now) >= TimeSpan.FromSeconds(1))
                {
                    _limitLoggedAt = now;
                    limited = true;
                }
            }
        }

        return wait;
    }

    /// <summary>A repair is starting: it counts against the bound whether it works or not.</summary>
    public void Started() => _recentRepairs.Enqueue(time.GetTimestamp());

    /// <summary>
    /// The repair worked. Notifications that arrive while it runs are read after it (the caller's own come with its pid and
    /// are ignored; anybody else's call <see cref="Tampered"/> again).
    /// </summary>
    public void Succeeded()
    {
        Failures = 0;
        _backoff = TimeSpan.Zero;
        IsPending = false;
    }

    /// <summary>The repair failed: it stays owed, due after the returned wait (doubling, at most <see cref="MaxBackoff"/>).</summary>
    public TimeSpan Failed()
    {
        Failures++;
        _backoff = _backoff == TimeSpan.Zero ? FirstBackoff : Min(_backoff * 2, MaxBackoff);
        _notBefore = time.GetTimestamp() + (long)(_backoff.TotalSeconds * time.TimestampFrequency);
        IsPending = true;
        return _backoff;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
