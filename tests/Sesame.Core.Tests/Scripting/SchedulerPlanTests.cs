using Sesame.Model;
using Sesame.Scripting;

namespace Sesame.Core.Tests.Scripting;

public class SchedulerPlanTests
{
    private static readonly DateTimeOffset Boot = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static FirewallConfig Config(params SystemScheduler[] schedulers) => new()
    {
        Scripts = [new SystemScript("log-knock-attempts", ":log info x", [])],
        Schedulers = [.. schedulers],
    };

    private static SystemScheduler Scheduler(string name, params (string Name, string Value)[] properties) =>
        new(name, [.. properties.Select(p => new RawProperty(p.Name, p.Value))]);

    private static List<DateTimeOffset> Runs(ScheduledJob job, int count, TimeZoneInfo? zone = null)
    {
        var runs = new List<DateTimeOffset>();
        DateTimeOffset? at = job.FirstRun(Boot, zone ?? TimeZoneInfo.Utc);
        while (at is { } t && runs.Count < count)
        {
            runs.Add(t);
            at = job.NextRun(t);
        }

        return runs;
    }

    [Fact]
    public void Build_SeedKnockLogger_RunsTheScriptEveryFiveMinutesFromFiveMinutesAfterBoot()
    {
        ScheduledJob job = Assert.Single(SchedulerPlan.Build(Config(Scheduler("knock-logger", ("interval", "5m"), ("on-event", "log-knock-attempts")))));

        Assert.Equal(new ScriptInvocation("log-knock-attempts", Scheduler: "knock-logger"), job.Invocation);
        Assert.Equal([Boot.AddMinutes(5), Boot.AddMinutes(10), Boot.AddMinutes(15)], Runs(job, 3));
    }

    [Fact]
    public void Build_OnEventThatNamesNoScript_IsCode()
    {
        ScheduledJob job = Assert.Single(SchedulerPlan.Build(Config(Scheduler("inline", ("interval", "1m"), ("on-event", ":log info \"hello\"")))));

        Assert.Null(job.Invocation.Script);
        Assert.Equal(":log info \"hello\"", job.Invocation.Code);
        Assert.Equal("inline", job.Invocation.DisplayName);
    }

    [Fact]
    public void Build_DisabledOrWithoutOnEvent_IsLeftOut()
    {
        IReadOnlyList<ScheduledJob> jobs = SchedulerPlan.Build(Config(
            Scheduler("off", ("interval", "5m"), ("on-event", "log-knock-attempts"), ("disabled", "yes")),
            Scheduler("empty", ("interval", "5m")),
            Scheduler("on", ("interval", "5m"), ("on-event", "log-knock-attempts"), ("disabled", "no"))));

        Assert.Equal(["on"], jobs.Select(j => j.Name));
        Assert.Equal(2, jobs[0].Order);
    }

    [Fact]
    public void FirstRun_Startup_ThreeSecondsAfterBootThenEveryInterval()
    {
        ScheduledJob job = Assert.Single(SchedulerPlan.Build(Config(Scheduler("s", ("start-time", "startup"), ("interval", "1h"), ("on-event", "log-knock-attempts")))));

        Assert.Equal([Boot.AddSeconds(3), Boot.AddSeconds(3).AddHours(1)], Runs(job, 2));
    }

    [Fact]
    public void FirstRun_StartupOnce_RunsOnceAtStartup()
    {
        ScheduledJob job = Assert.Single(SchedulerPlan.Build(Config(Scheduler("s", ("start-time", "startup"), ("on-event", "log-knock-attempts")))));

        Assert.Equal([Boot.AddSeconds(3)], Runs(job, 5));
    }

    [Fact]
    public void FirstRun_OneShotWithoutStartTime_NeverRuns()
    {
        ScheduledJob job = Assert.Single(SchedulerPlan.Build(Config(Scheduler("s", ("interval", "0"), ("on-event", "log-knock-attempts")))));

        Assert.Null(job.FirstRun(Boot, TimeZoneInfo.Utc));
    }

    [Fact]
    public void FirstRun_TimeOfDayLaterToday_RunsThenAndDaily()
    {
        ScheduledJob job = Assert.Single(SchedulerPlan.Build(Config(Scheduler("s", ("start-time", "03:30:00"), ("interval", "1d"), ("on-event", "log-knock-attempts")))));

        Assert.Equal([Boot.AddHours(3.5), Boot.AddDays(1).AddHours(3.5)], Runs(job, 2));
    }

    [Fact]
    public void FirstRun_AnchorInThePast_CountsOnToTheFirstRunAfterBoot()
    {
        ScheduledJob job = Assert.Single(SchedulerPlan.Build(Config(
            Scheduler("s", ("start-date", "1999-12-31"), ("start-time", "23:50:00"), ("interval", "7m"), ("on-event", "log-knock-attempts")))));

        // 23:50 + 7m → 23:57, 00:04: the first at or after midnight.
        Assert.Equal(Boot.AddMinutes(4), job.FirstRun(Boot, TimeZoneInfo.Utc));
    }

    [Fact]
    public void FirstRun_OneShotInThePast_NeverRuns_InTheFuture_RunsOnce()
    {
        IReadOnlyList<ScheduledJob> jobs = SchedulerPlan.Build(Config(
            Scheduler("past", ("start-date", "1999-12-31"), ("start-time", "12:00:00"), ("on-event", "log-knock-attempts")),
            Scheduler("future", ("start-date", "jan/02/2000"), ("start-time", "12:00:00"), ("on-event", "log-knock-attempts"))));

        Assert.Null(jobs[0].FirstRun(Boot, TimeZoneInfo.Utc));
        Assert.Equal([Boot.AddDays(1).AddHours(12)], Runs(jobs[1], 5));
    }

    [Fact]
    public void FirstRun_StartTimeIsInTheGivenZone()
    {
        TimeZoneInfo plusTwo = TimeZoneInfo.CreateCustomTimeZone("plus-two", TimeSpan.FromHours(2), "plus-two", "plus-two");
        ScheduledJob job = Assert.Single(SchedulerPlan.Build(Config(Scheduler("s", ("start-time", "04:00:00"), ("on-event", "log-knock-attempts")))));

        // Boot is 02:00 local; 04:00 local is 02:00 UTC.
        Assert.Equal(Boot.AddHours(2), job.FirstRun(Boot, plusTwo));
    }

    [Theory]
    [InlineData("500ms", 1)]
    [InlineData("1.2s", 2)]
    [InlineData("00:05:00", 300)]
    public void Build_IntervalIsWholeSecondsAtLeastOne(string interval, int seconds)
    {
        ScheduledJob job = Assert.Single(SchedulerPlan.Build(Config(Scheduler("s", ("interval", interval), ("on-event", "log-knock-attempts")))));

        Assert.Equal(TimeSpan.FromSeconds(seconds), job.Interval);
    }

    [Theory]
    [InlineData("interval", "soon")]
    [InlineData("start-time", "25:00:00")]
    [InlineData("start-date", "yesterday")]
    public void Build_InvalidValue_IsLeftOut(string property, string value)
    {
        Assert.Empty(SchedulerPlan.Build(Config(Scheduler("s", ("on-event", "log-knock-attempts"), (property, value)))));
    }
}
