using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;
using Sesame.Time;
using Sesame.Tracing;

namespace Sesame.Simulation;

/// <summary>
/// Runs a trace through the engine on a clock that jumps from event to event. One timer queue on the trace's clock holds
/// the address-list expiries and the scheduler runs; they happen between the trace's lines (packets and <c>run</c>
/// lines), each at its own time. At one instant: expiries first, then scheduler runs in config order, then the trace's
/// line; trace lines at one instant keep their order in the file.
/// </summary>
public static class Simulator
{
    public static SimulationResult Run(FirewallConfig config, IReadOnlyList<TracePacket> packets) =>
        Run(config, packets, new SimulationOptions());

    public static SimulationResult Run(FirewallConfig config, IReadOnlyList<TracePacket> packets, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(packets);
        ArgumentNullException.ThrowIfNull(options);
        return new SimulationRun(config, packets, options).Execute();
    }

    /// <summary>One simulation's state: the clock, the engine, the timer queue and what has been recorded.</summary>
    private sealed class SimulationRun : IAddressListObserver, IScriptLog
    {
        private readonly FirewallConfig _config;
        private readonly IReadOnlyList<TracePacket> _packets;
        private readonly SimulationOptions _options;
        private readonly ManualTimeProvider _clock = new();
        private readonly DateTimeOffset _start;
        private readonly Firewall _firewall;
        private readonly PriorityQueue<ScheduledJob, (DateTimeOffset At, int Order)> _jobs = new();
        private readonly List<SimulationEvent> _events = [];
        private readonly List<SimulatedPacket> _results;
        private readonly List<SimulatedExpiry> _expiries = [];
        private readonly List<SimulatedScriptRun> _runs = [];
        private readonly List<SimulatedLogEntry> _log = [];
        private readonly List<string> _notes = [];
        private List<AddressListChange>? _packetChanges;
        private int _skippedRuns;

        public SimulationRun(FirewallConfig config, IReadOnlyList<TracePacket> packets, SimulationOptions options)
        {
            _config = config;
            _packets = packets;
            _options = options;
            _start = _clock.GetUtcNow();
            _results = new List<SimulatedPacket>(packets.Count);
            // Auto: connections are tracked only when a rule can observe them, which gives the same verdicts, counters
            // and lists (see ConnectionTracking) and is the configuration the benchmarks measure.
            _firewall = new Firewall(config, _clock, ConnectionTracking.Auto) { Observer = this };
        }

        public SimulationResult Execute()
        {
            ScheduleJobs();
            double end = 0;
            int run = 0;
            IReadOnlyList<TraceRun> runs = _options.Runs;
            for (int p = 0; p <= _packets.Count; p++)
            {
                for (; run < runs.Count && runs[run].PacketsBefore <= p; run++)
                {
                    TraceRun line = runs[run];
                    AdvanceTo(line.Time);
                    end = line.Time;
                    RunScript(ScriptInvocation.Named(line.Script), $"{line.Location.File}:{line.Location.Line}");
                }

                if (p == _packets.Count)
                {
                    break;
                }

                TracePacket packet = _packets[p];
                AdvanceTo(packet.Time);
                end = packet.Time;
                Process(packet);
            }

            if (_options.Until is double until && until > end)
            {
                AdvanceTo(until);
                end = until;
            }

            if (_skippedRuns > 0)
            {
                _notes.Add($"{_skippedRuns} script run(s) were not run: a simulation runs at most {_options.MaxScriptRuns} scripts");
            }

            var lists = new List<AddressListEntryState>(_firewall.GetAddressLists(IpFamily.V4));
            lists.AddRange(_firewall.GetAddressLists(IpFamily.V6));
            var rules = new List<SimulatedRule>();
            AddRules(rules, IpFamily.V4, _config.Ipv4Filter);
            AddRules(rules, IpFamily.V6, _config.Ipv6Filter);
            return new SimulationResult(_results, _expiries, lists, rules, end)
            {
                Events = _events,
                ScriptRuns = _runs,
                Log = _log,
                Notes = _notes,
            };
        }

        public void OnAddressListChanged(in AddressListChange change)
        {
            if (_packetChanges is not null)
            {
                _packetChanges.Add(change);
                return;
            }

            double time = Seconds(_clock.GetUtcNow());
            if (change.Kind == AddressListChangeKind.Expired)
            {
                var expiry = new SimulatedExpiry(time, change);
                _expiries.Add(expiry);
                _events.Add(expiry);
            }
            else
            {
                _events.Add(new SimulatedScriptChange(time, change));
            }
        }

        public void Write(ScriptLogEntry entry)
        {
            ArgumentNullException.ThrowIfNull(entry);
            var line = new SimulatedLogEntry(Seconds(entry.Time), entry.Topic, entry.Script, entry.Message);
            _log.Add(line);
            _events.Add(line);
        }

