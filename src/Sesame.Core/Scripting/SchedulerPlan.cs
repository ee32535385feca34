using System.Globalization;
using Sesame.Model;

namespace Sesame.Scripting;

/// <summary>The configuration's schedulers as jobs to time.</summary>
public static class SchedulerPlan
{
    /// <summary>
    /// The enabled schedulers of <paramref name="config"/>, in config order; on-event resolved to a script name or code.
    /// An item without on-event, or with a value the importer already reported as invalid, is left out.
    /// </summary>
    /// <remarks>
    /// Intervals are rounded up to whole seconds, at least one: RouterOS's scheduler works in seconds, and a sub-second
    /// interval would let one item take the daemon's CPU.
    /// </remarks>
    public static IReadOnlyList<ScheduledJob> Build(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var scripts = new HashSet<string>(config.Scripts.Select(s => s.Name), StringComparer.Ordinal);
        var jobs = new List<ScheduledJob>();
        for (int i = 0; i < config.Schedulers.Count; i++)
        {
            if (TryBuild(config.Schedulers[i], i, scripts) is { } job)
            {
                jobs.Add(job);
            }
        }

        return jobs;
    }

    private static ScheduledJob? TryBuild(SystemScheduler scheduler, int order, HashSet<string> scripts)
    {
        string? Value(string name)
        {
            string? found = null;
            foreach (RawProperty p in scheduler.Properties)
            {
                if (p.Name == name)
                {
                    found = p.Value;
                }
            }

            return found;
        }

        if (Value("disabled") is "yes" or "true" || Value("on-event") is not { Length: > 0 } onEvent)
        {
            return null;
        }

        TimeSpan interval = TimeSpan.Zero;
        if (Value("interval") is { } intervalText)
        {
            if (!RouterOsTime.TryParse(intervalText, out interval) || interval < TimeSpan.Zero)
            {
                return null;
            }

            if (interval > TimeSpan.Zero)
            {
                interval = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(interval.TotalSeconds)));
            }
        }

        bool atStartup = false;
        TimeOnly? startTime = null;
        if (Value("start-time") is { } timeText)
        {
            if (timeText == "startup")
            {
                atStartup = true;
            }
            else if (TimeOnly.TryParseExact(timeText, ["H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly t))
            {
                startTime = t;
            }
            else
            {
                return null;
            }
        }

        DateOnly? startDate = null;
        if (Value("start-date") is { } dateText)
        {
            if (!DateOnly.TryParseExact(dateText, ["yyyy-MM-dd", "MMM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d))
            {
                return null;
            }

            startDate = d;
        }

        // MT-SCRIPT: on-event names a script (run with the scheduler's policy) or holds code.
        ScriptInvocation invocation = scripts.Contains(onEvent)
            ? new ScriptInvocation(onEvent, Scheduler: scheduler.Name)
            : new ScriptInvocation(null, onEvent, scheduler.Name);
        return new ScheduledJob(scheduler.Name, invocation, interval, order)
        {
            AtStartup = atStartup,
            StartTime = startTime,
            StartDate = startDate,
        };
    }
}
