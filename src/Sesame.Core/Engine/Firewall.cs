using System.Text.RegularExpressions;
using Sesame.Engine.AddressLists;
using Sesame.Engine.Interfaces;
using Sesame.Engine.Rules;
using Sesame.Engine.Tracking;
using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;

namespace Sesame.Engine;

/// <summary>
/// Evaluates packets against a <see cref="FirewallConfig"/> as RouterOS's filter would (ROUTEROS.md §2–§4, §8), keeping
/// the mutable state — address lists, connection tracking, rule counters — that the rules create.
/// </summary>
/// <remarks>
/// The configuration is compiled once: chains to rule-index arrays, list names to ids, interface lists to bitsets,
/// Layer7 patterns to regexes, so <see cref="Process"/> allocates nothing. Time is read only through
/// <see cref="TimeProvider.GetUtcNow"/>. Not thread-safe: one owner feeds it packets.
/// </remarks>
public sealed partial class Firewall
{
    private readonly TimeProvider _time;
    private readonly InterfaceTable _interfaces;
    private readonly AddressListStore _lists;

    // List names by number n; the store's id of list n is 2n for IPv4 and 2n + 1 for IPv6, so a script can add a list
    // no rule names without renumbering the lists the compiled rules hold.
    private readonly List<string> _listNames = [];
    private readonly Dictionary<string, int> _listNumbers = new(StringComparer.Ordinal);
    private readonly RuleSet _v4;
    private readonly RuleSet _v6;
    private readonly Regex[] _layer7;
    private readonly ConnectionTable _connections = new();
    private bool _tracking;
    private long _packetSerial;

    /// <summary>Compiles <paramref name="config"/>; its address-list entries are the initial state, timeouts counting from now.</summary>
    public Firewall(FirewallConfig config, TimeProvider time)
        : this(config, time, ConnectionTracking.Always)
    {
    }

    /// <summary>As <see cref="Firewall(FirewallConfig, TimeProvider)"/>, choosing when connections are tracked.</summary>
    public Firewall(FirewallConfig config, TimeProvider time, ConnectionTracking tracking)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _interfaces = new InterfaceTable(config);

        foreach (AddressListEntry e in config.Ipv4AddressList.Concat(config.Ipv6AddressList))
        {
            ListNumber(e.List);
        }

        foreach (FilterRule r in config.Ipv4Filter.Concat(config.Ipv6Filter))
        {
            if (r.AddressList is not null)
            {
                ListNumber(r.AddressList);
            }

            if (r.SrcAddressList is { } src)
            {
                ListNumber(src.Value);
            }

            if (r.DstAddressList is { } dst)
            {
                ListNumber(dst.Value);
            }
        }

        _lists = new AddressListStore(Math.Max(2, 2 * _listNames.Count));

        var layer7 = new Dictionary<string, int>(StringComparer.Ordinal);
        var patterns = new List<Regex>();
        foreach (Layer7Protocol protocol in config.Layer7Protocols)
        {
            if (!layer7.ContainsKey(protocol.Name) && Layer7Pattern.TryCompile(protocol.Regexp, out Regex? regex, out _))
            {
                layer7[protocol.Name] = patterns.Count;
                patterns.Add(regex);
            }
        }

        _layer7 = [.. patterns];
        _v4 = RuleCompiler.Compile(config.Ipv4Filter, name => ListId(name, IpFamily.V4), _interfaces, layer7);
        _v6 = RuleCompiler.Compile(config.Ipv6Filter, name => ListId(name, IpFamily.V6), _interfaces, layer7);

        // Decision for ConnectionTracking.Auto (RouterOS's enabled=auto, ROUTEROS.md §2.6, also leaves conntrack off while it
        // cannot matter): the connection table feeds only the connection-state, connection-limit and Layer7 matchers, the
        // fasttrack action and the filter bypass of fasttracked connections. Without a rule that has one of them, no
        // verdict, counter or address-list change depends on it, and skipping it saves a hash-table operation per packet.
        _tracking = tracking == ConnectionTracking.Always || _v4.ObservesConnections || _v6.ObservesConnections;

