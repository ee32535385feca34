namespace Sesame.Fleet;

/// <summary>The daemon's side of fleet mode (a fake in unit tests, <see cref="FleetLink"/> in the program).</summary>
public interface IFleetLink : IDisposable
{
    /// <summary>This node's name in the fleet.</summary>
    string Node { get; }

    /// <summary>Whether the link is connected to the database now.</summary>
    bool Connected { get; }

    /// <summary>Changes waiting to be sent (queued while out of the fleet; one per list and address, the latest).</summary>
    int Queued { get; }

    /// <summary>Connects in the background and starts delivering to <paramref name="events"/>; never throws for a database that cannot be reached.</summary>
    void Start(IFleetEvents events);

    /// <summary>Queues a change of this node's for the fleet: thread-safe, never blocks, coalesces per list and address.</summary>
    void Publish(FleetChange change);
}
