using System.Collections.Concurrent;
using System.Diagnostics;
using Sesame.Linux.Scripting;
using Sesame.Model;
using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

public sealed class ScriptWorkerTests
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<(string Script, string Message)> _failures = new();

    [Fact]
    public void Enqueue_RunnerThrowsThenFails_BothReportedAndLaterRunsStillHappen()
    {
        var runner = new FakeRunner(new()
        {
            ["bug"] = (_, _, _) => throw new InvalidOperationException("interpreter bug"),
            ["fails"] = (_, log, _) =>
            {
                log.Write(new ScriptLogEntry(DateTimeOffset.UnixEpoch, ScriptLogTopics.Error, "fails", "script error: line 3: no such item"));
                return new ScriptRunResult(false, "line 3: no such item", 3);
            },
            ["fails-quietly"] = (_, _, _) => new ScriptRunResult(false, "line 1: bad", 1),
            ["ok"] = (_, log, _) =>
            {
                log.Write(new ScriptLogEntry(DateTimeOffset.UnixEpoch, "info", "ok", "still here"));
                return FakeRunner.Ok;
            },
        });
        using ScriptWorker worker = Worker(runner, []);
        worker.Start();

        foreach (string name in (string[])["bug", "fails", "fails-quietly", "ok"])
        {
            worker.Enqueue(ScriptInvocation.Named(name));
        }

        Assert.True(SpinWait.SpinUntil(() => worker.Runs == 4, TimeSpan.FromSeconds(5)));
        Assert.Equal([("bug", "interpreter bug"), ("fails-quietly", "line 1: bad")], _failures);
        Assert.Equal(["script,error fails script error: line 3: no such item", "info ok still here"], _lines);
    }

    [Fact]
    public void Dispose_ScriptRunning_CancelsItPromptly()
    {
        var started = new ManualResetEventSlim();
        bool cancelled = false;
        var runner = new FakeRunner(new()
        {
            ["long"] = (host, _, token) =>
            {
                started.Set();
                cancelled = !host.Delay(TimeSpan.FromSeconds(30), token);
                return FakeRunner.Ok;
            },
        });
        ScriptWorker worker = Worker(runner, []);
        worker.Start();
        worker.Enqueue(ScriptInvocation.Named("long"));
        Assert.True(started.Wait(TimeSpan.FromSeconds(5)));

        var clock = Stopwatch.StartNew();
        worker.Dispose();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        Assert.True(cancelled);
    }

    [Fact]
    public void EnqueueRequest_ListenerGetsTheLinesAndCompletedTheResult_AlsoWhenTheRunnerThrows()
    {
        var runner = new FakeRunner(new()
        {
            ["ok"] = (_, log, _) =>
            {
                log.Write(new ScriptLogEntry(DateTimeOffset.UnixEpoch, "info", "ok", "hello"));
                return new ScriptRunResult(true, null, 4);
            },
            ["bug"] = (_, _, _) => throw new InvalidOperationException("interpreter bug"),
        });
        using ScriptWorker worker = Worker(runner, []);
        worker.Start();
        var heard = new ConcurrentQueue<string>();
        var results = new BlockingCollection<ScriptRunResult>();

        worker.Enqueue(new ScriptRequest(ScriptInvocation.Named("ok"), new Lines(heard), results.Add));
        worker.Enqueue(new ScriptRequest(ScriptInvocation.Named("bug"), new Lines(heard), results.Add));

        Assert.True(results.TryTake(out ScriptRunResult? first, TimeSpan.FromSeconds(5)));
        Assert.True(results.TryTake(out ScriptRunResult? second, TimeSpan.FromSeconds(5)));
        Assert.Equal(new ScriptRunResult(true, null, 4), first);
        Assert.Equal(new ScriptRunResult(false, "interpreter bug", 0), second);
        Assert.Equal(["info ok hello"], heard);
        Assert.Equal(["info ok hello"], _lines);
    }

    [Fact]
    public void EnqueueRequest_CancelledByTheCaller_TheRunEndsEarly()
    {
        var started = new ManualResetEventSlim();
        var runner = new FakeRunner(new()
        {
            ["long"] = (host, _, token) =>
            {
                started.Set();
                return new ScriptRunResult(host.Delay(TimeSpan.FromSeconds(30), token), "cancelled", 1);
            },
        });
        using ScriptWorker worker = Worker(runner, []);
        worker.Start();
        using var cancel = new CancellationTokenSource();
        var results = new BlockingCollection<ScriptRunResult>();
        worker.Enqueue(new ScriptRequest(ScriptInvocation.Named("long"), null, results.Add, cancel.Token));
        Assert.True(started.Wait(TimeSpan.FromSeconds(5)));

        cancel.Cancel();

        Assert.True(results.TryTake(out ScriptRunResult? result, TimeSpan.FromSeconds(5)));
        Assert.False(result!.Succeeded);
    }

    [Fact]
    public void EnqueueRequest_AfterDispose_CompletedAtOnceAsNotRun()
    {
        var runner = new FakeRunner(new() { ["ok"] = (_, _, _) => FakeRunner.Ok });
        ScriptWorker worker = Worker(runner, []);
        worker.Start();
        worker.Dispose();
        ScriptRunResult? result = null;

        worker.Enqueue(new ScriptRequest(ScriptInvocation.Named("ok"), null, r => result = r));

        Assert.Equal(new ScriptRunResult(false, "the daemon is stopping; the script did not run", 0), result);
    }

    [Fact]
    public void Schedule_OneSecondInterval_RunsOnTimeWithoutPolling()
    {
        var times = new ConcurrentQueue<DateTimeOffset>();
        var runner = new FakeRunner(new()
        {
            ["tick"] = (host, _, _) =>
            {
                times.Enqueue(host.Now);
                return FakeRunner.Ok;
            },
        });
        DateTimeOffset boot = TimeProvider.System.GetUtcNow();
        using ScriptWorker worker = Worker(runner, [new ScheduledJob("t", ScriptInvocation.Named("tick"), TimeSpan.FromSeconds(1), 0)], boot);
        worker.Start();

        Assert.True(SpinWait.SpinUntil(() => times.Count >= 2, TimeSpan.FromSeconds(5)));

        DateTimeOffset[] runs = [.. times];
        Assert.InRange((runs[0] - boot).TotalMilliseconds, 1000, 1500);
        Assert.InRange((runs[1] - boot).TotalMilliseconds, 2000, 2500);
    }

    [Fact]
    public void Finished_EveryRun_ToldWhetherItSucceeded_AThrowingRunAsFailed()
    {
        var results = new ConcurrentQueue<bool>();
        var runner = new FakeRunner(new()
        {
            ["bug"] = (_, _, _) => throw new InvalidOperationException("interpreter bug"),
            ["fails"] = (_, _, _) => new ScriptRunResult(false, "line 1: bad", 1),
            ["ok"] = (_, _, _) => FakeRunner.Ok,
        });
        using ScriptWorker worker = Worker(runner, [], finished: results.Enqueue);
        worker.Start();

        foreach (string name in (string[])["bug", "fails", "ok"])
        {
            worker.Enqueue(ScriptInvocation.Named(name));
        }

        Assert.True(SpinWait.SpinUntil(() => results.Count == 3, TimeSpan.FromSeconds(5)));
        Assert.Equal([false, false, true], results);
    }

    private ScriptWorker Worker(IScriptRunner runner, IReadOnlyList<ScheduledJob> jobs, DateTimeOffset? boot = null, Action<bool>? finished = null)
    {
        var store = new FakeAddressListStore(TimeProvider.System);
        return new ScriptWorker(runner, new ScriptSchedule(jobs, boot ?? TimeProvider.System.GetUtcNow(), TimeZoneInfo.Utc), TimeProvider.System,
            () => new Hosts(store), _ => new Lines(_lines), (script, message) => _failures.Enqueue((script, message)))
        {
            Finished = finished,
        };
    }

    private sealed class Hosts(FakeAddressListStore store) : IScriptHostFactory
    {
        public IScriptHost Create(ScriptInvocation invocation) =>
            new KernelScriptHost(FirewallConfig.Empty, store, new ReadOnlyFilterRules(FirewallConfig.Empty), TimeProvider.System);

        public void Dispose()
        {
        }
    }

    private sealed class Lines(ConcurrentQueue<string> lines) : IScriptLog
    {
        public void Write(ScriptLogEntry entry) => lines.Enqueue($"{entry.Topic} {entry.Script} {entry.Message}");
    }
}