        long now = time.GetUtcNow().UtcTicks;
        AddInitialEntries(config.Ipv4AddressList, IpFamily.V4, now);
        AddInitialEntries(config.Ipv6AddressList, IpFamily.V6, now);
    }

    /// <summary>Whether packets go through connection tracking (see <see cref="ConnectionTracking"/>).</summary>
    public bool TracksConnections => _tracking;

    /// <summary>Told of every address-list change, in time order.</summary>
    public IAddressListObserver? Observer { get; set; }

    /// <summary>A stable small id for an interface name, to put in <see cref="Packet.InInterface"/>/<see cref="Packet.OutInterface"/>.</summary>
    public int ResolveInterface(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _interfaces.Resolve(name);
    }

    /// <summary>A rule's packet and byte counters; <paramref name="ruleIndex"/> is its index in the family's filter list.</summary>
    public RuleCounter GetCounter(IpFamily family, int ruleIndex)
    {
        RuleSet rules = family == IpFamily.V6 ? _v6 : _v4;
        ArgumentOutOfRangeException.ThrowIfNegative(ruleIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(ruleIndex, rules.Packets.Length);
        return new RuleCounter(rules.Packets[ruleIndex], rules.Bytes[ruleIndex]);
    }

    /// <summary>The entries of the family's address lists after expiring what is due: by list name (ordinal), then insertion order.</summary>
    public IReadOnlyList<AddressListEntryState> GetAddressLists(IpFamily family)
    {
        long now = _time.GetUtcNow().UtcTicks;
        ExpireDue(now);
        var slots = new List<int>();
        for (int slot = 0; slot < _lists.Capacity; slot++)
        {
            ref readonly AddressListSlot s = ref _lists[slot];
            if ((s.Flags & SlotFlags.Live) != 0 && AddressListStore.FamilyOf(s) == family)
            {
                slots.Add(slot);
            }
        }

        slots.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(ListName(_lists[a].List), ListName(_lists[b].List));
            return c != 0 ? c : _lists[a].Sequence.CompareTo(_lists[b].Sequence);
        });

        var result = new List<AddressListEntryState>(slots.Count);
        foreach (int slot in slots)
        {
            // One reading of a slot for both views: the print's and a script's (Firewall.Scripting.cs).
            ScriptListEntry e = Describe(slot, now);
            result.Add(new AddressListEntryState(e.List, family, e.Address, e.DnsName, e.Timeout, e.Dynamic, e.Disabled, e.Comment, e.CreationTime));
        }

        return result;
    }

    /// <summary>Removes the entries whose timeout has run out by now, telling the <see cref="Observer"/>.</summary>
    public void ExpireDue() => ExpireDue(_time.GetUtcNow().UtcTicks);

    private string ListName(int id) => _listNames[id >> 1];

    /// <summary>The number of a list name, given a new one when it is new.</summary>
    private int ListNumber(string name)
    {
        if (!_listNumbers.TryGetValue(name, out int number))
        {
            number = _listNames.Count;
            _listNumbers.Add(name, number);
            _listNames.Add(name);
        }

        return number;
    }

    /// <summary>The store's id of the family's list <paramref name="name"/>, making room for a new list.</summary>
    private int ListId(string name, IpFamily family)
    {
        int id = (2 * ListNumber(name)) + (family == IpFamily.V6 ? 1 : 0);
        _lists.EnsureLists(id + 1);
        return id;
    }

    private void AddInitialEntries(IReadOnlyList<AddressListEntry> entries, IpFamily family, long now)
    {
        foreach (AddressListEntry e in entries)
        {
            int list = ListId(e.List, family);
            // A duplicate address is refused by RouterOS ("already have such entry", ROUTEROS.md §3.2): keep the first.
            if (e.Address is IpRange a && (a.Family != family || _lists.Find(list, a) >= 0))
            {
                continue;
            }

            long expiresAt = e.Timeout is TimeSpan t && t > TimeSpan.Zero ? now + t.Ticks : long.MaxValue;
            _lists.Add(list, family, e.Address, e.DnsName, expiresAt, !e.IsStatic, e.Disabled, e.Comment, now);
        }
    }
}
