using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// The table guard: <see cref="TableWatcher"/> notices when somebody else changes <c>table inet sesame</c>, and
/// <see cref="RepairTable"/> puts the compiled ruleset back, with the grant and blacklist entries the daemon knows of.
/// </summary>
public sealed partial class SesameDaemon
{
    /// <summary>Grant and blacklist entries the daemon keeps a copy of, at most (as many as it watches).</summary>
    private const int RecordCapacity = WatchCapacity;

    /// <summary>Elements re-added per <c>add element</c> command.</summary>
    private const int ElementsPerCommand = 1000;

    private readonly HashSet<(IpFamily Family, string List)> _setsOwingEntries = [];
    private GrantRecord? _record;
    private TableWatcher? _tableWatcher;
    private NftContext? _guardNft;

    /// <summary>Subscribes to nf_tables' notifications; called before the ruleset is applied, so no later change is missed.</summary>
    private void OpenTableWatch()
    {
        _record = new GrantRecord(_options.Time, RecordCapacity);
        _guardNft = new NftContext();
        _tableWatcher = new TableWatcher(_log, _options.Time, RepairTable, RecordElements, _options.Fleet is null ? null : PublishForeign);
        _tableWatcher.Start();
    }

    /// <summary>Stops the watcher (after one last repair if one is owed) before the daemon lets go of the table.</summary>
    private void CloseTableWatch()
    {
        _tableWatcher?.Dispose();
        _guardNft?.Dispose();
    }

    /// <summary>A grant or blacklist entry the daemon learnt of (reported, or found at start-up) goes into the record.</summary>
    private void Record(string list, IpRange address, TimeSpan? timeLeft)
    {
        if (_live.Roles.Of(list) != EventKind.Stage)
        {
            _record?.Enter(list, address, timeLeft);
        }
    }

    /// <summary>Elements the kernel announces: added ones are recorded, deleted ones (by anybody) leave the record.</summary>
    private void RecordElements(NftChange change)
    {
        if (change.Name is null || !NftNames.TryParseAddressListSet(change.Name, out _, out string list, out bool isNetSet)
            || isNetSet || _live.Roles.Of(list) == EventKind.Stage)
        {
            return;
        }

        foreach ((IpRange address, NftElementState state) in change.Elements)
        {
            if (change.Type == NftMonitorConstants.NFT_MSG_DELSETELEM)
            {
                _record!.Remove(list, address);
            }
            else
            {
                _record!.Enter(list, address, state.Expires ?? state.Timeout);
            }
        }
    }

    /// <summary>
    /// Re-applies the compiled ruleset after somebody else changed the table. Applying keeps the sets that are there and
    /// what is in them; sets that were deleted come back empty, and get back the recorded grant and blacklist entries that
    /// are still unexpired, with the time they had left. Knock-stage progress in deleted sets is lost (the log says so).
    /// If the ruleset does not apply over what is there (somebody re-created a set of the same name with other flags), the
    /// table is deleted and applied afresh. Runs on the watcher's thread, with the watcher's own libnftables context.
    /// </summary>
    /// <exception cref="NftException">The kernel refused; the watcher logs it and retries.</exception>
    private void RepairTable(IReadOnlyList<TamperFinding> findings)
    {
        lock (_live.Lock)
        {
            RepairTableLocked(findings);
        }
    }

