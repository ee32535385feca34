using System.Collections.Concurrent;
using Sesame.Fleet;
using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Fleet mode (<c>serve --fleet</c>, docs/fleet.md): every change this node makes to a shared list — a grant, a refresh,
/// a blacklisting (all reported through <see cref="Report"/>), an entry a script adds or removes, an element another
/// process (<c>sesame lists</c>, <c>nft</c>) adds or deletes, an expiry — goes to <see cref="DaemonOptions.Fleet"/>; the
/// other nodes' changes it delivers are written to the kernel's sets on the link's thread at once (the connect that
/// follows a knock on another node must not wait for this loop), then go through the watch, the hooks, the record and
/// the log on the daemon's thread like any other entry.
/// </summary>
/// <remarks>
/// Trust: only entries travel. One is applied only if its list is shared by this node's own configuration, in that
/// address's family, and its address is one IPv4 or IPv6 address; a Put whose time is up is never applied (the database
/// computes the time left by its own clock). Everything else is refused with an <c>event=fleet-reject</c> line (at most
/// <see cref="FleetRejectLinesPerSecond"/> a second; the rest are counted) and enforcement goes on.
/// </remarks>
public sealed partial class SesameDaemon
{
    private const int FleetRejectLinesPerSecond = 10;

    /// <summary>
    /// Entries written to the kernel per nf_tables transaction (three messages each: add, delete, add, each acknowledged).
    /// The acknowledgements of one transaction must fit the netlink socket's receive buffer: 300 entries' 900 overflowed
    /// it (ENOBUFS, measured with bench/netns/fleet.sh), 40 entries' 120 are about a third of it.
    /// </summary>
    private const int FleetWriteChunk = 40;

    /// <summary>A loss for the same reason is logged again after this long at the earliest (the link retries every few seconds).</summary>
    private static readonly TimeSpan FleetLostRepeat = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<FleetApplied> _fleetApplied = new();
    private volatile FleetScope _fleetScope = FleetScope.None;
    private NftSetElements? _fleetElements;
    private LineBudget? _fleetRejectLines;
    private readonly Lock _fleetLostLock = new();
    private string? _fleetLostReason;
    private long _fleetLostAt;

    /// <summary>Joins the fleet (in the background: a database that cannot be reached does not stop the daemon).</summary>
    private void StartFleet()
    {
        if (_options.Fleet is not { } link)
        {
            return;
        }

        UpdateFleetScope();
        _fleetElements = new NftSetElements();
        Metrics.FleetStarted();
        Metrics.FleetQueued = () => link.Queued;
        _log.FleetStart(link.Node, _fleetScope.Lists.Count == 0 ? "none" : string.Join(',', _fleetScope.Lists));
        link.Start(new FleetEvents(this, link));
    }

    /// <summary>Leaves the fleet (the link sends what it has queued, for a bounded time) before the daemon lets go of the table.</summary>
    private void StopFleet()
    {
        _options.Fleet?.Dispose();
        _fleetElements?.Dispose();
        _fleetElements = null;
    }

    /// <summary>The shared lists of the configuration now running (at start and after every reload).</summary>
    private void UpdateFleetScope()
    {
        if (_options.Fleet is not null)
        {
            (_, ListRoles roles) = _live.ConfigAndRoles();
            _fleetScope = FleetScope.Of(_live.Compilation.Ruleset, roles, _options.FleetShare, _options.FleetLocal);
        }
    }

    /// <summary>Hands a change of this node's to the fleet when its list is shared. Any thread.</summary>
    private void Publish(FleetOp op, string list, IpRange address, TimeSpan? timeLeft)
    {
        if (_options.Fleet is { } link && address.IsHost && _fleetScope.Shares(address.Family, list))
        {
            link.Publish(new FleetChange(op, list, address, timeLeft, _options.Time.GetTimestamp()));
            Metrics.FleetPublish();
        }
    }

