using Sesame.Linux.Daemon;
using Sesame.Net;

namespace Sesame.Tests.Daemon;

public sealed class EntryWatchTests
{
    private static IpRange Host(string text) => IpRange.TryParse(text, out IpRange? range) ? range.Value : throw new ArgumentException(text);

    private static readonly (string, IpRange) A = ("888", Host("203.0.113.7"));
    private static readonly (string, IpRange) B = ("888", Host("203.0.113.8"));
    private static readonly (string, IpRange) C = ("secured", Host("2001:db8::5"));

    [Fact]
    public void TakeDue_ReturnsOnlyDueEntries_EarliestFirst()
    {
        var watch = new EntryWatch(10);
        watch.Enter(A, hasTimeout: true, due: 30);
        watch.Enter(B, hasTimeout: true, due: 10);
        watch.Enter(C, hasTimeout: false, due: 50);

        Assert.Equal([B, A], watch.TakeDue(now: 40, max: 10));
        Assert.Empty(watch.TakeDue(now: 40, max: 10));
        Assert.Equal([C], watch.TakeDue(now: 50, max: 10));
    }

    [Fact]
    public void Enter_AgainWithLaterDue_MovesTheLook_AndIsNotNew()
    {
        var watch = new EntryWatch(10);
        Assert.True(watch.Enter(A, hasTimeout: true, due: 10));

        Assert.False(watch.Enter(A, hasTimeout: true, due: 100)); // a refresh

        Assert.Empty(watch.TakeDue(now: 50, max: 10));
        Assert.Equal([A], watch.TakeDue(now: 100, max: 10));
        Assert.Equal(1, watch.Count);
    }

    [Fact]
    public void TakeDue_StopsAtMax_AndKeepsTheRestForLater()
    {
        var watch = new EntryWatch(10);
        watch.Enter(A, hasTimeout: true, due: 1);
        watch.Enter(B, hasTimeout: true, due: 2);

        Assert.Equal([A], watch.TakeDue(now: 5, max: 1));
        watch.Forget(A);
        Assert.Equal([B], watch.TakeDue(now: 5, max: 1));
    }

    [Fact]
    public void Forget_DropsTheEntry_SoItIsNeverDue()
    {
        var watch = new EntryWatch(10);
        watch.Enter(A, hasTimeout: true, due: 1);
        watch.Forget(A);

        Assert.Empty(watch.TakeDue(now: 5, max: 10));
        Assert.False(watch.IsWatched(A));
    }

    [Fact]
    public void Full_RefusesNewEntries_ButRefreshesWatchedOnes()
    {
        var watch = new EntryWatch(1);
        Assert.True(watch.Enter(A, hasTimeout: true, due: 1));

        Assert.False(watch.Enter(B, hasTimeout: true, due: 1));
        Assert.False(watch.IsWatched(B));
        Assert.False(watch.Enter(A, hasTimeout: false, due: 9));
        Assert.False(watch.HadTimeout(A));
        Assert.Equal([A], watch.TakeDue(now: 9, max: 10));
    }

    [Fact]
    public void ForgetList_DropsOnlyThatListInThatFamily()
    {
        var watch = new EntryWatch(10);
        watch.Enter(A, hasTimeout: true, due: 1);
        watch.Enter(B, hasTimeout: true, due: 1);
        watch.Enter(C, hasTimeout: true, due: 1);
        watch.Enter(("888", Host("2001:db8::9")), hasTimeout: true, due: 1);

        List<(string List, IpRange Address)> gone = watch.ForgetList("888", IpFamily.V4);

        Assert.Equal(2, gone.Count);
        Assert.Equal(2, watch.Count);
        Assert.True(watch.IsWatched(C));
    }
}
