using Sesame.Linux.Daemon;
using Sesame.Spa;

namespace Sesame.Tests.Daemon;

public sealed class DaemonMetricsTests
{
    [Fact]
    public void Counters_EachEventCountsInItsOwnPlace()
    {
        var metrics = new DaemonMetrics();

        metrics.Entered(EventKind.Grant);
        metrics.Entered(EventKind.Blacklist);
        metrics.Entered(EventKind.Stage);
        metrics.Entered(EventKind.Stage);
        metrics.Left(EventKind.Grant, hadTimeout: true);
        metrics.Left(EventKind.Blacklist, hadTimeout: false);
        metrics.SpaRejected(SpaRejectReason.Replay);
        metrics.SpaRejected(SpaRejectReason.Denied);
        metrics.SpaRejected(SpaRejectReason.Denied);
        metrics.Layer7(matched: true);
        metrics.Layer7(matched: false);
        metrics.Layer7(matched: false);
        metrics.ScriptRan(ok: false);
        metrics.NflogOverruns(7);
        metrics.NflogOverruns(9);

        Assert.Equal((1, 1, 2), (metrics.Grants, metrics.Blacklistings, metrics.StageEntries));
        Assert.Equal((1, 0, 0), (metrics.Expiries("grant"), metrics.Expiries("blacklist"), metrics.Expiries("stage")));
        Assert.Equal((0, 1), (metrics.Removals("grant"), metrics.Removals("blacklist")));
        Assert.Equal([0, 0, 0, 0, 1, 2], DaemonMetrics.SpaRejectReasons.Select(metrics.SpaRejects));
        Assert.Equal(0, metrics.SpaRejects("no-such-reason"));
        Assert.Equal((1, 2), (metrics.Layer7Matches, metrics.Layer7Misses));
        Assert.Equal((0, 1), (metrics.ScriptRunsOk, metrics.ScriptRunsFailed));
        Assert.Equal(9, metrics.NflogDropped);
        Assert.Throws<ArgumentOutOfRangeException>(() => metrics.Expiries("granted"));
    }

    [Fact]
    public void SpaRejectReasons_InTheEnumsOrder()
    {
        Assert.Equal(Enum.GetValues<SpaRejectReason>().Length, DaemonMetrics.SpaRejectReasons.Count);
        Assert.Equal("hmac", DaemonMetrics.SpaRejectReasons[(int)SpaRejectReason.Hmac]);
        Assert.Equal("denied", DaemonMetrics.SpaRejectReasons[(int)SpaRejectReason.Denied]);
    }

    [Fact]
    public void StartAndReload_NullUntilRecorded_ThenTheLast()
    {
        var metrics = new DaemonMetrics();
        Assert.Null(metrics.StartedAt);
        Assert.Null(metrics.LastReload);
        var at = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.FromHours(1));

        metrics.RecordStart(at);
        metrics.RecordReload(false, at, "line 2: bad");
        metrics.RecordReload(true, at.AddMinutes(1), null);

        Assert.Equal(at, metrics.StartedAt);
        Assert.Equal(new DaemonReload(true, at.AddMinutes(1), null), metrics.LastReload);
    }

    [Fact]
    public void Entered_FromManyThreads_NoIncrementLost()
    {
        var metrics = new DaemonMetrics();

        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < 100_000; i++)
            {
                metrics.Entered(EventKind.Grant);
                metrics.KnockReported();
            }
        });

        Assert.Equal(400_000, metrics.Grants);
        Assert.Equal(400_000, metrics.KnocksReported);
    }
}
