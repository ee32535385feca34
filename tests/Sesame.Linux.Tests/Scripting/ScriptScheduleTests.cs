using Sesame.Linux.Scripting;
using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

public sealed class ScriptScheduleTests
{
    private static readonly DateTimeOffset Boot = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TakeDue_FiveMinuteInterval_FirstRunOneIntervalAfterBootThenEveryInterval()
    {
        var schedule = new ScriptSchedule([Job("knock-logger", TimeSpan.FromMinutes(5), 0)], Boot, TimeZoneInfo.Utc);

        Assert.Equal(Boot.AddMinutes(5), schedule.NextDue);
        Assert.Empty(schedule.TakeDue(Boot.AddMinutes(5).AddTicks(-1)));
        Assert.Equal(["knock-logger"], schedule.TakeDue(Boot.AddMinutes(5)).Select(j => j.Name));
        Assert.Equal(Boot.AddMinutes(10), schedule.NextDue);
    }

    [Fact]
    public void TakeDue_SimultaneousJobs_InConfigOrder()
    {
        var schedule = new ScriptSchedule([Job("b", TimeSpan.FromSeconds(2), 1), Job("a", TimeSpan.FromSeconds(2), 0)], Boot, TimeZoneInfo.Utc);

        Assert.Equal(["a", "b"], schedule.TakeDue(Boot.AddSeconds(2)).Select(j => j.Name));
    }

    [Fact]
    public void TakeDue_ClockJumpedOverManyRuns_RunsOnceAndIsDueAfterNow()
    {
        var schedule = new ScriptSchedule([Job("j", TimeSpan.FromSeconds(2), 0)], Boot, TimeZoneInfo.Utc);

        Assert.Single(schedule.TakeDue(Boot.AddHours(1).AddSeconds(1)));
        Assert.Equal(Boot.AddHours(1).AddSeconds(2), schedule.NextDue);
    }

    [Fact]
    public void TakeDue_IntervalZero_RunsOnceOnly()
    {
        var schedule = new ScriptSchedule([Job("once", TimeSpan.Zero, 0) with { AtStartup = true }], Boot, TimeZoneInfo.Utc);

        Assert.Single(schedule.TakeDue(Boot.AddSeconds(3)));
        Assert.Null(schedule.NextDue);
        Assert.Empty(schedule.TakeDue(Boot.AddDays(1)));
    }

    private static ScheduledJob Job(string name, TimeSpan interval, int order) =>
        new(name, ScriptInvocation.Named(name), interval, order);
}
