using System.Text;
using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;

namespace Sesame.Linux.Scripting;

/// <summary>
/// What a script reaches on a served host (<c>serve</c>'s scheduler, <c>sesame run</c>): the address-list entries are the
/// elements of <c>table inet sesame</c>'s host sets — with their timeout, time left and comment — plus the configuration's
/// static prefixes and ranges, shown read-only; the filter rules are <see cref="IFilterRuleSwitch"/>'s.
/// </summary>
/// <remarks>
/// One host per run. Ids are handed out the first time an entry is seen and are stable for the host's life; entries seen
/// together get them in the order they were added (estimated from timeout minus time left), the configuration's own
/// entries first, so <c>print</c> and <c>find</c> keep RouterOS's order as far as the kernel tells it. Only lists the
/// compiled table has a set for exist: an entry for another list is refused, never a set created. Not thread-safe: the
/// script worker's thread only.
/// </remarks>
internal sealed class KernelScriptHost : IScriptHost
{
    private readonly IAddressListStore _store;
    private readonly IFilterRuleSwitch _rules;
    private readonly TimeProvider _time;
    private readonly FirewallConfig _config;
    private readonly Dictionary<Key, long> _ids = [];
    private readonly Dictionary<long, Known> _byId = [];
    private long _nextId = 1;

    /// <param name="changed">Told of each entry the script adds or removes (the daemon's list events), or null.</param>
    /// <param name="script">The script whose run this host serves, named in <paramref name="changed"/>'s events.</param>
    public KernelScriptHost(FirewallConfig config, IAddressListStore store, IFilterRuleSwitch rules, TimeProvider time,
        Action<ScriptListChange>? changed = null, string script = "")
    {
        _config = config;
        _store = store;
        _rules = rules;
        _time = time;
        Changed = changed;
        Script = script;
        AddConfigEntries(IpFamily.V4, config.Ipv4AddressList);
        AddConfigEntries(IpFamily.V6, config.Ipv6AddressList);
    }

    private Action<ScriptListChange>? Changed { get; }

    private string Script { get; }

    public DateTimeOffset Now => _time.GetUtcNow();

    public IReadOnlyList<ScriptListEntry> GetEntries(IpFamily family)
    {
        DateTimeOffset now = Now;
        var result = new List<ScriptListEntry>();
        var fresh = new List<(Key Key, NftElementState State, DateTimeOffset Created)>();
        var present = new HashSet<long>();
        foreach ((IpFamily setFamily, string list) in _store.Lists())
        {
            if (setFamily != family)
            {
                continue;
            }

            foreach ((IpRange address, NftElementState state) in Kernel(() => _store.Dump(family, list)))
            {
                var key = new Key(family, list, address);
                if (_ids.TryGetValue(key, out long id))
                {
                    present.Add(id);
                    result.Add(Entry(id, state));
                }
                else
                {
                    fresh.Add((key, state, Created(state, now)));
                }
            }
        }

        foreach ((Key key, NftElementState state, DateTimeOffset created) in fresh.OrderBy(f => f.Created))
        {
            long id = Remember(key, created, fromConfig: false, comment: null);
            present.Add(id);
            result.Add(Entry(id, state));
        }

        foreach ((long id, Known known) in _byId)
        {
            if (known.Key.Family == family && known.Key.Address is { IsHost: false })
            {
                result.Add(Entry(id, new NftElementState(null, null, known.Comment)));
            }
        }

        // Entries that left the kernel (expired, removed by a rule or by hand) lose their ids.
        foreach (long gone in _byId.Where(p => p.Value.Key.Family == family && p.Value.Key.Address.IsHost && !present.Contains(p.Key)).Select(p => p.Key).ToList())
        {
            Forget(gone);
        }

        result.Sort((a, b) => a.Id.CompareTo(b.Id));
        return result;
    }

    public ScriptListEntry? GetEntry(IpFamily family, long id)
    {
        if (!_byId.TryGetValue(id, out Known known) || known.Key.Family != family)
        {
            return null;
        }

        if (!known.Key.Address.IsHost)
        {
            return Entry(id, new NftElementState(null, null, known.Comment));
        }

        NftElementState? state = Kernel(() => _store.Get(family, known.Key.List, known.Key.Address));
        if (state is null)
        {
            Forget(id);
            return null;
        }

        return Entry(id, state.Value);
    }

