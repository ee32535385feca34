using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// The daemon's own copy of who is in a grant or blacklist list, with each entry's absolute expiry, so that a repair after
/// someone deleted the table (or a set) can put them back with the time they had left: a flushed ruleset must neither shut
/// out the people let in nor let back in the people shut out. Knock-stage lists are not recorded (a source part-way
/// through its sequence knocks again).
/// </summary>
/// <remarks>
/// Fed from the entries the daemon reported, the entries it found at start-up and every element the kernel announces as
/// added; an element the kernel announces as deleted — by anybody, <c>sesame lists remove</c> included — leaves the record,
/// so a repair never brings back a revoked grant. Bounded to <c>capacity</c> entries (beyond it, new ones are not
/// recorded, and <see cref="Full"/> says so). Thread-safe: the NFLOG loop and the table watcher both feed it.
/// </remarks>
internal sealed class GrantRecord(TimeProvider time, int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string List, IpRange Address), long?> _entries = [];
    private long _lastPurge;

    /// <summary>Set once an entry could not be recorded for want of room.</summary>
    public bool Full { get; private set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Records that <paramref name="address"/> is in <paramref name="list"/> for <paramref name="timeLeft"/> more (null: no timeout).</summary>
    public void Enter(string list, IpRange address, TimeSpan? timeLeft)
    {
        long? expires = timeLeft is { } t ? time.GetTimestamp() + (long)(t.TotalSeconds * time.TimestampFrequency) : null;
        lock (_lock)
        {
            if (_entries.Count >= capacity && !_entries.ContainsKey((list, address)))
            {
                // A purge walks every entry: at most one a second, or a flood of new entries into a full record would cost
                // capacity × flood steps.
                if (_lastPurge == 0 || time.GetElapsedTime(_lastPurge) >= TimeSpan.FromSeconds(1))
                {
                    Purge();
                }

                if (_entries.Count >= capacity)
                {
                    Full = true;
                    return;
                }
            }

            _entries[(list, address)] = expires;
        }
    }

    /// <summary>Forgets everything (before the record is read again from the kernel).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            Full = false;
        }
    }

    /// <summary>Says that entries were left out for want of room (a bounded read from the kernel stopped short).</summary>
    public void LeftOut()
    {
        lock (_lock)
        {
            Full = true;
        }
    }

    public void Remove(string list, IpRange address)
    {
        lock (_lock)
        {
            _entries.Remove((list, address));
        }
    }

    /// <summary>The entries whose time is not up, with the time each has left (null: no timeout); drops the others.</summary>
    public List<(string List, IpRange Address, TimeSpan? TimeLeft)> Unexpired()
    {
        lock (_lock)
        {
            Purge();
            long now = time.GetTimestamp();
            var result = new List<(string, IpRange, TimeSpan?)>(_entries.Count);
            foreach (KeyValuePair<(string List, IpRange Address), long?> entry in _entries)
            {
                result.Add((entry.Key.List, entry.Key.Address, entry.Value is { } expires ? time.GetElapsedTime(now, expires) : null));
            }

            return result;
        }
    }

    private void Purge()
    {
        long now = time.GetTimestamp();
        _lastPurge = now;
        List<(string, IpRange)>? expired = null;
        foreach (KeyValuePair<(string List, IpRange Address), long?> entry in _entries)
        {
            if (entry.Value is { } expires && expires <= now)
            {
                (expired ??= []).Add(entry.Key);
            }
        }

        foreach ((string, IpRange) key in expired ?? [])
        {
            _entries.Remove(key);
        }
    }
}