        private void ScheduleJobs()
        {
            int runLines = _options.Runs.Count;
            if (_options.Runner is null)
            {
                int schedulers = (_options.Schedule ?? SchedulerPlan.Build(_config)).Count;
                if (schedulers > 0 || runLines > 0)
                {
                    _notes.Add($"scripts do not run in this simulation (no script runner): {schedulers} scheduler(s) and {runLines} run line(s) were not run");
                }

                return;
            }

            IReadOnlyList<ScheduledJob> jobs = _options.Schedule ?? SchedulerPlan.Build(_config);
            foreach (ScheduledJob job in jobs)
            {
                if (job.FirstRun(_start, TimeZoneInfo.Utc) is { } first)
                {
                    _jobs.Enqueue(job, (first, job.Order));
                }
            }
        }

        /// <summary>Fires every expiry and scheduler run due at or before <paramref name="seconds"/>, each at its time, then sets the clock there.</summary>
        private void AdvanceTo(double seconds)
        {
            DateTimeOffset at = _start + TimeSpan.FromSeconds(seconds);
            while (true)
            {
                DateTimeOffset? expiry = _firewall.NextExpiryAt();
                bool hasJob = _jobs.TryPeek(out ScheduledJob? job, out (DateTimeOffset At, int Order) due);
                bool expiryDue = expiry is { } e && e <= at;
                bool jobDue = hasJob && due.At <= at;
                if (expiryDue && (!jobDue || expiry!.Value <= due.At))
                {
                    SetClock(expiry!.Value);
                    _firewall.ExpireDue();
                    continue;
                }

                if (!jobDue)
                {
                    break;
                }

                _jobs.Dequeue();
                SetClock(due.At);
                RunScript(job!.Invocation, $"scheduler {job.Name}");
                if (job.NextRun(due.At) is { } next && next > due.At)
                {
                    _jobs.Enqueue(job, (next, job.Order));
                }
            }

            SetClock(at);
        }

        private void SetClock(DateTimeOffset at)
        {
            if (at > _clock.GetUtcNow())
            {
                _clock.SetUtcNow(at);
            }
        }

        private void Process(TracePacket p)
        {
            var packet = new Packet
            {
                Hook = p.Hook,
                Family = p.Family,
                Src = p.Src,
                Dst = p.Dst,
                Protocol = p.Protocol,
                SrcPort = p.SrcPort,
                DstPort = p.DstPort,
                TcpFlags = p.TcpFlags,
                Length = p.Length,
                Payload = p.Payload,
                InInterface = p.InInterface is null ? -1 : _firewall.ResolveInterface(p.InInterface),
                OutInterface = p.OutInterface is null ? -1 : _firewall.ResolveInterface(p.OutInterface),
            };
            _packetChanges = [];
            PacketResult result = _firewall.Process(packet);
            var simulated = new SimulatedPacket(p, result, _packetChanges);
            _packetChanges = null;
            _results.Add(simulated);
            _events.Add(simulated);
        }

        private void RunScript(ScriptInvocation invocation, string trigger)
        {
            IScriptRunner? runner = _options.Runner;
            if (runner is null)
            {
                return; // the note made in ScheduleJobs says so
            }

            if (_runs.Count >= _options.MaxScriptRuns)
            {
                _skippedRuns++;
                return;
            }

            double time = Seconds(_clock.GetUtcNow());
            var host = new FirewallScriptHost(_firewall, _config, _clock, invocation.DisplayName);
            host.RulesChanged = (family, indices, disabled) =>
                _events.Add(new SimulatedRuleChange(Seconds(_clock.GetUtcNow()), invocation.DisplayName, family, indices, disabled));
            int at = _events.Count;
            ScriptRunResult result;
            try
            {
                result = runner.Run(invocation, host, this);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The runner's contract is never to throw; should it, the run fails and the simulation goes on.
                string message = $"{invocation.DisplayName}: {ex.Message}";
                Write(new ScriptLogEntry(host.Now, "script,error", invocation.DisplayName, message));
                result = new ScriptRunResult(false, message, 0);
            }

            var run = new SimulatedScriptRun(time, invocation, trigger, result);
            _runs.Add(run);
            _events.Insert(at, run);
        }

        private double Seconds(DateTimeOffset time) => (time - _start).TotalSeconds;

        private void AddRules(List<SimulatedRule> into, IpFamily family, EquatableArray<FilterRule> rules)
        {
            for (int i = 0; i < rules.Count; i++)
            {
                into.Add(new SimulatedRule(family, i, rules[i], _firewall.GetCounter(family, i)));
            }
        }
    }
}
