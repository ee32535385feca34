using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Sesame.Linux.Control;
using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Reload: SIGHUP or <c>sesame reload</c> has the configuration file read again (<see cref="DaemonOptions.Loader"/>, off the
/// daemon's thread); the daemon's own thread then swaps it in between two packets. A file with errors changes nothing
/// (<c>event=reload result=refused</c>, one <c>event=config-error</c> line per error). Otherwise the kernel gets the new
/// rules in one transaction (<see cref="NftReloadPlanner"/>) that keeps every address list still in the configuration —
/// its set, entries and remaining timeouts — and deletes the sets of the lists that are gone (<c>event=list-dropped</c>);
/// then everything derived from the configuration is rebuilt: roles, Layer7 rules, SPA verifiers (on the same replay
/// journal: a replayed packet stays refused), hooks, scripts and schedulers.
/// </summary>
public sealed partial class SesameDaemon
{
    /// <summary>How long a control request waits for the daemon's thread to do it.</summary>
    private static readonly TimeSpan ChangeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long after a reload the reports of rules whose index now names another rule are not acted on: the NFLOG prefix
    /// names a rule by its index, and a packet an old rule logged in the instant after the commit would be read as the new
    /// rule's (a Layer7 candidate decided by another rule's regexp, another list). The queue is drained before the swap;
    /// this covers the packets in flight.
    /// </summary>
    private static readonly TimeSpan AmbiguousWindow = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentQueue<ConfigChange> _changes = new();
    private HashSet<(IpFamily Family, int Index)> _ambiguous = [];
    private long _ambiguousUntil;
    private DaemonConfig? _served;
    private DateTimeOffset? _scriptsBoot;
    private bool _draining;

    /// <summary>The configuration served now (the one the daemon started with until a reload or apply replaces it).</summary>
    public DaemonConfig Served => _served ??= new DaemonConfig(_config)
    {
        Path = _options.Unconfirmed?.CopyPath ?? _options.ConfigPath,
        Text = _options.ConfigText,
        Hooks = _options.Hooks,
        Scripts = _options.Scripts,
    };

    /// <summary>
    /// Reads the configuration file again and has the daemon's thread serve it (SIGHUP). Thread-safe, returns at once; the
    /// task ends with the outcome, which the log has too.
    /// </summary>
    public Task<ControlOutcome> RequestReload(string via)
    {
        ArgumentNullException.ThrowIfNull(via);
        return Task.Run(() => Submit(ConfigChange.Reload(Load(_options.ConfigPath), new ChangeVia(via))));
    }

    /// <summary>Queues a change for the daemon's thread; the task ends when it is done.</summary>
    private Task<ControlOutcome> Submit(ConfigChange change)
    {
        _changes.Enqueue(change);
        return change.Done.Task;
    }

    /// <summary>The file read by the loader, on the calling thread; the errors when there is no loader or no file.</summary>
    private DaemonConfigLoad Load(string? path)
    {
        if (_options.Loader is not { } loader)
        {
            return DaemonConfigLoad.Failed(["this daemon was started without a configuration loader; restart it to change its configuration"]);
        }

        if (path is null)
        {
            return DaemonConfigLoad.Failed(["this daemon does not know its configuration file's path"]);
        }

        try
        {
            return loader(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return DaemonConfigLoad.Failed([$"{path}: {e.Message}"]);
        }
    }

    /// <summary>On the daemon's thread, between two packets: the queued changes, and a rollback that is due.</summary>
    private void HandleConfigChanges()
    {
        for (int i = 0; i < 16 && _changes.TryDequeue(out ConfigChange? change); i++)
        {
            ControlOutcome outcome;
            try
            {
                outcome = Perform(change);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug or a kernel surprise must not end the daemon: the change is refused, the log says why.
                _log.ChangeFailed(change.Kind, e.Message);
                outcome = ControlOutcome.Refused($"{change.Kind} failed: {e.Message}");
            }

            change.Done.TrySetResult(outcome);
        }

        RollBackIfDue();
    }

    private ControlOutcome Perform(ConfigChange change) => change.Kind switch
    {
        ConfigChange.ReloadKind => PerformReload(change),
        ConfigChange.ApplyKind => PerformApply(change),
        ConfigChange.ConfirmKind => PerformConfirm(change),
        _ => ControlOutcome.Refused($"unknown change '{change.Kind}'"),
    };

    private ControlOutcome PerformReload(ConfigChange change)
    {
        string path = _options.ConfigPath ?? "-";
        if (PendingRefusal() is { } pending)
        {
            _log.ChangeRefusedPending("reload", change.Via, path);
            return ControlOutcome.Refused(pending);
        }

        if (change.Load!.Config is not { } next)
        {
            return Refused("reload", change.Via, path, change.Load.Errors);
        }

        (ControlOutcome outcome, _) = Swap(next, "reload", change.Via, dropStale: true, []);
        return outcome;
    }

    /// <summary>Logs a refused configuration, one line per error, and says so to the client.</summary>
    private ControlOutcome Refused(string action, ChangeVia via, string path, IReadOnlyList<string> errors)
    {
        RecordChange(action, false, errors.Count > 0 ? errors[0] : "refused");
        _log.ChangeRefused(action, via, path, errors.Count);
        foreach (string error in errors)
        {
            _log.ConfigError(action, error);
        }

        return ControlOutcome.Refused($"{path} has errors; nothing was changed, the running rules stay",
            [.. errors.Select(e => new ControlNote(ControlNote.ErrorTopic, e))]);
    }

    /// <summary>
    /// Serves <paramref name="next"/>: compiles it, applies the one transaction, and swaps every derived structure. On a
    /// refusal (the compiler or the kernel) nothing changed and the old configuration keeps running.
    /// </summary>
    /// <param name="dropStale">Delete the sets of lists no longer in the configuration (false while an apply awaits its confirmation).</param>
    private (ControlOutcome Outcome, bool Applied) Swap(DaemonConfig next, string action, ChangeVia via, bool dropStale, List<ControlNote> notes)
    {
        long started = _options.Time.GetTimestamp();
        string path = next.Path ?? "-";
        NftCompilation compilation;
        try
        {
            compilation = NftCompiler.Compile(next.Config, _live.Options);
            EnsureReplayJournal(next.Config);
        }
        catch (Exception e) when (e is NftException or IOException)
        {
            return (Refused(action, via, path, [$"{path}: error: {e.Message}"]), false);
        }

        foreach (Diagnostics.Diagnostic warning in next.Warnings.Concat(compilation.Diagnostics))
        {
            notes.Add(new ControlNote(ControlNote.WarningTopic, warning.ToString()));
        }

        // The script worker holds rule indices of the old configuration between a find and an enable: it stops first
        // (a running script is cancelled at its next statement) and starts again on whichever configuration is served.
        // A confirmation serves the same configuration again (only the kept sets go): its scripts run on.
        bool same = ReferenceEquals(next, _served);
        if (!same)
        {
            StopScripts();
            _scripts = null;
            HandleScriptChanges();
        }

        NftReloadPlan plan;
        Dictionary<(IpFamily, string), (int Count, bool Truncated)> dropped = [];
        bool verified;
        IReadOnlyList<string> differences;
        FirewallConfig previous = _config;
        lock (_live.Lock)
        {
            try
            {
                plan = NftReloadPlanner.Plan(_live.Compilation.Ruleset, compilation.Ruleset, _nft!.ListStructure(), dropStale, ElementsOf);
                foreach ((IpFamily family, string list) in plan.DroppedLists)
                {
                    dropped[(family, list)] = CountEntries(family, list);
                }

                _nft.Apply(plan.Ruleset);
            }
            catch (NftException e)
            {
                if (!same)
                {
                    StartScripts(resume: true);
                }

                RecordChange(action, false, "the kernel refused the transaction: " + e.Message.Split('\n', 2)[0]);
                _log.ChangeRefusedByKernel(action, via, path);
                _log.ConfigError(action, "the kernel refused the transaction: " + e.Message);
                return (ControlOutcome.Refused("the kernel refused the new ruleset; nothing was changed, the running rules stay: " + e.Message.Split('\n', 2)[0], notes), false);
            }

            // Committed. What the old rules logged before the commit is still queued: it is handled as the old
            // configuration meant it, before the new one is swapped in.
            DrainReports();
            verified = _nft.Verify(compilation.Ruleset, out differences);
            _live.Replace(next.Config, compilation, _nft.Snapshot());
            SwapDerived(next, previous);
            RereadRecord([.. _nft.ListAddressListSets()]);
        }

        foreach (((IpFamily family, string list), (int count, bool truncated)) in dropped)
        {
            foreach ((string goneList, IpRange address) in _watch.ForgetList(list, family))
            {
                _recent.Remove((goneList, address));
            }

            _log.ListDropped(list, family, Entries(count, truncated));
        }

        foreach (string set in plan.MigratedSets)
        {
            _log.SetMigrated(set);
        }

        if (!same)
        {
            StartScripts(resume: true);
        }

        CheckUnreported(baselineOnly: true);
        if (!verified)
        {
            foreach (string difference in differences)
            {
                _log.VerifyDifference(difference);
            }
        }

        RecordChange(action, verified, verified ? null : "the table read back differs from the compiled ruleset");
        _log.ChangeApplied(action, via, path, next.Config.Ipv4Filter.Count + next.Config.Ipv6Filter.Count, plan.DroppedLists.Count, plan.MigratedSets.Count,
            plan.DroppedChains.Count, _options.Time.GetElapsedTime(started).TotalMilliseconds);
        notes.Add(new ControlNote(ControlNote.InfoTopic, string.Create(CultureInfo.InvariantCulture,
            $"{path}: {action} done: {next.Config.Ipv4Filter.Count + next.Config.Ipv6Filter.Count} rules, {plan.DroppedLists.Count} lists dropped; every other list kept its entries")));
        foreach (((IpFamily family, string list), (int count, bool truncated)) in dropped)
        {
            notes.Add(new ControlNote(ControlNote.InfoTopic, string.Create(CultureInfo.InvariantCulture,
                $"list {list} ({DaemonEventLog.FamilyName(family)}) is no longer in the configuration: dropped with {Entries(count, truncated)} entries")));
        }

        return verified
            ? (ControlOutcome.Done(notes), true)
            : (ControlOutcome.Refused("applied, but the table read back differs from the compiled ruleset: " + string.Join("; ", differences.Take(3)), notes), true);
    }

    /// <summary>A dropped list's entries as its line says them: <c>N</c>, or <c>N+</c> when it held more than were counted.</summary>
    private static string Entries(int count, bool truncated) => string.Create(CultureInfo.InvariantCulture, $"{count}{(truncated ? "+" : "")}");

    /// <summary>The one place a reload, apply, confirmation or rollback is recorded for <c>status</c> and the metrics.</summary>
    private void RecordChange(string action, bool applied, string? message) =>
        Metrics.RecordReload(applied, _options.Time.GetUtcNow(), message, action);

    /// <summary>Everything the daemon derives from its configuration, rebuilt for <paramref name="next"/> (the daemon's thread).</summary>
    private void SwapDerived(DaemonConfig next, FirewallConfig previous)
    {
        _config = next.Config;
        _served = next;
        _options = _options with { Hooks = next.Hooks, Scripts = next.Scripts };
        _hooksByList = null;
        _layer7.Clear();
        FindLayer7Rules(IpFamily.V4, _config.Ipv4Filter);
        FindLayer7Rules(IpFamily.V6, _config.Ipv6Filter);
        _spa.Clear();
        if (_replay is not null)
        {
            foreach (SpaDoor door in _config.SpaDoors)
            {
                _spa.TryAdd(door.Name, new Sesame.Spa.SpaVerifier(door, _replay, _options.Time));
            }
        }

        _lastFull.Clear();
        _reported.Clear();
        _ambiguous = [.. ChangedIndices(IpFamily.V4, previous.Ipv4Filter, _config.Ipv4Filter), .. ChangedIndices(IpFamily.V6, previous.Ipv6Filter, _config.Ipv6Filter)];
        _ambiguousUntil = _options.Time.GetTimestamp() + (long)(AmbiguousWindow.TotalSeconds * _options.Time.TimestampFrequency);
        UpdateFleetScope();
    }

    private static IEnumerable<(IpFamily, int)> ChangedIndices(IpFamily family, EquatableArray<FilterRule> before, EquatableArray<FilterRule> after)
    {
        for (int i = 0; i < Math.Max(before.Count, after.Count); i++)
        {
            if (i >= before.Count || i >= after.Count || !before[i].Equals(after[i]))
            {
                yield return (family, i);
            }
        }
    }

    /// <summary>
    /// Whether a report of this rule, just after a reload that gave its index to another rule, may be an old rule's. A
    /// kernel add is checked in the kernel: the source is in the new rule's list, or the report is not the new rule's. A
    /// Layer7 candidate or a full set cannot be told apart and is left alone for <see cref="AmbiguousWindow"/> (a Layer7
    /// knock then is lost, never decided by another rule's regexp). An SPA packet is verified with the new rule's door keys
    /// whatever rule logged it: nothing to fear.
    /// </summary>
    private bool IsAmbiguousAfterReload(NftLogKind kind, IpFamily family, int index, in IpPacketView ip)
    {
        if (_ambiguous.Count == 0 || !_ambiguous.Contains((family, index)) || _options.Time.GetTimestamp() >= _ambiguousUntil)
        {
            return false;
        }

        FilterRule rule = (family == IpFamily.V4 ? _config.Ipv4Filter : _config.Ipv6Filter)[index];
        switch (kind)
        {
            case NftLogKind.Spa:
                return false;
            case NftLogKind.AddressList when rule.AddressList is { } list:
                IpRange address = IpRange.Host(family, rule.Action == FilterAction.AddDstToAddressList ? ip.Destination : ip.Source);
                try
                {
                    return _elements!.Get(NftNames.Table, NftNames.HostSet(family, list), address) is null;
                }
                catch (NftException)
                {
                    return true;
                }

            default:
                return true;
        }
    }

    /// <summary>The NFLOG queue read to its end (bounded), before a reload swaps the configuration.</summary>
    private void DrainReports()
    {
        _draining = true;
        try
        {
            for (int datagrams = 0; datagrams < 10_000 && _nflog!.HasPending; datagrams++)
            {
                ReceiveOnce();
            }
        }
        finally
        {
            _draining = false;
        }
    }

    /// <summary>An SPA door in the new configuration needs the replay journal; the one already open is kept.</summary>
    /// <exception cref="IOException">It cannot be opened.</exception>
    private void EnsureReplayJournal(FirewallConfig next)
    {
        if (_replay is null && next.SpaDoors.Count > 0)
        {
            FirewallConfig served = _config;
            _config = next;
            try
            {
                OpenSpa();
            }
            finally
            {
                _config = served;
            }
        }
    }

    /// <summary>How many entries a list's host set holds (read up to the watch's capacity), for the drop's log line.</summary>
    private (int Count, bool Truncated) CountEntries(IpFamily family, string list)
    {
        try
        {
            NftElementDump dump = DumpSet(NftNames.HostSet(family, list), WatchCapacity);
            return (dump.Elements.Count, dump.Truncated);
        }
        catch (NftException)
        {
            return (0, true);
        }
    }

    /// <summary>
    /// The elements of a host set whose definition changed, with the time each has left, for its migration (whole: the
    /// kernel's size bounds it).
    /// </summary>
    private IEnumerable<JsonNode> ElementsOf(string set)
    {
        NftElementDump dump = DumpSet(set, int.MaxValue);
        var result = new List<JsonNode>(dump.Elements.Count);
        foreach ((IpRange address, NftElementState state) in dump.Elements)
        {
            TimeSpan? left = state.Expires ?? state.Timeout;
            result.Add(left is { } t
                ? NftExpr.TimedElement(NftExpr.Address(address), Math.Max(1, (long)Math.Ceiling(t.TotalSeconds)))
                : NftExpr.Address(address));
        }

        return result;
    }

    /// <summary>A set's elements through the daemon's netlink socket, or one of its own before <see cref="Start"/> opened it.</summary>
    private NftElementDump DumpSet(string set, int max)
    {
        using NftSetElements? own = _elements is null ? new NftSetElements() : null;
        return (_elements ?? own!).Dump(NftNames.Table, set, max);
    }

    /// <summary>
    /// The start's transaction: the whole ruleset, with sets of another definition migrated (a restart with another
    /// --set-size). What an earlier configuration left stays (<see cref="NftCompiler"/>), except on the start that rolls
    /// back an unconfirmed apply: that one drops what the unconfirmed configuration brought, as the rollback would have.
    /// </summary>
    private NftRuleset PlanStart(NftRuleset ruleset)
    {
        SnapshotBeforeStart();
        bool rollingBack = _options.Unconfirmed is not null;
        NftReloadPlan plan = NftReloadPlanner.Plan(null, ruleset, _nft!.ListStructure(), dropStale: rollingBack, ElementsOf);
        foreach ((IpFamily family, string list) in plan.DroppedLists)
        {
            (int count, bool truncated) = CountEntries(family, list);
            _log.ListDropped(list, family, Entries(count, truncated));
        }

        foreach (string set in plan.MigratedSets)
        {
            _log.SetMigrated(set);
        }

        return plan.Ruleset;
    }

    /// <summary>A reload, apply or confirm waiting for the daemon's thread.</summary>
    private sealed class ConfigChange
    {
        public const string ReloadKind = "reload";
        public const string ApplyKind = "apply";
        public const string ConfirmKind = "confirm";

        private ConfigChange(string kind, ChangeVia via)
        {
            Kind = kind;
            Via = via;
        }

        public string Kind { get; }

        public ChangeVia Via { get; }

        public DaemonConfigLoad? Load { get; private init; }

        public TimeSpan? ConfirmWithin { get; private init; }

        public string? SshConnection { get; private init; }

        public TaskCompletionSource<ControlOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static ConfigChange Reload(DaemonConfigLoad load, ChangeVia via) => new(ReloadKind, via) { Load = load };

        public static ConfigChange Apply(DaemonConfigLoad load, TimeSpan? confirmWithin, string? sshConnection, ChangeVia via) =>
            new(ApplyKind, via) { Load = load, ConfirmWithin = confirmWithin, SshConnection = sshConnection };

        public static ConfigChange Confirm(ChangeVia via) => new(ConfirmKind, via);
    }
}
