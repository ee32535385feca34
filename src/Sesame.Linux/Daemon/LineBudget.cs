namespace Sesame.Linux.Daemon;

/// <summary>
/// At most <c>perSecond</c> log lines a second of one kind (a token bucket that holds a second's worth), the lines over
/// it counted instead: a flood of refused packets or rows must not become a flood of log lines. Not thread-safe: one
/// per thread that logs.
/// </summary>
internal sealed class LineBudget(TimeProvider time, double perSecond)
{
    private readonly double _perSecond = perSecond;
    private double _tokens = perSecond;
    private long _at;

    /// <summary>Lines left out since <see cref="TakeSuppressed"/> last ran.</summary>
    public long Suppressed { get; private set; }

    /// <summary>Whether one more line may be written now; when not, it is counted in <see cref="Suppressed"/>.</summary>
    public bool TryTake()
    {
        long now = time.GetTimestamp();
        _tokens = Math.Min(_perSecond, _tokens + (time.GetElapsedTime(_at, now).TotalSeconds * _perSecond));
        _at = now;
        if (_tokens < 1)
        {
            Suppressed++;
            return false;
        }

        _tokens--;
        return true;
    }

    /// <summary>The count of lines left out, which starts again from 0.</summary>
    public long TakeSuppressed()
    {
        long suppressed = Suppressed;
        Suppressed = 0;
        return suppressed;
    }
}
