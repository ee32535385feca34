using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

public sealed partial class SesameDaemon
{
    /// <summary>How often the daemon compares what each add-to-list rule matched with what it was told of.</summary>
    private static readonly TimeSpan UnreportedInterval = TimeSpan.FromSeconds(10);

    private readonly Dictionary<(IpFamily Family, int Index), long> _reported = [];
    private Dictionary<(IpFamily Family, int Index), ulong> _lastCounters = [];
    private long _lastUnreportedCheck;

    /// <summary>A packet of this rule reached the daemon (<see cref="NftLogKind.AddressList"/>).</summary>
    private void CountReported(IpFamily family, int index) =>
        _reported[(family, index)] = _reported.GetValueOrDefault((family, index)) + 1;

    /// <summary>
    /// Every <see cref="UnreportedInterval"/>: for each add-to-list rule, the packets its counter counted that did not reach
    /// the daemon (the per-rule report limit, <see cref="NftCompilerOptions.ReportRate"/>), as one line — under a flood the
    /// log says how much it left out instead of silently sampling. The counters come from a listing without set elements,
    /// which stays cheap however full the sets are.
    /// </summary>
    private void CheckUnreported(bool baselineOnly = false)
    {
        if (!baselineOnly && _options.Time.GetElapsedTime(_lastUnreportedCheck) < UnreportedInterval)
        {
            return;
        }

        TimeSpan window = _options.Time.GetElapsedTime(_lastUnreportedCheck);
        _lastUnreportedCheck = _options.Time.GetTimestamp();
        IReadOnlyList<NftRuleCounter> counters;
        try
        {
            counters = _nft!.ListCounters();
        }
        catch (NftException e)
        {
            _log.CountersFailed(e.Message);
            return;
        }

        // Packets counted before the read may still be on their way to the daemon: take them in first, so that only
        // what the report limit left out is called unreported.
        for (int datagrams = 0; datagrams < 10_000 && _nflog!.HasPending; datagrams++)
        {
            ReceiveOnce();
        }

        var now = counters.ToDictionary(c => (c.Family, c.Index), c => c.Packets);
        if (!baselineOnly)
        {
            foreach (((IpFamily family, int index), ulong packets) in now)
            {
                EquatableArray<FilterRule> rules = family == IpFamily.V4 ? _config.Ipv4Filter : _config.Ipv6Filter;
                if ((uint)index >= (uint)rules.Count || !rules[index].Action.AddsToAddressList() || rules[index].AddressList is not { } list
                    || _layer7.ContainsKey((family, index)) || !_lastCounters.TryGetValue((family, index), out ulong before) || packets < before)
                {
                    continue;
                }

                long unreported = (long)(packets - before) - _reported.GetValueOrDefault((family, index));
                if (unreported > 0)
                {
                    _log.Unreported(list, family, index, unreported, window.TotalSeconds);
                }
            }
        }

        _lastCounters = now;
        _reported.Clear();
    }
}