    public long AddEntry(IpFamily family, ScriptListEntryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IpRange address = HostAddress(family, request.Address, request.DnsName);
        if (request.Disabled)
        {
            throw new ScriptHostException("disabled=yes: the kernel's sets have no disabled entries; add the entry when it is to match");
        }

        RequireList(family, request.List);
        string? comment = CheckComment(request.Comment);
        var key = new Key(family, request.List, address);
        if (Kernel(() => _store.Get(family, request.List, address)) is not null)
        {
            throw new ScriptHostException("failure: already have such entry");
        }

        TimeSpan? timeout = KernelTimeout(request.Timeout, request.Dynamic);
        Kernel(() => _store.Put(request.List, address, timeout, comment));
        if (_ids.TryGetValue(key, out long stale))
        {
            Forget(stale);
        }

        long id = Remember(key, Now, fromConfig: false, comment: null);
        Changed?.Invoke(new ScriptListChange(request.List, address, timeout, Added: true, Script));
        return id;
    }

    public void RemoveEntry(IpFamily family, long id)
    {
        Known known = Require(family, id);
        if (!Kernel(() => _store.Delete(known.Key.List, known.Key.Address)))
        {
            Forget(id);
            throw new ScriptHostException("no such item");
        }

        Forget(id);
        Changed?.Invoke(new ScriptListChange(known.Key.List, known.Key.Address, null, Added: false, Script));
    }

    public void SetEntry(IpFamily family, long id, ScriptListEntryUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        Known known = Require(family, id);
        if (update.Disabled == true)
        {
            throw new ScriptHostException("disabled=yes: the kernel's sets have no disabled entries; remove the entry instead");
        }

        NftElementState current = Kernel(() => _store.Get(family, known.Key.List, known.Key.Address))
            ?? throw Gone(id);
        string list = update.List ?? known.Key.List;
        IpRange address = update.Address is { } a ? HostAddress(family, a, null) : known.Key.Address;
        RequireList(family, list);
        string? comment = update.ClearComment ? null : update.Comment is not null ? CheckComment(update.Comment) : current.Comment;

        // A timeout left alone keeps what is left of it; `!timeout` makes the entry static (RouterOS).
        TimeSpan? timeout = update.ClearTimeout ? null : update.Timeout is { } t ? KernelTimeout(t, dynamic: true) : current.Expires ?? current.Timeout;
        var key = new Key(family, list, address);
        if (key == known.Key)
        {
            Kernel(() => _store.Put(list, address, timeout, comment));
            return;
        }

        if (Kernel(() => _store.Get(family, list, address)) is not null)
        {
            throw new ScriptHostException("failure: already have such entry");
        }

        Kernel(() => _store.Move(known.Key.List, known.Key.Address, list, address, timeout, comment));
        _ids.Remove(known.Key);
        _ids[key] = id;
        _byId[id] = known with { Key = key };
        Changed?.Invoke(new ScriptListChange(known.Key.List, known.Key.Address, null, Added: false, Script));
        Changed?.Invoke(new ScriptListChange(list, address, timeout, Added: true, Script));
    }

    public IReadOnlyList<FilterRule> GetRules(IpFamily family) => _rules.GetRules(family);

    public void SetRulesDisabled(IpFamily family, IReadOnlyList<int> indices, bool disabled) => _rules.SetDisabled(family, indices, disabled);

    public bool Delay(TimeSpan duration, CancellationToken cancellation)
    {
        if (duration <= TimeSpan.Zero)
        {
            return !cancellation.IsCancellationRequested;
        }

        return !cancellation.WaitHandle.WaitOne(duration);
    }

    /// <summary>The configuration's prefixes and ranges: in the kernel's interval sets, which scripts cannot change.</summary>
    private void AddConfigEntries(IpFamily family, EquatableArray<AddressListEntry> entries)
    {
        foreach (AddressListEntry entry in entries)
        {
            if (entry.Address is { IsHost: false } range && range.Family == family && !entry.Disabled)
            {
                Remember(new Key(family, entry.List, range), Now, fromConfig: true, entry.Comment);
            }
        }
    }