    /// <summary>
    /// On the table watcher's thread: the elements another process added to or deleted from the sets (<c>sesame lists</c>,
    /// <c>nft</c>). The kernel's own adds (knocks) are not announced; the daemon's own writes it publishes where it makes them.
    /// </summary>
    private void PublishForeign(IReadOnlyList<NftChange> changes, bool cut)
    {
        foreach (NftChange change in changes)
        {
            if (change.Name is null || !NftNames.TryParseAddressListSet(change.Name, out _, out string list, out bool isNetSet) || isNetSet)
            {
                continue;
            }

            bool added = change.Type == NftMonitorConstants.NFT_MSG_NEWSETELEM;
            foreach ((IpRange address, NftElementState state) in change.Elements)
            {
                Publish(added ? FleetOp.Put : FleetOp.Remove, list, address, added ? state.Expires ?? state.Timeout : null);
            }
        }

        if (cut && _options.Fleet is { } link)
        {
            _log.FleetError(link.Node, $"a transaction of another process changed more than {TamperDetector.MaxHeldElements} elements; the rest were not sent to the fleet");
        }
    }

    /// <summary>
    /// On the link's thread: the other nodes' changes. Refused ones are logged; the others are written to the kernel now,
    /// in a few transactions, and queued for the daemon's thread.
    /// </summary>
    private void ApplyFleet(IReadOnlyList<FleetEntry> entries)
    {
        FleetScope scope = _fleetScope;
        var puts = new List<(FleetEntry Entry, IpRange Address)>();
        foreach (FleetEntry entry in entries)
        {
            if (!IpRange.TryParse(entry.Address, out IpRange? parsed) || parsed is not { IsHost: true } address)
            {
                FleetRefuse(entry, "address", "not one IPv4 or IPv6 address");
                continue;
            }

            if (!scope.Shares(address.Family, entry.List))
            {
                FleetRefuse(entry, scope.Uses(entry.List) ? "not-shared" : "list",
                    scope.Uses(entry.List) ? "this node keeps the list to itself, or has no set of that family" : "no such list in this node's configuration");
                continue;
            }

            switch (entry.Op)
            {
                case FleetOp.Put when entry.TimeLeft is null || entry.TimeLeft >= TimeSpan.FromMilliseconds(1):
                    puts.Add((entry, address));
                    break;
                case FleetOp.Remove:
                    RemoveFleetEntry(entry, address);
                    break;
                default:
                    // An expiry, or a Put whose time is up: this node's kernel ends the entry by its own timeout.
                    break;
            }
        }

        foreach ((FleetEntry Entry, IpRange Address)[] chunk in puts.Chunk(FleetWriteChunk))
        {
            WriteFleetEntries(chunk);
        }
    }

    private void WriteFleetEntries((FleetEntry Entry, IpRange Address)[] chunk)
    {
        int errno;
        try
        {
            errno = _fleetElements!.Write(NftNames.Table, [.. chunk.SelectMany(p => ElementsOf(p.Entry, p.Address))]);
        }
        catch (NftException e)
        {
            foreach ((FleetEntry entry, _) in chunk)
            {
                FleetRefuse(entry, "kernel", e.Message);
            }

            RenewFleetSocket();
            return;
        }

        if (errno == 0)
        {
            Applied(chunk);
            return;
        }

        // The transaction changed nothing: one entry at a time, so that one refusal (a full set, a set a reload just
        // dropped) does not keep the others out.
        foreach ((FleetEntry entry, IpRange address) in chunk)
        {
            try
            {
                errno = _fleetElements!.Write(NftNames.Table, ElementsOf(entry, address));
            }
            catch (NftException e)
            {
                FleetRefuse(entry, "kernel", e.Message);
                RenewFleetSocket();
                continue;
            }

            if (errno == 0)
            {
                Applied([(entry, address)]);
            }
            else
            {
                FleetRefuse(entry, "kernel", NftSetElements.Refusal(NftNames.HostSet(address.Family, entry.List), errno));
            }
        }
    }

    private static NftElementWrite[] ElementsOf(FleetEntry entry, IpRange address) =>
        NftElementWrite.Refreshing(NftNames.HostSet(address.Family, entry.List), address, entry.TimeLeft);

    private void Applied((FleetEntry Entry, IpRange Address)[] entries)
    {
        foreach ((FleetEntry entry, IpRange address) in entries)
        {
            _fleetApplied.Enqueue(new FleetApplied(FleetOp.Put, entry.List, address, entry.TimeLeft, entry.Origin));
        }

        Metrics.FleetApply(entries.Length);
    }

