using System.Diagnostics;
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

    private readonly FirewallConfig _config;
    private readonly DaemonOptions _options;
    private readonly DaemonEventLog _log;
    private readonly ListRoles _roles;
    private readonly Dictionary<(IpFamily Family, int Index), Layer7Rule> _layer7 = [];
    private readonly Dictionary<(string List, IpRange Address), long> _recent = [];
    private Dictionary<(string List, IpRange Address), bool> _known = [];
    private NftContext? _nft;
    private NflogSocket? _nflog;
    private long _lastPoll;

    public SesameDaemon(FirewallConfig config, DaemonOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        _config = config;
        _options = options;
        _log = new DaemonEventLog(log);
        _roles = new ListRoles(config);
        Compilation = NftCompiler.Compile(config, new NftCompilerOptions { NflogGroup = options.NflogGroup });
        FindLayer7Rules(IpFamily.V4, config.Ipv4Filter);
        FindLayer7Rules(IpFamily.V6, config.Ipv6Filter);
    }

    /// <summary>The ruleset <see cref="Start"/> applies, with what the compiler had to approximate.</summary>
    public NftCompilation Compilation { get; }

    /// <summary>
    /// Binds the NFLOG group (first, so that no packet logged after the rules go in is missed), then applies the ruleset
    /// in one transaction. A restart re-attaches: the sets, and the addresses in them, are kept (see <see cref="NftCompiler"/>).
    /// </summary>
    /// <exception cref="NflogException">The group cannot be bound (no CAP_NET_ADMIN, or another daemon holds it).</exception>
    /// <exception cref="NftException">The kernel refused the ruleset; nothing was changed.</exception>
    public void Start()
    {
        _nflog = new NflogSocket(_options.NflogGroup, _options.Layer7Snaplen());
        _nft = new NftContext();
        _nft.Apply(Compilation);
        _known = Snapshot();
        _lastPoll = Stopwatch.GetTimestamp();
        _log.Message("start", $"group={_options.NflogGroup} entries={_known.Count} layer7-rules={_layer7.Count}");
    }

    /// <summary>Handles logged packets and watches for expiries until <paramref name="cancellation"/> is signalled.</summary>
    public void Run(CancellationToken cancellation)
    {
        if (_nflog is null || _nft is null)
        {
            throw new InvalidOperationException("Start the daemon first.");
        }

        byte[] buffer = new byte[256 * 1024];
        TimeSpan wait = _options.PollInterval < TimeSpan.FromMilliseconds(250) ? _options.PollInterval : TimeSpan.FromMilliseconds(250);
        _nflog.ReceiveTimeout = wait;
        while (!cancellation.IsCancellationRequested)
        {
            int received = _nflog.Receive(buffer);
            if (received > 0)
            {
                var reader = new NflogMessageReader(buffer.AsSpan(0, received));
                while (reader.TryReadNext(out NflogPacket packet))
                {
                    Handle(packet);
                }
            }

            if (Stopwatch.GetElapsedTime(_lastPoll) >= _options.PollInterval)
            {
                Poll();
            }
        }
    }

    /// <summary>Releases the NFLOG group; with <see cref="DaemonOptions.RemoveOnExit"/> also deletes the table.</summary>
    public void Dispose()
    {
        _nflog?.Dispose();
        if (_nft is not null)
        {
            if (_options.RemoveOnExit)
            {
                try
                {
                    _nft.Apply($"delete table {NftNames.QualifiedTable}\n");
                    _log.Message("stop", "table=removed");
                }
                catch (NftException e)
                {
                    _log.Message("error", $"stage=remove-table message={DaemonEventLog.Value(e.Message)}");
                }
            }
            else
            {
                _log.Message("stop", "table=kept");
            }

            _nft.Dispose();
        }
    }

    private void Handle(NflogPacket packet)
    {
        Span<char> prefix = stackalloc char[128];
        int length = System.Text.Encoding.UTF8.GetChars(packet.Prefix[..Math.Min(packet.Prefix.Length, 128)], prefix);
        if (!NftLogPrefix.TryParse(prefix[..length], out bool isLayer7, out IpFamily family, out int index)
            || !IpPacketView.TryParse(packet.Payload, out IpPacketView ip) || ip.Family != family)
        {
            return;
        }

        EquatableArray<FilterRule> rules = family == IpFamily.V4 ? _config.Ipv4Filter : _config.Ipv6Filter;
        if ((uint)index >= (uint)rules.Count || rules[index].AddressList is not { } list)
        {
            return;
        }

        FilterRule rule = rules[index];
        IpRange address = IpRange.Host(family, rule.Action == FilterAction.AddDstToAddressList ? ip.Destination : ip.Source);
        TimeSpan? timeout = rule.AddressListTimeout is { Kind: AddressListTimeoutKind.Timed } t ? t.Duration : null;
        if (isLayer7)
        {
            HandleLayer7(family, index, list, address, timeout, ip.Data);
            return;
        }

        Report(list, address, timeout, family, index, "kernel");
    }

    private void Report(string list, IpRange address, TimeSpan? timeout, IpFamily family, int index, string via)
    {
        _known[(list, address)] = timeout is not null;
        if (FirstInWindow((list, address)))
        {
            _log.AddressList(_roles.Of(list), list, address, timeout, family, index, via);
        }
    }

    /// <summary>Whether <paramref name="key"/> was not seen within <see cref="RepeatWindow"/>; records it.</summary>
    private bool FirstInWindow((string List, IpRange Address) key)
    {
        long now = Stopwatch.GetTimestamp();
        if (_recent.TryGetValue(key, out long last) && Stopwatch.GetElapsedTime(last, now) < RepeatWindow)
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

    /// <summary>Reads the sets and reports the entries that went since the last look: expired, or removed by hand.</summary>
    private void Poll()
    {
        _lastPoll = Stopwatch.GetTimestamp();
        Dictionary<(string List, IpRange Address), bool> now;
        try
        {
            now = Snapshot();
        }
        catch (NftException e)
        {
            _log.Message("error", $"stage=poll message={DaemonEventLog.Value(e.Message)}");
            return;
        }

        foreach (((string list, IpRange address), bool hadTimeout) in _known)
        {
            if (!now.ContainsKey((list, address)))
            {
                _log.Expired(_roles.Of(list), list, address, hadTimeout);
            }
        }

        _known = now;
    }

    private Dictionary<(string List, IpRange Address), bool> Snapshot()
    {
        var result = new Dictionary<(string, IpRange), bool>();
        foreach (NftAddressListElement element in _nft!.ListAddressLists())
        {
            if (element.Address.IsHost)
            {
                result[(element.List, element.Address)] = element.Timeout is not null;
            }
        }

        return result;
    }
}
