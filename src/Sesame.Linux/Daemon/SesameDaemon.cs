using Microsoft.Extensions.Logging;
using Sesame.Fleet;
using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// <c>sesame serve</c>: installs the configuration as <c>table inet sesame</c>, listens on its NFLOG group, reports every
/// knock stage, grant, blacklisting and expiry as one log line, and decides the Layer7 regexps nftables cannot express.
/// The kernel keeps the state: the daemon can die at any moment and the sets, with what they learnt, stay.
/// </summary>
/// <remarks>
/// Not thread-safe: <see cref="Start"/>, <see cref="Run"/> and <see cref="Dispose"/> belong on one thread, in the network
/// namespace the table is to live in (libnftables' context works in the namespace it was created in).
/// </remarks>
public sealed partial class SesameDaemon : IDisposable
{
    /// <summary>The same source moving into the same list again within this time is not logged again (retransmitted SYNs, scans).</summary>
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromSeconds(1);

    /// <summary>How many entries the daemon watches for their leaving at most (see <see cref="EntryWatch"/>).</summary>
    private const int WatchCapacity = 65536;

    /// <summary>
    /// Lookups of due entries a second at most (each is one netlink round trip, ~0.1 ms): a burst of expiries, or
    /// thousands of entries without timeout, waits its turn instead of taking the daemon's CPU or starving NFLOG.
    /// </summary>
    private const int LookupsPerSecond = 2000;

    /// <summary>A look this long after an entry's timeout: the kernel treats an element as gone once its time is up.</summary>
    private static readonly TimeSpan ExpirySlack = TimeSpan.FromMilliseconds(20);

    /// <summary>After emptying a full set, further reports that it is full are ignored this long (they were queued before).</summary>
    private static readonly TimeSpan FullQuietTime = TimeSpan.FromSeconds(1);

    private FirewallConfig _config;
    private DaemonOptions _options;
    private readonly DaemonEventLog _log;
    private readonly LiveRules _live;
    private readonly Dictionary<(IpFamily Family, int Index), Layer7Rule> _layer7 = [];
    private readonly Dictionary<(string List, IpRange Address), long> _recent = [];
    private readonly EntryWatch _watch = new(WatchCapacity);
    private readonly byte[] _buffer = new byte[256 * 1024];
    private readonly Dictionary<(IpFamily Family, string List), long> _lastFull = [];
    private NftContext? _nft;
    private NftSetElements? _elements;
    private NflogSocket? _nflog;
    private bool _watchFullLogged;
    private double _lookupBudget;
    private long _lastLookups;

    /// <summary>A daemon whose lines go to <paramref name="log"/> as they happen (in-process runs and tests).</summary>
    public SesameDaemon(FirewallConfig config, DaemonOptions options, TextWriter log)
        : this(config, options, new DaemonEventLog(log ?? throw new ArgumentNullException(nameof(log))))
    {
    }

    /// <summary>A daemon whose events go to <paramref name="logger"/> (the program's console logger, docs/serve.md "Log lines").</summary>
    public SesameDaemon(FirewallConfig config, DaemonOptions options, ILogger logger)
        : this(config, options, new DaemonEventLog(logger ?? throw new ArgumentNullException(nameof(logger))))
    {
    }

