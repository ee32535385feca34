using Sesame.Linux.Daemon;

namespace Sesame.Tests.Daemon;

public sealed class RepairScheduleTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Wait_NothingTampered_Null()
    {
        var schedule = new RepairSchedule(_clock);

        Assert.Null(schedule.Wait(out _));
    }

    [Fact]
    public void Wait_BurstOfNotifications_DueOnceTheBurstIsQuiet()
    {
        var schedule = new RepairSchedule(_clock);
        for (int i = 0; i < 5; i++)
        {
            schedule.Tampered();
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(RepairSchedule.Debounce - TimeSpan.FromMilliseconds(10), schedule.Wait(out _));
        _clock.Advance(RepairSchedule.Debounce);
        Assert.Equal(TimeSpan.Zero, schedule.Wait(out _));
        schedule.Started();
        schedule.Succeeded();
        Assert.Null(schedule.Wait(out _));
    }

    [Fact]
    public void Wait_NotificationsThatNeverStop_DueAfterTheMaximumDelay()
    {
        var schedule = new RepairSchedule(_clock);
        TimeSpan elapsed = TimeSpan.Zero;
        while (schedule.Wait(out _) is not { } wait || wait > TimeSpan.Zero)
        {
            schedule.Tampered();
            _clock.Advance(TimeSpan.FromMilliseconds(5));
            elapsed += TimeSpan.FromMilliseconds(5);
            Assert.True(elapsed <= RepairSchedule.MaxDelay + TimeSpan.FromMilliseconds(5), "the repair was postponed past the maximum delay");
        }

        Assert.True(elapsed >= RepairSchedule.MaxDelay);
    }

    [Fact]
    public void Wait_MoreRepairsThanTheBoundInOneSecond_WaitsAndSaysSoOnce()
    {
        var schedule = new RepairSchedule(_clock);
        for (int i = 0; i < RepairSchedule.RepairsPerSecond; i++)
        {
            schedule.Tampered();
            _clock.Advance(RepairSchedule.Debounce);
            Assert.Equal(TimeSpan.Zero, schedule.Wait(out bool limited));
            Assert.False(limited);
            schedule.Started();
            schedule.Succeeded();
        }

        schedule.Tampered();
        _clock.Advance(RepairSchedule.Debounce);
        TimeSpan? wait = schedule.Wait(out bool first);
        TimeSpan? again = schedule.Wait(out bool second);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(TimeSpan.FromSeconds(1) - (RepairSchedule.RepairsPerSecond * RepairSchedule.Debounce), wait);
        _clock.Advance(wait!.Value);
        Assert.Equal(TimeSpan.Zero, schedule.Wait(out _));
    }

    [Fact]
    public void Failed_Repeatedly_WaitDoublesUpToTheCapAndStaysOwed()
    {
        var schedule = new RepairSchedule(_clock);
        schedule.Tampered();
        var waits = new List<TimeSpan>();
        for (int i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1)); // past the bound on repairs a second
            schedule.Started();
            waits.Add(schedule.Failed());
        }

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000], waits.Select(w => (int)w.TotalMilliseconds));
        Assert.True(schedule.IsPending);
        Assert.Equal(10, schedule.Failures);
        Assert.Equal(TimeSpan.FromSeconds(5), schedule.Wait(out _));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, schedule.Wait(out _));
        schedule.Succeeded();
        Assert.Equal(0, schedule.Failures);
        schedule.Tampered();
        schedule.Started();
        Assert.Equal(RepairSchedule.FirstBackoff, schedule.Failed());
    }
}
