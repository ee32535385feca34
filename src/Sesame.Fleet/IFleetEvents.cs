namespace Sesame.Fleet;

/// <summary>
/// What the fleet link tells the daemon. Called on the link's own threads: implementations must be thread-safe and quick
/// (queue the work; do not block on the kernel for long).
/// </summary>
public interface IFleetEvents
{
    /// <summary>
    /// The node is in the fleet (first connection, or back after <paramref name="outFor"/>): <paramref name="sent"/> queued
    /// changes were sent and <paramref name="caughtUp"/> changes read from the table.
    /// </summary>
    void Joined(TimeSpan? outFor, int sent, int caughtUp);

    /// <summary>The node is out of the fleet (the database cannot be reached, or refused): it goes on enforcing what it has.</summary>
    void Lost(string reason);

    /// <summary>
    /// Another node's changes, in the fleet's order, this node's own left out. Changes are never lost between two calls:
    /// after a reconnect the link reads the table from the last change it handed over.
    /// </summary>
    void Received(IReadOnlyList<FleetEntry> entries);

    /// <summary>Something went wrong that does not take the node out of the fleet (a batch the database refused, …).</summary>
    void Failed(string message);
}
