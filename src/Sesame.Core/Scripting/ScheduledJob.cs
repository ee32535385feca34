namespace Sesame.Scripting;

/// <summary>
/// One enabled <c>/system scheduler</c> item, ready to be timed (ROUTEROS.md §1.12, MikroTik "Scheduler").
/// </summary>
/// <param name="Order">Position in the configuration: simultaneous events run in this order.</param>
public sealed record ScheduledJob(string Name, ScriptInvocation Invocation, TimeSpan Interval, int Order)
{
    // CONTRACT SKELETON (lead): implemented by the lead on main (SchedulerPlan.cs); the simulator and the daemon use it.

    /// <summary>The first run at or after <paramref name="boot"/> (the moment the configuration was loaded), or null for none.</summary>
    /// <param name="zone">The time zone <c>start-time</c> and <c>start-date</c> are in (UTC in <c>simulate</c>, the host's in <c>serve</c>).</param>
    public DateTimeOffset? FirstRun(DateTimeOffset boot, TimeZoneInfo zone) => throw new NotImplementedException();

    /// <summary>The run after the one at <paramref name="previous"/>, or null when the job runs once (<c>interval=0</c>).</summary>
    public DateTimeOffset? NextRun(DateTimeOffset previous) => throw new NotImplementedException();
}