    private long Remember(Key key, DateTimeOffset created, bool fromConfig, string? comment)
    {
        long id = _nextId++;
        _ids[key] = id;
        _byId[id] = new Known(key, created, fromConfig, comment);
        return id;
    }

    private void Forget(long id)
    {
        if (_byId.Remove(id, out Known known))
        {
            _ids.Remove(known.Key);
        }
    }

    private Known Require(IpFamily family, long id)
    {
        if (!_byId.TryGetValue(id, out Known known) || known.Key.Family != family)
        {
            throw new ScriptHostException("no such item");
        }

        if (!known.Key.Address.IsHost)
        {
            throw new ScriptHostException($"{known.Key.Address} in '{known.Key.List}' is a prefix or range of the configuration: it is static in the kernel, change the configuration");
        }

        return known;
    }

    private ScriptHostException Gone(long id)
    {
        Forget(id);
        return new ScriptHostException("no such item");
    }

    private ScriptListEntry Entry(long id, NftElementState state)
    {
        Known known = _byId[id];
        bool noneDynamic = state.Timeout is { } t && t >= TimeSpan.FromSeconds(NftExpr.Seconds(NftRulesetBuilder.DynamicWithoutTimeout));
        TimeSpan? left = noneDynamic ? null : state.Expires ?? state.Timeout;
        return new ScriptListEntry(id, known.Key.List, known.Key.Address, null, left,
            Dynamic: state.Timeout is not null, Disabled: false, state.Comment ?? known.Comment, known.Created);
    }

    private static DateTimeOffset Created(NftElementState state, DateTimeOffset now) =>
        state is { Timeout: { } timeout, Expires: { } left } && timeout >= left ? now - (timeout - left) : now;

    private void RequireList(IpFamily family, string list)
    {
        if (!_store.Lists().Contains((family, list)))
        {
            throw new ScriptHostException(
                $"table inet sesame has no {(family == IpFamily.V4 ? "IPv4" : "IPv6")} address list '{list}': only the lists the configuration's rules and entries use exist in the kernel (add it to the configuration)");
        }
    }

    private static IpRange HostAddress(IpFamily family, IpRange? address, string? dnsName)
    {
        if (address is not { } a)
        {
            throw new ScriptHostException(dnsName is null
                ? "address is required"
                : $"address={dnsName}: Sesame does not resolve DNS names; give an address");
        }

        if (a.Family != family)
        {
            throw new ScriptHostException($"{a} is not an {(family == IpFamily.V4 ? "IPv4" : "IPv6")} address (use /{(a.Family == IpFamily.V4 ? "ip" : "ipv6")} firewall address-list)");
        }

        if (!a.IsHost)
        {
            throw new ScriptHostException($"{a}: a script adds single addresses; prefixes and ranges belong in the configuration");
        }

        return a;
    }

    private static TimeSpan? KernelTimeout(TimeSpan? timeout, bool dynamic) =>
        timeout is { } t && t > TimeSpan.Zero ? t : dynamic ? NftRulesetBuilder.DynamicWithoutTimeout : null;

    private static string? CheckComment(string? comment)
    {
        if (comment is null)
        {
            return null;
        }

        if (comment.Contains('\0', StringComparison.Ordinal))
        {
            throw new ScriptHostException("comment holds a NUL byte, which the kernel would cut there");
        }

        int bytes = Encoding.UTF8.GetByteCount(comment);
        if (bytes > NftCommandGuard.MaxComment)
        {
            throw new ScriptHostException($"comment is {bytes} bytes long; the kernel's set elements keep at most {NftCommandGuard.MaxComment}");
        }

        return comment.Length == 0 ? null : comment;
    }

    /// <summary>A kernel failure is the script's runtime error (which <c>on-error</c> can catch), never the daemon's.</summary>
    private static T Kernel<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (NftException e)
        {
            throw new ScriptHostException("kernel: " + e.Message.Split('\n', 2)[0], e);
        }
    }

    private static void Kernel(Action action) => Kernel(() =>
    {
        action();
        return 0;
    });

    private readonly record struct Key(IpFamily Family, string List, IpRange Address);

    private readonly record struct Known(Key Key, DateTimeOffset Created, bool FromConfig, string? Comment);
}
