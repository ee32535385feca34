using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// The entries the daemon watches so that it can report when they leave their list: each with the time it is next due
/// for a look (when its timeout would run out, or a while later for one without timeout). The daemon never reads a whole
/// set to find expiries — the kernel's dump of a hash set is quadratic in its size, and a flood of spoofed knocks makes
/// sets of a million entries — it looks up each watched entry when it is due (<see cref="TakeDue"/>).
/// </summary>
/// <remarks>
/// Bounded: at most <c>capacity</c> entries. Beyond it new entries are not watched (their entering is still logged, their
/// leaving is not). Times are in the caller's clock units (the daemon's TimeProvider timestamps, anything in tests). Not
/// thread-safe.
/// </remarks>
internal sealed class EntryWatch(int capacity)
{
    private readonly Dictionary<(string List, IpRange Address), Entry> _entries = [];

    // Lazily cleaned: a key whose due time changed stays queued under its old time and is skipped when it comes up.
    private readonly PriorityQueue<(string List, IpRange Address), long> _queue = new();

    public int Count => _entries.Count;

    /// <summary>Whether the watch has no room for another entry.</summary>
    public bool IsFull => _entries.Count >= capacity;

    /// <summary>
    /// Records that <paramref name="key"/> is in its list, due for a look at <paramref name="due"/>. Returns whether it was
    /// not watched before; false too when the watch is full and the key is not in it (<see cref="IsWatched"/> tells).
    /// </summary>
    public bool Enter((string List, IpRange Address) key, bool hasTimeout, long due)
    {
        bool isNew = !_entries.ContainsKey(key);
        if (isNew && IsFull)
        {
            return false;
        }

        _entries[key] = new Entry(hasTimeout, due);
        _queue.Enqueue(key, due);
        return isNew;
    }

    public bool IsWatched((string List, IpRange Address) key) => _entries.ContainsKey(key);

    /// <summary>Whether the entry had a timeout when last seen (an entry without one that goes was removed by hand).</summary>
    public bool HadTimeout((string List, IpRange Address) key) => _entries.TryGetValue(key, out Entry entry) && entry.HasTimeout;

    /// <summary>Up to <paramref name="max"/> watched keys due at <paramref name="now"/>, earliest first; they stay watched
    /// until <see cref="Enter"/> reschedules or <see cref="Forget"/> drops them.</summary>
    public List<(string List, IpRange Address)> TakeDue(long now, int max)
    {
        var due = new List<(string, IpRange)>();
        while (due.Count < max && _queue.TryPeek(out (string List, IpRange Address) key, out long when) && when <= now)
        {
            _queue.Dequeue();
            if (_entries.TryGetValue(key, out Entry entry) && entry.Due == when)
            {
                due.Add(key);
            }
        }

        return due;
    }

    public void Forget((string List, IpRange Address) key) => _entries.Remove(key);

    /// <summary>Drops every watched entry of <paramref name="list"/> in <paramref name="family"/> and returns them.</summary>
    public List<(string List, IpRange Address)> ForgetList(string list, IpFamily family)
    {
        List<(string List, IpRange Address)> gone = [.. _entries.Keys.Where(k => k.List == list && k.Address.Family == family)];
        foreach ((string List, IpRange Address) key in gone)
        {
            _entries.Remove(key);
        }

        return gone;
    }

    private readonly record struct Entry(bool HasTimeout, long Due);
}
