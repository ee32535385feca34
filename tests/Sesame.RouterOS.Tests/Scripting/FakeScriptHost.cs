using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;

namespace Sesame.Tests.Scripting;

/// <summary>An in-memory router for scripts: address lists of both families, filter rules, a clock that :delay moves on.</summary>
internal sealed class FakeScriptHost : IScriptHost
{
    // Ordered by id, which is the order of adding; O(log n) by id, as a real host's index is.
    private readonly Dictionary<IpFamily, SortedDictionary<long, ScriptListEntry>> _entries = new()
    {
        [IpFamily.V4] = [],
        [IpFamily.V6] = [],
    };

    private readonly Dictionary<IpFamily, List<FilterRule>> _rules = new()
    {
        [IpFamily.V4] = [],
        [IpFamily.V6] = [],
    };

    private readonly HashSet<(IpFamily, string, IpRange?, string?)> _keys = [];
    private long _nextId = 1;

    public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public int GetEntriesCalls { get; private set; }

    public List<(IpFamily Family, IReadOnlyList<int> Indices, bool Disabled)> RuleChanges { get; } = [];

    public IReadOnlyList<ScriptListEntry> Entries(IpFamily family = IpFamily.V4) => [.. _entries[family].Values];

    public long Add(string list, string address, TimeSpan? timeout = null, string? comment = null)
    {
        IpRange range = IpRange.TryParse(address, out IpRange? r) ? r.Value : throw new ArgumentException(address);
        return AddEntry(range.Family, new ScriptListEntryRequest(list, range, null, timeout, timeout is not null, false, comment));
    }

    public void Clear()
    {
        _entries[IpFamily.V4].Clear();
        _entries[IpFamily.V6].Clear();
        _keys.Clear();
        GetEntriesCalls = 0;
    }

    public void AddRule(FilterRule rule, IpFamily family = IpFamily.V4) => _rules[family].Add(rule);

    public IReadOnlyList<ScriptListEntry> GetEntries(IpFamily family)
    {
        GetEntriesCalls++;
        return [.. _entries[family].Values];
    }

    public ScriptListEntry? GetEntry(IpFamily family, long id) => _entries[family].GetValueOrDefault(id);

    public long AddEntry(IpFamily family, ScriptListEntryRequest request)
    {
        if (!_keys.Add((family, request.List, request.Address, request.DnsName)))
        {
            throw new ScriptHostException("failure: already have such entry");
        }

        long id = _nextId++;
        _entries[family].Add(id, new ScriptListEntry(id, request.List, request.Address, request.DnsName, request.Timeout,
            request.Dynamic || request.Timeout is not null, request.Disabled, request.Comment, Now));
        return id;
    }

    public void RemoveEntry(IpFamily family, long id)
    {
        if (!_entries[family].Remove(id, out ScriptListEntry? e))
        {
            throw new ScriptHostException("no such item");
        }

        _keys.Remove((family, e.List, e.Address, e.DnsName));
    }

    public void SetEntry(IpFamily family, long id, ScriptListEntryUpdate update)
    {
        if (!_entries[family].TryGetValue(id, out ScriptListEntry? e))
        {
            throw new ScriptHostException("no such item");
        }

        _keys.Remove((family, e.List, e.Address, e.DnsName));
        ScriptListEntry changed = _entries[family][id] = e with
        {
            List = update.List ?? e.List,
            Address = update.Address ?? e.Address,
            Timeout = update.ClearTimeout ? null : update.Timeout ?? e.Timeout,
            Disabled = update.Disabled ?? e.Disabled,
            Comment = update.ClearComment ? null : update.Comment ?? e.Comment,
        };
        _keys.Add((family, changed.List, changed.Address, changed.DnsName));
    }

    public IReadOnlyList<FilterRule> GetRules(IpFamily family) => _rules[family];

    public void SetRulesDisabled(IpFamily family, IReadOnlyList<int> indices, bool disabled)
    {
        RuleChanges.Add((family, indices, disabled));
        foreach (int i in indices)
        {
            _rules[family][i] = _rules[family][i] with { Disabled = disabled };
        }
    }

    public bool Delay(TimeSpan duration, CancellationToken cancellation)
    {
        Now += duration;
        return !cancellation.IsCancellationRequested;
    }
}
