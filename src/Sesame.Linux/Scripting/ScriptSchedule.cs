using Sesame.Scripting;

namespace Sesame.Linux.Scripting;

/// <summary>
/// The schedulers' next runs on the daemon's clock: each job's first run from the boot (the daemon's start) in the host's
/// zone, then every interval; <see cref="TakeDue"/> hands out what is due, simultaneous events in config order. Runs missed
/// while the clock jumped (or a script ran long) are not made up: a job runs once and is due again at its next time
/// after now. Pure: the caller gives the time. Not thread-safe.
/// </summary>
internal sealed class ScriptSchedule
{
    /// <summary>How many missed intervals are skipped one by one at most before the job's next time is computed from now.</summary>
    private const int MaxSkips = 10_000;

    private readonly List<(ScheduledJob Job, DateTimeOffset Next)> _pending = [];

    public ScriptSchedule(IEnumerable<ScheduledJob> jobs, DateTimeOffset boot, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        foreach (ScheduledJob job in jobs)
        {
            if (job.FirstRun(boot, zone) is { } first)
            {
                _pending.Add((job, first));
            }
        }
    }

    /// <summary>When the next job is due, or null when no job will run again.</summary>
    public DateTimeOffset? NextDue => _pending.Count == 0 ? null : _pending.Min(p => p.Next);

    /// <summary>The jobs due at <paramref name="now"/>, earliest first and in config order among equals; each is moved on.</summary>
    public List<ScheduledJob> TakeDue(DateTimeOffset now)
    {
        List<(ScheduledJob Job, DateTimeOffset Next)> due = [.. _pending.Where(p => p.Next <= now).OrderBy(p => p.Next).ThenBy(p => p.Job.Order)];
        foreach ((ScheduledJob job, DateTimeOffset at) in due)
        {
            _pending.RemoveAll(p => ReferenceEquals(p.Job, job));
            DateTimeOffset? next = job.NextRun(at);
            for (int skips = 0; next is { } n && n <= now && skips < MaxSkips; skips++)
            {
                next = job.NextRun(n);
            }

            if (next is { } later)
            {
                _pending.Add((job, later <= now ? now + job.Interval : later));
            }
        }

        return [.. due.Select(d => d.Job)];
    }
}
