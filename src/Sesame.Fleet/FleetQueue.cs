using Sesame.Net;

namespace Sesame.Fleet;

/// <summary>
/// This node's changes waiting to be sent: one per (list, address), the latest (a refresh replaces the grant it refreshes),
/// in the order of their latest change; beyond the capacity the oldest go. Thread-safe; every call is short.
/// </summary>
internal sealed class FleetQueue(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string List, IpRange Address), LinkedListNode<FleetChange>> _index = [];
    private readonly LinkedList<FleetChange> _order = new();
    private long _dropped;

    public int Capacity { get; } = Math.Max(1, capacity);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="change"/>, replacing an older one for the same list and address.</summary>
    public void Add(FleetChange change)
    {
        lock (_gate)
        {
            if (_index.Remove((change.List, change.Address), out LinkedListNode<FleetChange>? old))
            {
                _order.Remove(old);
            }

            _index[(change.List, change.Address)] = _order.AddLast(change);
            TrimLocked();
        }
    }

    /// <summary>Takes up to <paramref name="max"/> of the oldest changes out of the queue.</summary>
    public List<FleetChange> Take(int max)
    {
        lock (_gate)
        {
            var batch = new List<FleetChange>(Math.Min(max, _order.Count));
            while (batch.Count < max && _order.First is { } first)
            {
                _order.RemoveFirst();
                _index.Remove((first.Value.List, first.Value.Address));
                batch.Add(first.Value);
            }

            return batch;
        }
    }

    /// <summary>
    /// Puts back a batch that could not be sent, ahead of what came since (it is older); a change published meanwhile for
    /// the same list and address is newer and stays instead.
    /// </summary>
    public void Return(List<FleetChange> batch)
    {
        lock (_gate)
        {
            for (int i = batch.Count - 1; i >= 0; i--)
            {
                FleetChange change = batch[i];
                if (!_index.ContainsKey((change.List, change.Address)))
                {
                    _index[(change.List, change.Address)] = _order.AddFirst(change);
                }
            }

            TrimLocked();
        }
    }

    /// <summary>How many changes were dropped for want of room and not yet reported.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Marks <paramref name="count"/> drops as reported.</summary>
    public void Reported(long count) => Interlocked.Add(ref _dropped, -count);

    private void TrimLocked()
    {
        while (_order.Count > Capacity && _order.First is { } first)
        {
            _order.RemoveFirst();
            _index.Remove((first.Value.List, first.Value.Address));
            Interlocked.Increment(ref _dropped);
        }
    }
}
