using Prometheus;
using Sesame.Linux.Daemon;
using Sesame.Linux.Nftables;

namespace Sesame.Cli.Metrics;

/// <summary>
/// The daemon's numbers as Prometheus metrics (names and labels in docs/metrics.md): <see cref="DaemonMetrics"/> and a
/// kernel read (<see cref="SesameDaemon.ReadKernelState"/>) copied into a prometheus-net registry of its own before each
/// scrape. prometheus-net writes the text format and escapes label values (a rule comment or list name from the config
/// is data in a label, never text spliced into the exposition).
/// </summary>
/// <remarks>
/// Why prometheus-net: it restores here, publishes with native AOT without a trimming or AOT warning (checked with the
/// InvariantGlobalization publish), and needs no ASP.NET Core. OpenTelemetry's Prometheus exporter restores only as a
/// 1.20.1 beta. Its MetricServer (HttpListener) is not used: it answers any path under the prefix (<c>/metricsfoo</c>),
/// and 404s a scrape whose Host header is not the bound address; <see cref="MetricsEndpoint"/> serves exactly <c>/metrics</c>.
/// The kernel's counters are exposed as counters: a counter that went down (the table was re-created) starts its series
/// again, which Prometheus' rate() reads as a reset.
/// </remarks>
internal sealed class MetricsExporter
{
    /// <summary>The most characters of a comment or list name in a label value (a config can hold a megabyte comment).</summary>
    internal const int MaxLabelChars = 200;

    private static readonly string[] RuleLabels = ["family", "rule", "chain", "action", "comment"];
    private static readonly string[] ListLabels = ["family", "list", "role"];

    private readonly DaemonMetrics _metrics;
    private readonly Func<DaemonKernelState?> _readKernel;
    private readonly TimeProvider _time;
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Counter _rulePackets;
    private readonly Counter _ruleBytes;
    private readonly Gauge _listEntries;
    private readonly Gauge _listTruncated;
    private readonly Counter _grants;
    private readonly Counter _blacklistings;
    private readonly Counter _stageEntries;
    private readonly Counter _expiries;
    private readonly Counter _removals;
    private readonly Counter _knocksReported;
    private readonly Counter _nflogPackets;
    private readonly Counter _nflogDropped;
    private readonly Counter _layer7;
    private readonly Counter _spaGrants;
    private readonly Counter _spaRejects;
    private readonly Counter _scriptRuns;
    private readonly Gauge _startTime;
    private readonly Gauge _uptime;
    private readonly Gauge _lastReloadTime;
    private readonly Gauge _lastReloadSuccess;
    private readonly Counter _kernelReadErrors;
    private readonly Gauge _fleetConnected;
    private readonly Gauge _fleetQueued;
    private readonly Counter _fleetChanges;
    private readonly Counter _fleetTransitions;

