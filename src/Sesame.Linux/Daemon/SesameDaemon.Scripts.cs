using System.Collections.Concurrent;
using Sesame.Fleet;
using Sesame.Linux.Nftables;
using Sesame.Linux.Scripting;
using Sesame.Scripting;

namespace Sesame.Linux.Daemon;

/// <summary>
/// The schedulers: the configuration's <c>/system scheduler</c> items run on a <see cref="ScriptWorker"/> thread against the
/// kernel (<see cref="KernelScriptHost"/>), their lines become <c>event=script-log</c>, a failed run
/// <c>event=script-error</c>, and the entries scripts add or remove the daemon's usual list events.
/// </summary>
public sealed partial class SesameDaemon
{
    private readonly ConcurrentQueue<ScriptListChange> _scriptChanges = new();
    private ScriptWorker? _scripts;

    /// <summary>Runs finished by the script worker (tests wait on it); 0 without a runner.</summary>
    public int ScriptRuns => _scripts?.Runs ?? 0;

    /// <summary>Asks the script worker for a run of <paramref name="invocation"/> (after those waiting).</summary>
    /// <exception cref="InvalidOperationException">The daemon has no script runner, or has not started.</exception>
    public void RunScript(ScriptInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        (_scripts ?? throw new InvalidOperationException("The daemon runs no scripts (no runner, or not started).")).Enqueue(invocation);
    }

    /// <summary>
    /// Starts the worker when the daemon was given a runner; the boot time of the schedulers is now. With
    /// <paramref name="resume"/> (after a reload) the boot stays the daemon's start and what would have been due before now
    /// is not run: a reload does not re-run <c>start-time=startup</c> jobs, as RouterOS runs them at boot only.
    /// </summary>
    private void StartScripts(bool resume = false)
    {
        if (_options.Scripts is not { } runner)
        {
            return;
        }

        IReadOnlyList<ScheduledJob> jobs = SchedulerPlan.Build(_config);
        DateTimeOffset now = _options.Time.GetUtcNow();
        _scriptsBoot ??= now;
        var schedule = new ScriptSchedule(jobs, resume ? _scriptsBoot.Value : now, _options.Time.LocalTimeZone);
        if (resume)
        {
            _ = schedule.TakeDue(now);
        }

        _scripts = new ScriptWorker(runner, schedule, _options.Time, () => new HostFactory(this),
            invocation => new EventScriptLog(_log),
            (script, message) => _log.ScriptError(script, message)) { Finished = Metrics.ScriptRan };
        _scripts.Start();
        _log.ScriptsStarted(runner.ScriptNames.Count, jobs.Count);
    }

    /// <summary>Cancels a running script and stops the worker (before the daemon lets go of the table).</summary>
    private void StopScripts()
    {
        _scripts?.Dispose();
    }

    /// <summary>On the daemon's thread: the entries scripts changed go through the watch, the hooks and the log.</summary>
    private void HandleScriptChanges()
    {
        for (int i = 0; i < 10_000 && _scriptChanges.TryDequeue(out ScriptListChange? change); i++)
        {
            if (change.Added)
            {
                Publish(FleetOp.Put, change.List, change.Address, change.Timeout);
                EnterWatched(change.List, change.Address, change.Timeout);
            }
            else
            {
                Publish(FleetOp.Remove, change.List, change.Address, null);
                LeaveWatched(change.List, change.Address);
            }

            _log.ScriptAddressList(_live.Roles.Of(change.List), change.List, change.Address, change.Timeout, change.Added, change.Script);
        }
    }

    /// <summary>Made on the worker's thread: its own libnftables context and netlink socket.</summary>
    private sealed class HostFactory : IScriptHostFactory
    {
        private readonly SesameDaemon _daemon;
        private readonly NftContext _nft = new();
        private readonly NftAddressListStore _store;
        private readonly IFilterRuleSwitch _rules;

        public HostFactory(SesameDaemon daemon)
        {
            _daemon = daemon;
            _store = new NftAddressListStore(_nft);
            _rules = daemon._live.Switch(_nft);
        }

        public IScriptHost Create(ScriptInvocation invocation)
        {
            _store.Forget();
            return new KernelScriptHost(_daemon._live.Config, _store, _rules, _daemon._options.Time, _daemon._scriptChanges.Enqueue, invocation.DisplayName);
        }

        public void Dispose()
        {
            _store.Dispose();
            _nft.Dispose();
        }
    }

    /// <summary>A run's lines as daemon lines; the runner's error line as <c>event=script-error</c>.</summary>
    private sealed class EventScriptLog(DaemonEventLog log) : IScriptLog
    {
        public void Write(ScriptLogEntry entry)
        {
            if (entry.Topic == ScriptLogTopics.Error)
            {
                log.ScriptError(entry.Script, entry.Message);
            }
            else
            {
                log.ScriptLog(entry.Script, entry.Topic, entry.Message);
            }
        }
    }
}