    private void RemoveFleetEntry(FleetEntry entry, IpRange address)
    {
        int errno;
        try
        {
            errno = _fleetElements!.Write(NftNames.Table, [new NftElementWrite(false, NftNames.HostSet(address.Family, entry.List), address)]);
        }
        catch (NftException e)
        {
            FleetRefuse(entry, "kernel", e.Message);
            RenewFleetSocket();
            return;
        }

        if (errno == 0)
        {
            _fleetApplied.Enqueue(new FleetApplied(FleetOp.Remove, entry.List, address, null, entry.Origin));
            Metrics.FleetApply(1);
        }
        else if (NftErrno.Classify(errno) != NftError.NotFound)
        {
            FleetRefuse(entry, "kernel", NftSetElements.Refusal(NftNames.HostSet(address.Family, entry.List), errno));
        }
    }

    /// <summary>
    /// A socket that lost an answer (no answer in time, an overrun) may still get it later, where the next write would take
    /// it for its own: the link's writes go on over a new one.
    /// </summary>
    private void RenewFleetSocket()
    {
        NftSetElements? old = _fleetElements;
        _fleetElements = new NftSetElements();
        old?.Dispose();
    }

    /// <summary>On the link's thread: counts a refused entry and logs it, at most <see cref="FleetRejectLinesPerSecond"/> lines a second.</summary>
    private void FleetRefuse(FleetEntry entry, string reason, string detail)
    {
        Metrics.FleetReject();
        LineBudget lines = _fleetRejectLines ??= new LineBudget(_options.Time, FleetRejectLinesPerSecond);
        if (!lines.TryTake())
        {
            return;
        }

        if (lines.Suppressed > 0)
        {
            _log.FleetRejectsSuppressed(lines.TakeSuppressed());
        }

        _log.FleetReject(DaemonEventLog.FleetText(entry.Origin), DaemonEventLog.FleetText(entry.List), DaemonEventLog.FleetText(entry.Address), reason, detail);
    }

    /// <summary>On the daemon's thread: the other nodes' entries, now in the kernel, go through the watch, the hooks and the log.</summary>
    private void HandleFleetChanges()
    {
        for (int i = 0; i < 10_000 && _fleetApplied.TryDequeue(out FleetApplied? change); i++)
        {
            EventKind role = _live.Roles.Of(change.List);
            if (change.Op == FleetOp.Put)
            {
                bool isNew = EnterWatched(change.List, change.Address, change.TimeLeft);
                if (FirstInWindow((change.List, change.Address)) || isNew)
                {
                    _log.FleetEntered(role, change.List, change.Address, change.TimeLeft, change.Origin);
                }
            }
            else if (LeaveWatched(change.List, change.Address))
            {
                _log.FleetRemoved(role, change.List, change.Address, change.Origin);
            }
        }
    }

    private void FleetLost(IFleetLink link, string reason)
    {
        long now = _options.Time.GetTimestamp();
        bool wasIn = Metrics.FleetConnected != false;
        if (wasIn)
        {
            Metrics.FleetLost();
        }

        lock (_fleetLostLock)
        {
            if (!wasIn && reason == _fleetLostReason && _options.Time.GetElapsedTime(_fleetLostAt, now) < FleetLostRepeat)
            {
                return;
            }

            _fleetLostReason = reason;
            _fleetLostAt = now;
        }

        _log.FleetLost(link.Node, reason, link.Queued);
    }

    /// <summary>Another node's change, written to the kernel, for the daemon's thread.</summary>
    private sealed record FleetApplied(FleetOp Op, string List, IpRange Address, TimeSpan? TimeLeft, string Origin);

    /// <summary>The link's reports, on its threads.</summary>
    private sealed class FleetEvents(SesameDaemon daemon, IFleetLink link) : IFleetEvents
    {
        public void Joined(TimeSpan? outFor, int sent, int caughtUp)
        {
            daemon.Metrics.FleetJoined();
            daemon._log.FleetJoined(link.Node, outFor?.TotalMilliseconds, sent, caughtUp);
        }

        public void Lost(string reason) => daemon.FleetLost(link, reason);

        public void Received(IReadOnlyList<FleetEntry> entries) => daemon.ApplyFleet(entries);

        public void Failed(string message) => daemon._log.FleetError(link.Node, DaemonEventLog.FleetText(message));
    }
}
