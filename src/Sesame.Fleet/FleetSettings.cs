namespace Sesame.Fleet;

/// <summary>How a node joins the fleet.</summary>
/// <param name="ConnectionString">An Npgsql connection string, password included when one was given (<see cref="FleetConnection"/>).</param>
/// <param name="Node">This node's name in the fleet (default: the host name; unique per node).</param>
public sealed record FleetSettings(string ConnectionString, string Node)
{
    /// <summary>The daemon's clock (the <see cref="FleetChange.At"/> timestamps are of this provider).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>At most this many distinct (list, address) changes wait while out of the fleet; beyond it the oldest are dropped (logged).</summary>
    public int QueueCapacity { get; init; } = 1_000_000;
}
