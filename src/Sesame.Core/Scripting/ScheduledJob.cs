namespace Sesame.Scripting;

/// <summary>
/// One enabled <c>/system scheduler</c> item, ready to be timed (ROUTEROS.md §1.12, MikroTik "Scheduler").
/// </summary>
/// <param name="Interval">Time between runs, whole seconds; zero: the job runs once, at its start time.</param>
/// <param name="Order">Position in the configuration: simultaneous events run in this order.</param>
public sealed record ScheduledJob(string Name, ScriptInvocation Invocation, TimeSpan Interval, int Order)
{
    /// <summary>How long after boot a <c>start-time=startup</c> job runs (MT-SCHED: "3 seconds after the system startup").</summary>
    public static readonly TimeSpan StartupDelay = TimeSpan.FromSeconds(3);

    /// <summary><c>start-time=startup</c>.</summary>
    public bool AtStartup { get; init; }

    /// <summary><c>start-time</c> as a time of day, or null when not given (or <c>startup</c>).</summary>
    public TimeOnly? StartTime { get; init; }

    /// <summary><c>start-date</c>, or null when not given.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>The first run at or after <paramref name="boot"/> (the moment the configuration was loaded), or null for none.</summary>
    /// <param name="zone">The time zone <c>start-time</c> and <c>start-date</c> are in (UTC in <c>simulate</c>, the host's in <c>serve</c>).</param>
    /// <remarks>
    /// Decisions (MT-SCHED leaves them open):
    /// <list type="bullet">
    /// <item><c>startup</c>: 3 s after boot, then every interval after that.</item>
    /// <item>No <c>start-time</c>: RouterOS stamps the time the item was added, here the boot, and the first run is one
    /// interval later (so <c>interval=5m</c> logs at 5, 10, 15 … minutes). A one-shot (<c>interval=0</c>) without a start
    /// time never runs: its start time has passed when it is added.</item>
    /// <item>A time of day (on <c>start-date</c>, else boot's date): runs at that moment and every interval from it; an
    /// anchor in the past counts on to the first run at or after boot; a one-shot in the past never runs.</item>
    /// </list>
    /// </remarks>
    public DateTimeOffset? FirstRun(DateTimeOffset boot, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (AtStartup)
        {
            return boot + StartupDelay;
        }

        if (StartTime is null && StartDate is null)
        {
            return Interval > TimeSpan.Zero ? boot + Interval : null;
        }

        DateTime local = TimeZoneInfo.ConvertTime(boot, zone).DateTime;
        DateOnly date = StartDate ?? DateOnly.FromDateTime(local);
        TimeOnly time = StartTime ?? TimeOnly.FromDateTime(local);
        DateTime wall = date.ToDateTime(time, DateTimeKind.Unspecified);
        // A wall time the zone skips (spring forward) is taken an hour later; an ambiguous one as its first occurrence.
        if (zone.IsInvalidTime(wall))
        {
            wall = wall.AddHours(1);
        }

        var anchor = new DateTimeOffset(wall, zone.GetUtcOffset(wall));
        if (anchor >= boot)
        {
            return anchor;
        }

        if (Interval <= TimeSpan.Zero)
        {
            return null;
        }

        long periods = (boot - anchor).Ticks / Interval.Ticks;
        DateTimeOffset next = anchor + TimeSpan.FromTicks(periods * Interval.Ticks);
        return next >= boot ? next : next + Interval;
    }

    /// <summary>The run after the one at <paramref name="previous"/>, or null when the job runs once (<c>interval=0</c>).</summary>
    public DateTimeOffset? NextRun(DateTimeOffset previous) => Interval > TimeSpan.Zero ? previous + Interval : null;
}