    private void RepairTableLocked(IReadOnlyList<TamperFinding> findings)
    {
        long started = _options.Time.GetTimestamp();
        NftContext nft = _guardNft!;
        var before = new HashSet<(IpFamily, string)>(nft.ListAddressListSets());
        bool recreated = false;
        try
        {
            nft.Apply(Compilation);
        }
        catch (NftException e) when (before.Count > 0 || nft.TableExists())
        {
            _log.RepairAfresh("the ruleset does not apply over the table as it is, so it is deleted and applied afresh: " + TableWatcher.Short(e.Message));
            nft.Apply(new NftRuleset([NftCommand.Of("delete", "table", [])]));
            before.Clear();
            recreated = true;
            nft.Apply(Compilation);
        }

        List<(IpFamily Family, string List)> after = [.. nft.ListAddressListSets()];
        List<string> lostStages = [];
        foreach ((IpFamily family, string list) in after)
        {
            if (!before.Contains((family, list)))
            {
                if (_live.Roles.Of(list) == EventKind.Stage)
                {
                    lostStages.Add(DaemonEventLog.FamilyName(family) + "/" + list);
                }
                else
                {
                    _setsOwingEntries.Add((family, list));
                }
            }
        }

        // Lost notifications may have held deletions: the record could bring back a grant somebody revoked. Restore nothing
        // from it then (fail closed: a granted source knocks again) and read it afresh from what the kernel holds.
        bool untrusted = findings.Any(f => f.ProcessId == 0);
        int restored = untrusted ? 0 : RestoreRecordedEntries();
        if (untrusted)
        {
            _setsOwingEntries.Clear();
            RereadRecord(after);
        }

        string stages = lostStages.Count == 0 ? "kept" : "lost";
        string? record = (untrusted, _record!.Full) switch
        {
            (true, true) => "reread,full",
            (true, false) => "reread",
            (false, true) => "full",
            _ => null,
        };
        _log.Restored("inet/sesame", _options.Time.GetElapsedTime(started).TotalMilliseconds,
            findings.Count > 0 && findings[0].SeenAt != 0 ? _options.Time.GetElapsedTime(findings[0].SeenAt).TotalMilliseconds : 0,
            recreated, restored, stages, lostStages.Count > 0 ? string.Join(',', lostStages.Take(8)) : null, record, findings.Count);
    }

    /// <summary>Replaces the record with the grant and blacklist entries the kernel holds now (bounded reads, as at start).</summary>
    private void RereadRecord(List<(IpFamily Family, string List)> sets)
    {
        _record!.Clear();
        using var elements = new NftSetElements();
        foreach ((IpFamily family, string list) in sets)
        {
            int room = RecordCapacity - _record.Count;
            if (_live.Roles.Of(list) == EventKind.Stage || room <= 0)
            {
                continue;
            }

            NftElementDump dump = elements.Dump(NftNames.Table, NftNames.HostSet(family, list), room);
            if (dump.Truncated)
            {
                _record.LeftOut();
            }

            foreach ((IpRange address, NftElementState state) in dump.Elements)
            {
                if (address.IsHost)
                {
                    _record.Enter(list, address, state.Expires);
                }
            }
        }
    }

    /// <summary>Re-adds the recorded entries of the sets that came back empty, in one transaction; returns how many.</summary>
    private int RestoreRecordedEntries()
    {
        if (_setsOwingEntries.Count == 0)
        {
            return 0;
        }

        var commands = new List<NftCommand>();
        int count = 0;
        foreach (IGrouping<(IpFamily, string), (string List, IpRange Address, TimeSpan? TimeLeft)> set in _record!.Unexpired()
            .Where(e => _setsOwingEntries.Contains((e.Address.Family, e.List)))
            .GroupBy(e => (e.Address.Family, e.List)))
        {
            foreach ((string List, IpRange Address, TimeSpan? TimeLeft)[] chunk in set.Chunk(ElementsPerCommand))
            {
                // As data, like every other command: the set name and the addresses are JSON values, never nft syntax.
                commands.Add(NftCommand.Elements("add", NftNames.HostSet(set.Key.Item1, set.Key.Item2), chunk.Select(e =>
                    e.TimeLeft is { } t ? NftExpr.TimedElement(NftExpr.Address(e.Address), NftExpr.Seconds(t)) : NftExpr.Address(e.Address))));
                count += chunk.Length;
            }
        }

        if (commands.Count > 0)
        {
            _guardNft!.Apply(new NftRuleset(commands));
        }

        _setsOwingEntries.Clear();
        return count;
    }
}
