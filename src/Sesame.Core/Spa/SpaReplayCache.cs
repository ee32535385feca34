namespace Sesame.Spa;

/// <summary>
/// The digests of accepted SPA packets, each kept until its packet's timestamp has left the window (so the cache holds
/// rate × window entries, not uptime's worth), with O(1) lookups. With a path, every accepted digest is written to a
/// journal before the grant, so a restart — or <c>kill -9</c> — does not forget it; the journal is compacted when it holds
/// mostly expired entries.
/// </summary>
/// <remarks>
/// <para>Memory: a hash set of 32-byte keys and a min-heap of (key, keep-until) — about 100 bytes per entry (measured by
/// <c>SpaReplayCacheMemory</c> in bench/). Expired entries are dropped on each call, oldest first, O(log n) each.</para>
/// <para>Journal (<see cref="SpaReplayJournal"/>): a 16-byte header (<c>SESAMERJ</c>, version, record size) and 48-byte
/// records (digest key, keep-until in Unix seconds, a check), appended with one <c>pwrite</c> per accepted digest before
/// <see cref="TryAdd"/> returns: a process killed right after loses nothing. Not fsynced unless
/// <see cref="SyncEachAdd"/> (a power cut can lose the last seconds of grants; the firewall's sets are lost with it).
/// The file is locked (flock) while open: a second daemon on the same journal fails to start.</para>
/// <para>Thread-safe: verifiers on several threads may share one cache.</para>
/// </remarks>
public sealed class SpaReplayCache : IDisposable
{
    private readonly TimeProvider _time;
    private readonly HashSet<SpaDigestKey> _keys = [];
    private readonly PriorityQueue<SpaDigestKey, long> _expiry = new();
    private readonly SpaReplayJournal? _journal;
    private readonly Lock _gate = new();

    /// <summary>An in-memory cache (tests, <c>simulate</c>).</summary>
    public SpaReplayCache(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Opens or creates the journal at <paramref name="path"/> (mode 0600) and loads its unexpired entries.</summary>
    /// <exception cref="IOException">
    /// The journal cannot be read or written, or is corrupt (then the message says how to proceed: starting with an
    /// empty cache would let recent packets be replayed, so the cache refuses rather than guess).
    /// </exception>
    public SpaReplayCache(string path, TimeProvider time)
        : this(time)
    {
        ArgumentNullException.ThrowIfNull(path);
        long now = time.GetUtcNow().ToUnixTimeSeconds();
        _journal = SpaReplayJournal.Open(path, (key, keepUntil) =>
        {
            if (keepUntil >= now && _keys.Add(key))
            {
                _expiry.Enqueue(key, keepUntil);
            }
        });
    }

    /// <summary>The journal's path, or null for an in-memory cache.</summary>
    public string? Path => _journal?.Path;

    /// <summary>fsync the journal after each accepted digest (survives a power cut, costs a disk flush per grant).</summary>
    public bool SyncEachAdd { get; init; }

    /// <summary>Compact when the journal holds at least this many records and more than twice the live ones.</summary>
    public int CompactionThreshold { get; init; } = 65536;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                Expire();
                return _keys.Count;
            }
        }
    }

    /// <summary>The records in the journal file, live and expired (0 for an in-memory cache).</summary>
    public long JournalRecords => _journal?.Records ?? 0;

    public bool Contains(ReadOnlySpan<byte> digest)
    {
        SpaDigestKey key = SpaDigestKey.From(digest);
        lock (_gate)
        {
            Expire();
            return _keys.Contains(key);
        }
    }

    /// <summary>Records <paramref name="digest"/> until <paramref name="keepUntil"/>; false when it is already there (a replay).</summary>
    /// <exception cref="IOException">The journal could not be written: the digest is not recorded, so the caller must not grant.</exception>
    public bool TryAdd(ReadOnlySpan<byte> digest, DateTimeOffset keepUntil)
    {
        SpaDigestKey key = SpaDigestKey.From(digest);
        // Round up: an entry is never dropped before its time.
        long until = (keepUntil.ToUnixTimeMilliseconds() + 999) / 1000;
        lock (_gate)
        {
            Expire();
            if (_keys.Contains(key))
            {
                return false;
            }

            if (_journal is not null)
            {
                _journal.Append(key, until, SyncEachAdd);
            }

            _keys.Add(key);
            _expiry.Enqueue(key, until);
            if (_journal is not null && _journal.Records >= CompactionThreshold && _journal.Records > 2L * _keys.Count)
            {
                _journal.Rewrite(_expiry.UnorderedItems);
            }

            return true;
        }
    }

    /// <summary>Rewrites the journal with only the live entries (to a temporary file, then renamed over it).</summary>
    public void Compact()
    {
        lock (_gate)
        {
            Expire();
            _journal?.Rewrite(_expiry.UnorderedItems);
        }
    }

    /// <summary>fsync the journal: what was accepted so far survives a power cut.</summary>
    public void Flush()
    {
        lock (_gate)
        {
            _journal?.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _journal?.Dispose();
        }
    }

    private void Expire()
    {
        long now = _time.GetUtcNow().ToUnixTimeSeconds();
        while (_expiry.TryPeek(out SpaDigestKey key, out long until) && until < now)
        {
            _expiry.Dequeue();
            _keys.Remove(key);
        }
    }
}
