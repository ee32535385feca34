using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Tells the daemon's own changes to <c>table inet sesame</c> from everybody else's, from nf_tables' notifications: the
/// kernel announces each committed transaction as its object messages followed by one NFT_MSG_NEWGEN that names the
/// process (thread) that committed it. The object messages about <c>inet sesame</c>'s structure — table, chains, rules,
/// sets, named objects, flowtables — are held until that NEWGEN; if it names a thread of another process, they are a
/// <see cref="TamperFinding"/>.
/// </summary>
/// <remarks>
/// Set elements are data, not structure: knocks, <c>sesame lists add|remove|flush</c> and the Layer7 decisions change them
/// all the time, and a removal by anyone is honoured (a revoked grant must not come back with a repair). They are handed
/// to <see cref="ElementChanged"/> instead. Messages about other tables are ignored. Pure: the caller feeds it decoded
/// messages and says which threads are its own.
/// </remarks>
internal sealed class TamperDetector(Func<uint, bool> isOwnThread)
{
    /// <summary>At most this many distinct changes are named in one finding; a flush of a big table names hundreds.</summary>
    public const int MaxNamedChanges = 8;

    private readonly List<string> _pending = [];
    private int _pendingCount;

    /// <summary>At most this many element messages of one transaction are held for <see cref="ForeignElements"/>.</summary>
    public const int MaxHeldElements = 100_000;

    private readonly List<NftChange> _elements = [];
    private int _heldElements;
    private bool _elementsCut;

    /// <summary>Called for every element added to or deleted from one of the table's sets (by anybody), in order.</summary>
    public Action<NftChange>? ElementChanged { get; init; }

    /// <summary>
    /// Called when a transaction another process committed closes, with the element changes it made to the table's sets,
    /// in order (fleet mode publishes <c>sesame lists</c> and <c>nft</c> changes; the daemon's own writes it publishes
    /// where it makes them). At most <see cref="MaxHeldElements"/> elements; the flag says that more were left out.
    /// </summary>
    public Action<IReadOnlyList<NftChange>, bool>? ForeignElements { get; init; }

    /// <summary>Takes one notification; returns a finding when it closes a transaction another process committed.</summary>
    public TamperFinding? Feed(NftChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.IsGeneration)
        {
            if (_elements.Count > 0 || _elementsCut)
            {
                if (!isOwnThread(change.ProcessId))
                {
                    ForeignElements?.Invoke([.. _elements], _elementsCut);
                }

                _elements.Clear();
                _heldElements = 0;
                _elementsCut = false;
            }

            if (_pendingCount == 0)
            {
                return null;
            }

            TamperFinding? finding = isOwnThread(change.ProcessId) ? null : new TamperFinding(Named(), change.ProcessId, change.ProcessName);
            _pending.Clear();
            _pendingCount = 0;
            return finding;
        }

        if (change.Family != NftMonitorConstants.NFPROTO_INET || change.Table != NftNames.Table)
        {
            return null;
        }

        if (change.Type is NftMonitorConstants.NFT_MSG_NEWSETELEM or NftMonitorConstants.NFT_MSG_DELSETELEM)
        {
            ElementChanged?.Invoke(change);
            if (ForeignElements is not null)
            {
                if (_heldElements + change.Elements.Count <= MaxHeldElements)
                {
                    _elements.Add(change);
                    _heldElements += change.Elements.Count;
                }
                else
                {
                    _elementsCut = true;
                }
            }

            return null;
        }

        _pendingCount++;
        string what = change.Describe();
        if (!_pending.Contains(what))
        {
            // The worst changes are named first: a flushed ruleset deletes every rule before it deletes the table.
            int at = _pending.FindIndex(p => Rank(p) > Rank(what));
            _pending.Insert(at < 0 ? _pending.Count : at, what);
            if (_pending.Count > MaxNamedChanges)
            {
                _pending.RemoveAt(MaxNamedChanges);
            }
        }

        return null;
    }

    /// <summary>
    /// Notifications were lost (ENOBUFS) or arrived damaged: anything may have changed, by anybody. The transaction being
    /// collected cannot be attributed any more either.
    /// </summary>
    public TamperFinding Lost(string reason)
    {
        List<string> changes = [reason, .. _pending];
        _elements.Clear(); // whose they were cannot be known any more: not published (the repair re-reads the sets)
        _heldElements = 0;
        _elementsCut = false;
        _pending.Clear();
        _pendingCount = 0;
        return new TamperFinding(changes, 0, "");
    }

    private static int Rank(string change) =>
        change.StartsWith("delete-table", StringComparison.Ordinal) ? 0
        : change.StartsWith("delete-chain", StringComparison.Ordinal) ? 1
        : change.StartsWith("delete-set", StringComparison.Ordinal) ? 2
        : change.StartsWith("delete-rule", StringComparison.Ordinal) ? 3
        : 4;

    private List<string> Named()
    {
        List<string> named = [.. _pending];
        if (_pendingCount > named.Count)
        {
            // "+N": N more messages (repeats of a named change included).
            named.Add("+" + (_pendingCount - named.Count).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return named;
    }
}