    public MetricsExporter(DaemonMetrics metrics, Func<DaemonKernelState?> readKernel, TimeProvider time)
    {
        _metrics = metrics;
        _readKernel = readKernel;
        _time = time;
        MetricFactory f = Prometheus.Metrics.WithCustomRegistry(_registry);
        _rulePackets = f.CreateCounter("sesame_rule_packets_total", "Packets the filter rule matched (its named counter in table inet sesame).", RuleLabels);
        _ruleBytes = f.CreateCounter("sesame_rule_bytes_total", "Bytes of the packets the filter rule matched.", RuleLabels);
        _listEntries = f.CreateGauge("sesame_address_list_entries", "Host entries in the address list's set, per family (counted up to 65536 a set).", ListLabels);
        _listTruncated = f.CreateGauge("sesame_address_list_entries_truncated", "1 when the set holds more entries than are counted: sesame_address_list_entries is a lower bound.", ListLabels);
        _grants = f.CreateCounter("sesame_grants_total", "Sources that entered a grant list (a list an accept rule matches on).");
        _blacklistings = f.CreateCounter("sesame_blacklistings_total", "Sources that entered a blacklist (a list a drop, reject or tarpit rule matches on).");
        _stageEntries = f.CreateCounter("sesame_knock_stage_entries_total", "Sources that entered a knock-stage list (one step of a sequence).");
        _expiries = f.CreateCounter("sesame_expiries_total", "Entries that left their list when their timeout ran out.", "role");
        _removals = f.CreateCounter("sesame_removals_total", "Entries without timeout that were removed (by hand or by a script).", "role");
        _knocksReported = f.CreateCounter("sesame_knocks_reported_total", "Packets of add-to-address-list rules the kernel reported to the daemon over NFLOG.");
        _nflogPackets = f.CreateCounter("sesame_nflog_packets_total", "Packets received on the daemon's NFLOG group.");
        _nflogDropped = f.CreateCounter("sesame_nflog_dropped_total", "NFLOG messages the kernel dropped because the daemon's receive buffer was full.");
        _layer7 = f.CreateCounter("sesame_layer7_decisions_total", "Layer7 candidates the daemon decided: match (added to the list) or miss.", "decision");
        _spaGrants = f.CreateCounter("sesame_spa_grants_total", "SPA packets that opened a door.");
        _spaRejects = f.CreateCounter("sesame_spa_rejects_total", "SPA packets refused, by reason (hmac, decrypt, format, stale, replay, denied).", "reason");
        _scriptRuns = f.CreateCounter("sesame_script_runs_total", "Script runs (schedulers, sesame run), by result (ok, failed).", "result");
        _startTime = f.CreateGauge("sesame_start_time_seconds", "When the daemon applied its ruleset, in seconds since the Unix epoch.");
        _uptime = f.CreateGauge("sesame_uptime_seconds", "Seconds since the daemon applied its ruleset.");
        _lastReloadTime = f.CreateGauge("sesame_last_reload_time_seconds", "When the last reload was tried, in seconds since the Unix epoch (absent before the first).",
            new GaugeConfiguration { SuppressInitialValue = true });
        _lastReloadSuccess = f.CreateGauge("sesame_last_reload_success", "1 when the last reload went in, 0 when it was refused (absent before the first).",
            new GaugeConfiguration { SuppressInitialValue = true });
        _kernelReadErrors = f.CreateCounter("sesame_metrics_kernel_read_errors_total", "Scrapes whose kernel read (rule counters, list sizes) failed; those series keep their last values.");
        _fleetConnected = f.CreateGauge("sesame_fleet_connected", "Fleet mode: 1 while the node is in the fleet (connected to its database), 0 while it is out and enforces what it has (absent without --fleet).",
            new GaugeConfiguration { SuppressInitialValue = true });
        _fleetQueued = f.CreateGauge("sesame_fleet_queued_changes", "Changes to shared lists waiting to be sent to the fleet (absent without --fleet).",
            new GaugeConfiguration { SuppressInitialValue = true });
        _fleetChanges = f.CreateCounter("sesame_fleet_changes_total", "Changes to shared lists: published (this node's, handed to the fleet), applied (other nodes', written to the sets), rejected (other nodes', refused).", "direction");
        _fleetTransitions = f.CreateCounter("sesame_fleet_transitions_total", "Times the node joined the fleet (joined) and dropped out of it (lost).", "transition");
        foreach (string direction in (ReadOnlySpan<string>)["published", "applied", "rejected"])
        {
            _fleetChanges.WithLabels(direction);
        }

        _fleetTransitions.WithLabels("joined");
        _fleetTransitions.WithLabels("lost");
        foreach (string role in DaemonMetrics.Roles)
        {
            _expiries.WithLabels(role);
            _removals.WithLabels(role);
        }

        foreach (string reason in DaemonMetrics.SpaRejectReasons)
        {
            _spaRejects.WithLabels(reason);
        }

        _layer7.WithLabels("match");
        _layer7.WithLabels("miss");
        _scriptRuns.WithLabels("ok");
        _scriptRuns.WithLabels("failed");
        _registry.AddBeforeCollectCallback(Collect);
    }

    /// <summary>Writes the exposition (text format 0.0.4) of the numbers as they are now.</summary>
    public Task WriteAsync(Stream destination, CancellationToken cancellation) =>
        _registry.CollectAndExportAsTextAsync(destination, cancellation);

    /// <summary>A label value from the configuration, cut to <see cref="MaxLabelChars"/> (not splitting a surrogate pair).</summary>
    internal static string Label(string value) =>
        value.Length <= MaxLabelChars ? value : value[..(char.IsHighSurrogate(value[MaxLabelChars - 1]) ? MaxLabelChars - 1 : MaxLabelChars)] + "…";

