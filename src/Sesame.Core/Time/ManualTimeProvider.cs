namespace Sesame.Time;

/// <summary>
/// A clock that moves only when told: <c>simulate</c> sets it to each trace packet's time, tests advance it instead of
/// sleeping. Time never goes backwards.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>2000-01-01T00:00:00Z, a fixed epoch so that runs are repeatable.</summary>
    public static DateTimeOffset DefaultStart { get; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _now += by;
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, _now);
        _now = value;
    }
}
