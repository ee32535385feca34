namespace Sesame.Tests.Support;

/// <summary>A <see cref="TimeProvider"/> that moves only when a test says so (Microsoft's FakeTimeProvider is not restored here).</summary>
internal sealed class FakeClock : TimeProvider
{
    private long _ticks = TimeSpan.FromDays(1).Ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero).AddTicks(_ticks);

    public void Advance(TimeSpan by) => _ticks += by.Ticks;
}
