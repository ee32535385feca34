using Sesame.Linux.Daemon;

namespace Sesame.Tests.Daemon;

public sealed class LineBudgetTests
{
    [Fact]
    public void TryTake_OverTheRate_CountedNotWritten_AndTheBudgetRefillsWithTime()
    {
        var clock = new FakeClock();
        clock.Advance(TimeSpan.FromSeconds(10));
        var budget = new LineBudget(clock, 10);

        int written = Enumerable.Range(0, 25).Count(_ => budget.TryTake());

        Assert.Equal(10, written);
        Assert.Equal(15, budget.Suppressed);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(5, Enumerable.Range(0, 25).Count(_ => budget.TryTake()));
        Assert.Equal(35, budget.TakeSuppressed());
        Assert.Equal(0, budget.Suppressed);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(10, Enumerable.Range(0, 25).Count(_ => budget.TryTake())); // never more than a second's worth
    }
}