    private SesameDaemon(FirewallConfig config, DaemonOptions options, DaemonEventLog log)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        _config = config;
        _options = options;
        _log = log;
        _live = new LiveRules(config, new NftCompilerOptions
        {
            NflogGroup = options.NflogGroup,
            ReportRate = options.ReportRate,
            AddressListSize = options.SetSize,
        });
        FindLayer7Rules(IpFamily.V4, config.Ipv4Filter);
        FindLayer7Rules(IpFamily.V6, config.Ipv6Filter);
    }

    /// <summary>
    /// The ruleset <see cref="Start"/> applies, with what the compiler had to approximate; after a script enabled or
    /// disabled a filter rule, the ruleset as it is now (what the verifier and the table guard expect).
    /// </summary>
    public NftCompilation Compilation => _live.Compilation;

    /// <summary>
    /// Binds the NFLOG group (first, so that no packet logged after the rules go in is missed), then applies the ruleset
    /// in one transaction. A restart re-attaches: the sets, and the addresses in them, are kept (see <see cref="NftCompiler"/>).
    /// </summary>
    /// <exception cref="IOException">The SPA replay journal cannot be opened (nothing applied).</exception>
    /// <exception cref="NflogException">The group cannot be bound (no CAP_NET_ADMIN, or another daemon holds it).</exception>
    /// <exception cref="Control.ControlException">The control socket's path is a live daemon's, or cannot be made a socket (nothing applied).</exception>
    /// <exception cref="NftException">The kernel refused the ruleset; nothing was changed.</exception>
    /// <exception cref="NftVerificationException">The table read back is not the compiled one (each difference is logged).</exception>
    public void Start()
    {
        OpenSpa();
        _nflog = new NflogSocket(_options.NflogGroup, _options.Layer7Snaplen());
        OpenTableWatch();
        OpenControl();
        _nft = new NftContext();
        ApplyVerified(c => PlanStart(c.Ruleset));
        _elements = new NftSetElements();
        OpenStateReader();
        int entries = WatchExisting();
        CheckUnreported(baselineOnly: true);
        _log.Started(_options.NflogGroup, entries, _layer7.Count, _spa.Count, _nflog.ReceiveBufferBytes);
        ReportStartState();
        StartScripts();
        StartFleet();
        StartControl();
    }

    /// <summary>Handles logged packets and watches for expiries until <paramref name="cancellation"/> is signalled.</summary>
    public void Run(CancellationToken cancellation)
    {
        if (_nflog is null || _nft is null)
        {
            throw new InvalidOperationException("Start the daemon first.");
        }

        TimeSpan wait = _options.PollInterval < TimeSpan.FromMilliseconds(250) ? _options.PollInterval : TimeSpan.FromMilliseconds(250);
        _nflog.ReceiveTimeout = wait;
        while (!cancellation.IsCancellationRequested && !_stopRequested)
        {
            ReceiveOnce();
            CheckOverruns();
            FlushSuppressedRejects();

            HandleScriptChanges();
            HandleFleetChanges();
            HandleConfigChanges();
            LookAtDueEntries();
            RunDueStops();
            CheckUnreported();
        }
    }

    /// <summary>Waits for one datagram (at most the socket's timeout) and handles the packets in it.</summary>
    private void ReceiveOnce()
    {
        int received = _nflog!.Receive(_buffer);
        if (received > 0)
        {
            var reader = new NflogMessageReader(_buffer.AsSpan(0, received));
            while (reader.TryReadNext(out NflogPacket packet))
            {
                Metrics.NflogPacket();
                Handle(packet);
            }
        }
    }

    /// <summary>Releases the NFLOG group; with <see cref="DaemonOptions.RemoveOnExit"/> also deletes the table.</summary>
    public void Dispose()
    {
        CloseControl();
        StopScripts();
        StopFleet();
        HandleScriptChanges();
        CloseTableWatch();
        _nflog?.Dispose();
        CloseSpa();
        _elements?.Dispose();
        CloseStateReader();
        WaitForHooks();
        if (_nft is not null)
        {
            if (_options.RemoveOnExit)
            {
                try
                {
                    _nft.Apply(new NftRuleset([NftCommand.Of("delete", "table", [])]));
                    _log.Stopped("removed");
                }
                catch (NftException e)
                {
                    _log.RemoveTableFailed(e.Message);
                }
            }
            else
            {
                _log.Stopped("kept");
            }

            _nft.Dispose();
        }
    }

    private void Handle(NflogPacket packet)
    {
        Span<char> prefix = stackalloc char[128];
        int length = System.Text.Encoding.UTF8.GetChars(packet.Prefix[..Math.Min(packet.Prefix.Length, 128)], prefix);
        if (!NftLogPrefix.TryParse(prefix[..length], out NftLogKind kind, out IpFamily family, out int index)
            || !IpPacketView.TryParse(packet.Payload, out IpPacketView ip) || ip.Family != family)
        {
            return;
        }

        EquatableArray<FilterRule> rules = family == IpFamily.V4 ? _config.Ipv4Filter : _config.Ipv6Filter;
        if ((uint)index >= (uint)rules.Count || IsAmbiguousAfterReload(kind, family, index, ip))
        {
            return;
        }

        if (kind == NftLogKind.Spa)
        {
            if (ip.Protocol == IpProtocols.Udp)
            {
                HandleSpa(family, index, rules[index], ip.Source, ip.Data);
            }

            return;
        }

        if (rules[index].AddressList is not { } list)
        {
            return;
        }

        FilterRule rule = rules[index];
        IpRange address = IpRange.Host(family, rule.Action == FilterAction.AddDstToAddressList ? ip.Destination : ip.Source);
        TimeSpan? timeout = rule.AddressListTimeout is { Kind: AddressListTimeoutKind.Timed } t ? t.Duration : null;
        switch (kind)
        {
            case NftLogKind.Layer7:
                HandleLayer7(family, index, list, address, timeout, ip.Data);
                break;
            case NftLogKind.SetFull:
                SetFull(family, list);
                break;
            default:
                CountReported(family, index);
                Metrics.KnockReported();
                Report(list, address, timeout, family, index, "kernel");
                break;
        }
    }

    private void Report(string list, IpRange address, TimeSpan? timeout, IpFamily family, int index, string via)
    {
        Record(list, address, timeout);
        bool firstInWindow = FirstInWindow((list, address));
        bool isNew = Watch((list, address), timeout) || (!_watch.IsWatched((list, address)) && firstInWindow);
        if (isNew)
        {
            Metrics.Entered(_live.Roles.Of(list));
            Entered(list, address);
        }

        if (firstInWindow)
        {
            _log.AddressList(_live.Roles.Of(list), list, address, timeout, family, index, via);
        }

        if (isNew || firstInWindow)
        {
            Publish(FleetOp.Put, list, address, timeout);
        }
    }

    /// <summary>
    /// An entry that came into a list other than by a kernel report (a script, another node): recorded and watched; a new
    /// one is counted and its door's start hook runs. Returns whether it is new to the watch.
    /// </summary>
    private bool EnterWatched(string list, IpRange address, TimeSpan? timeLeft)
    {
        Record(list, address, timeLeft);
        if (!Watch((list, address), timeLeft))
        {
            return false;
        }

        Metrics.Entered(_live.Roles.Of(list));
        Entered(list, address);
        return true;
    }

    /// <summary>An entry that left its list: when it was watched, counted, forgotten, and its door's stop hook runs. Returns whether it was watched.</summary>
    private bool LeaveWatched(string list, IpRange address)
    {
        var key = (list, address);
        if (!_watch.IsWatched(key))
        {
            return false;
        }

        Metrics.Left(_live.Roles.Of(list), _watch.HadTimeout(key));
        _watch.Forget(key);
        Left(list, address);
        return true;
    }

    /// <summary>Watches an entry until it leaves its list; returns whether it is new to the watch.</summary>
    private bool Watch((string List, IpRange Address) key, TimeSpan? timeLeft)
    {
        bool wasFull = _watch.IsFull;
        bool isNew = _watch.Enter(key, timeLeft is not null, Due(timeLeft));
        if (wasFull && !_watch.IsWatched(key) && !_watchFullLogged)
        {
            _watchFullLogged = true;
            _log.WatchFull(_watch.Count, "no room to watch more entries: from now on new entries are logged when they enter a list, not when they leave it");
        }

        return isNew;
    }

    /// <summary>When to look at an entry again: just after its timeout, or after the poll interval for one without.</summary>
    private long Due(TimeSpan? timeLeft) =>
        _options.Time.GetTimestamp() + (long)((timeLeft is { } t ? t + ExpirySlack : _options.PollInterval).TotalSeconds * _options.Time.TimestampFrequency);

    /// <summary>Whether <paramref name="key"/> was not seen within <see cref="RepeatWindow"/>; records it.</summary>
    private bool FirstInWindow((string List, IpRange Address) key)
    {
        long now = _options.Time.GetTimestamp();
        if (_recent.TryGetValue(key, out long last) && _options.Time.GetElapsedTime(last, now) < RepeatWindow)
        {
            return false;
        }

        if (_recent.Count >= 65536)
        {
            _recent.Clear(); // bounded under a flood of spoofed sources: at worst a repeat is logged twice
        }

        _recent[key] = now;
        return true;
    }

    /// <summary>
    /// Looks up the watched entries that are due, one element each (a netlink get, not a dump): gone means expired (or
    /// removed by hand, for one without timeout); still there means refreshed, and it is due again when its new time is up.
    /// </summary>
    private void LookAtDueEntries()
    {
        long now = _options.Time.GetTimestamp();
        _lookupBudget = Math.Min(LookupsPerSecond / 4.0, _lookupBudget + (_options.Time.GetElapsedTime(_lastLookups, now).TotalSeconds * LookupsPerSecond));
        _lastLookups = now;
        if (_lookupBudget < 1)
        {
            return;
        }

        List<(string List, IpRange Address)> due = _watch.TakeDue(now, (int)_lookupBudget);
        _lookupBudget -= due.Count;
        foreach ((string List, IpRange Address) key in due)
        {
            NftElementState? state;
            try
            {
                state = _elements!.Get(NftNames.Table, NftNames.HostSet(key.Address.Family, key.List), key.Address);
            }
            catch (NftException e)
            {
                _log.LookupFailed(key.List, key.Address, e.Message);
                _watch.Forget(key);
                continue;
            }

            if (state is { } present)
            {
                _watch.Enter(key, present.Timeout is not null, Due(present.Expires));
                if (present.Timeout is not null)
                {
                    // Still there after its time: refreshed by a knock the report rate left unreported (or by another node).
                    Publish(FleetOp.Put, key.List, key.Address, present.Expires);
                }

                continue;
            }

            if (_watch.HadTimeout(key))
            {
                Publish(FleetOp.Expire, key.List, key.Address, null);
            }

            _log.Expired(_live.Roles.Of(key.List), key.List, key.Address, _watch.HadTimeout(key));
            LeaveWatched(key.List, key.Address);
        }
    }

    /// <summary>
    /// At start, watches what the sets already hold (after a restart: what the kernel kept), at most
    /// <see cref="WatchCapacity"/> entries in all, so that a flooded set costs a bounded read.
    /// </summary>
    private int WatchExisting()
    {
        int count = 0;
        foreach ((IpFamily family, string list) in _nft!.ListAddressListSets())
        {
            int room = WatchCapacity - _watch.Count;
            if (room <= 0)
            {
                break;
            }

            NftElementDump dump;
            try
            {
                dump = _elements!.Dump(NftNames.Table, NftNames.HostSet(family, list), room);
            }
            catch (NftException e)
            {
                _log.WatchStartFailed(list, e.Message);
                continue;
            }

            foreach ((IpRange address, NftElementState state) in dump.Elements)
            {
                if (address.IsHost)
                {
                    _watch.Enter((list, address), state.Timeout is not null, Due(state.Expires));
                    Record(list, address, state.Expires);
                    count++;
                }
            }

            if (dump.Truncated)
            {
                _log.SetUnwatched(list, family, dump.Elements.Count, "the set holds more entries than the daemon watches; the others are not reported when they leave");
            }
        }

        return count;
    }

    /// <summary>
    /// A set refused an address: it is full. A knock-stage set is emptied — a flood of spoofed first knocks must not lock
    /// the door until the flood ends; sources part-way through a sequence start again — by re-creating it in one
    /// transaction with the chains (a set with a million elements is freed in the background instead of element by
    /// element, as <c>flush set</c> does). Grant and blacklist sets are kept: emptying those would shut out the people
    /// let in, or let back in the people shut out.
    /// </summary>
    private void SetFull(IpFamily family, string list)
    {
        if (_draining)
        {
            return; // a reload is between its commit and its swap: re-creating the set would apply the old rules again
        }

        long now = _options.Time.GetTimestamp();
        EventKind role = _live.Roles.Of(list);
        TimeSpan quiet = role == EventKind.Stage ? FullQuietTime : TimeSpan.FromSeconds(10);
        if (_lastFull.TryGetValue((family, list), out long last) && _options.Time.GetElapsedTime(last, now) < quiet)
        {
            return;
        }

        _lastFull[(family, list)] = now;
        if (role != EventKind.Stage)
        {
            _log.SetFull(list, family, "kept", tookMs: null, watched: null);
            return;
        }

        try
        {
            ApplyVerified(c => c.RecreatingSet(NftNames.HostSet(family, list)));
        }
        catch (NftException e)
        {
            _log.EmptySetFailed(list, e.Message);
            return;
        }

        List<(string List, IpRange Address)> gone = _watch.ForgetList(list, family);
        _log.SetFull(list, family, "emptied", _options.Time.GetElapsedTime(now).TotalMilliseconds, gone.Count);
        foreach ((string goneList, IpRange address) in gone)
        {
            Left(goneList, address);
        }
    }
}