    private void Collect()
    {
        DaemonMetrics m = _metrics;
        _grants.IncTo(m.Grants);
        _blacklistings.IncTo(m.Blacklistings);
        _stageEntries.IncTo(m.StageEntries);
        foreach (string role in DaemonMetrics.Roles)
        {
            _expiries.WithLabels(role).IncTo(m.Expiries(role));
            _removals.WithLabels(role).IncTo(m.Removals(role));
        }

        _knocksReported.IncTo(m.KnocksReported);
        _nflogPackets.IncTo(m.NflogPackets);
        _nflogDropped.IncTo(m.NflogDropped);
        _layer7.WithLabels("match").IncTo(m.Layer7Matches);
        _layer7.WithLabels("miss").IncTo(m.Layer7Misses);
        _spaGrants.IncTo(m.SpaGrants);
        foreach (string reason in DaemonMetrics.SpaRejectReasons)
        {
            _spaRejects.WithLabels(reason).IncTo(m.SpaRejects(reason));
        }

        if (m.FleetConnected is { } connected)
        {
            _fleetConnected.Set(connected ? 1 : 0);
            _fleetQueued.Set(m.FleetQueued());
        }

        _fleetChanges.WithLabels("published").IncTo(m.FleetPublished);
        _fleetChanges.WithLabels("applied").IncTo(m.FleetApplied);
        _fleetChanges.WithLabels("rejected").IncTo(m.FleetRejected);
        _fleetTransitions.WithLabels("joined").IncTo(m.FleetJoins);
        _fleetTransitions.WithLabels("lost").IncTo(m.FleetLosses);
        _scriptRuns.WithLabels("ok").IncTo(m.ScriptRunsOk);
        _scriptRuns.WithLabels("failed").IncTo(m.ScriptRunsFailed);
        DateTimeOffset now = _time.GetUtcNow();
        if (m.StartedAt is { } started)
        {
            _startTime.Set(started.ToUnixTimeMilliseconds() / 1000.0);
            _uptime.Set(Math.Max(0, (now - started).TotalSeconds));
        }

        if (m.LastReload is { } reload)
        {
            _lastReloadTime.Set(reload.At.ToUnixTimeMilliseconds() / 1000.0);
            _lastReloadSuccess.Set(reload.Ok ? 1 : 0);
        }

        DaemonKernelState? state;
        try
        {
            state = _readKernel();
        }
        catch (NftException)
        {
            _kernelReadErrors.Inc();
            return;
        }

        if (state is not null)
        {
            CollectKernel(state);
        }
    }

    private void CollectKernel(DaemonKernelState state)
    {
        var rules = new HashSet<string>(StringComparer.Ordinal);
        foreach (DaemonRuleCounter rule in state.Rules)
        {
            string[] labels = [rule.Family, rule.Index.ToString(System.Globalization.CultureInfo.InvariantCulture), Label(rule.Chain), rule.Action, Label(rule.Comment)];
            rules.Add(string.Join('\0', labels));
            SetCounter(_rulePackets, labels, rule.Packets);
            SetCounter(_ruleBytes, labels, rule.Bytes);
        }

        var lists = new HashSet<string>(StringComparer.Ordinal);
        foreach (DaemonListSize list in state.Lists)
        {
            string[] labels = [list.Family, Label(list.List), list.Role];
            lists.Add(string.Join('\0', labels));
            _listEntries.WithLabels(labels).Set(list.Entries);
            _listTruncated.WithLabels(labels).Set(list.Truncated ? 1 : 0);
        }

        // Rules and lists a reload (or a script enabling a rule) took away: their series end.
        RemoveOthers(_rulePackets, rules);
        RemoveOthers(_ruleBytes, rules);
        RemoveOthers(_listEntries, lists);
        RemoveOthers(_listTruncated, lists);
    }

    /// <summary>The kernel's count; one that went down (the counter was re-created) starts the series again.</summary>
    private static void SetCounter(Counter counter, string[] labels, ulong value)
    {
        Counter.Child child = counter.WithLabels(labels);
        if (value < child.Value)
        {
            counter.RemoveLabelled(labels);
            child = counter.WithLabels(labels);
        }

        child.IncTo(value);
    }

    private static void RemoveOthers<TChild>(Collector<TChild> collector, HashSet<string> keep)
        where TChild : ChildBase
    {
        foreach (string[] labels in collector.GetAllLabelValues().ToList())
        {
            if (!keep.Contains(string.Join('\0', labels)))
            {
                collector.RemoveLabelled(labels);
            }
        }
    }
}
