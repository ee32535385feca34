using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// The numbers behind <c>serve --metrics</c> and <c>sesame status</c>: <see cref="Metrics"/>, counted as things happen,
/// and <see cref="ReadKernelState"/>, which reads the table when asked — on the asking thread (a scrape, a control
/// connection), never the daemon's loop, through a libnftables context and a netlink socket of its own made on the
/// daemon's thread at start (so they live in the table's network namespace; libnftables contexts are not thread-safe,
/// so each reader has its own, and readers take turns).
/// </summary>
public sealed partial class SesameDaemon
{
    /// <summary>The most host entries counted per set and read: a set a flood filled to a million costs a bounded dump.</summary>
    public const int MaxEntriesCounted = 65536;

    /// <summary>A read younger than this is answered again instead of asking the kernel (a scrape flood costs one read a second).</summary>
    private static readonly TimeSpan MinReadInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _stateLock = new();
    private NftContext? _stateNft;
    private NftSetElements? _stateElements;
    private DaemonKernelState? _lastState;
    private int _lastStateGranted;

    /// <summary>What the daemon counted since it started; thread-safe.</summary>
    public DaemonMetrics Metrics { get; } = new();

    /// <summary>
    /// Reads the rules' counters, every list's size per family (at most <see cref="MaxEntriesCounted"/> entries counted a
    /// set) and the first <paramref name="maxGranted"/> entries of the grant lists. Thread-safe; callers take turns, and a
    /// read less than a second old is returned again. Null before <see cref="Start"/> and after <see cref="Dispose"/>.
    /// </summary>
    /// <exception cref="NftException">The kernel could not be read.</exception>
    public DaemonKernelState? ReadKernelState(int maxGranted = 20)
    {
        lock (_stateLock)
        {
            if (_stateNft is null || _stateElements is null)
            {
                return null;
            }

            DateTimeOffset now = _options.Time.GetUtcNow();
            if (_lastState is { } last && now - last.ReadAt < MinReadInterval && now >= last.ReadAt && _lastStateGranted >= maxGranted)
            {
                return last;
            }

            (FirewallConfig config, ListRoles roles) = _live.ConfigAndRoles();
            var rules = new List<DaemonRuleCounter>();
            foreach (NftRuleCounter counter in _stateNft.ListCounters())
            {
                EquatableArray<FilterRule> filter = counter.Family == IpFamily.V4 ? config.Ipv4Filter : config.Ipv6Filter;
                FilterRule? rule = (uint)counter.Index < (uint)filter.Count ? filter[counter.Index] : null;
                rules.Add(new DaemonRuleCounter(DaemonEventLog.FamilyName(counter.Family), counter.Index, rule?.Chain ?? "",
                    rule?.Action.ToRouterOs() ?? "", rule?.Comment ?? "", counter.Packets, counter.Bytes));
            }

            var lists = new List<DaemonListSize>();
            var granted = new List<DaemonGrantedEntry>();
            long grantedCount = 0;
            foreach ((IpFamily family, string list) in _stateNft.ListAddressListSets())
            {
                NftElementDump dump;
                try
                {
                    dump = _stateElements.Dump(NftNames.Table, NftNames.HostSet(family, list), MaxEntriesCounted);
                }
                catch (NftException) when (!_stateNft.TableExists())
                {
                    break; // the table went away meanwhile (removed by hand; the guard puts it back)
                }

                EventKind role = roles.Of(list);
                lists.Add(new DaemonListSize(DaemonEventLog.FamilyName(family), list, RoleName(role), dump.Elements.Count, dump.Truncated));
                if (role == EventKind.Grant)
                {
                    grantedCount += dump.Elements.Count;
                    foreach ((IpRange address, NftElementState state) in dump.Elements)
                    {
                        granted.Add(new DaemonGrantedEntry(list, address, state.Expires));
                    }
                }
            }

            // Soonest to leave first; entries without timeout (static, or added for good) last.
            granted.Sort((a, b) => (a.TimeLeft ?? TimeSpan.MaxValue).CompareTo(b.TimeLeft ?? TimeSpan.MaxValue));
            List<DaemonGrantedEntry> shown = granted.Count > maxGranted ? granted.GetRange(0, maxGranted) : granted;
            _lastState = new DaemonKernelState(now, rules, lists, shown, grantedCount - shown.Count);
            _lastStateGranted = maxGranted;
            return _lastState;
        }
    }

    internal static string RoleName(EventKind role) => DaemonMetrics.Roles[(int)role];

    /// <summary>On the daemon's thread at start: the reader's own context and socket, in the table's namespace.</summary>
    private void OpenStateReader()
    {
        lock (_stateLock)
        {
            _stateNft = new NftContext();
            _stateElements = new NftSetElements();
        }

        Metrics.RecordStart(_options.Time.GetUtcNow());
    }

    private void CloseStateReader()
    {
        lock (_stateLock)
        {
            _stateElements?.Dispose();
            _stateNft?.Dispose();
            _stateElements = null;
            _stateNft = null;
        }
    }
}
