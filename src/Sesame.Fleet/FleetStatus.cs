namespace Sesame.Fleet;

/// <summary>What <c>sesame fleet status</c> shows.</summary>
/// <param name="Now">The database's clock when read.</param>
/// <param name="Nodes">Every node that ever joined, by name.</param>
/// <param name="Lists">Each list's live entries (unexpired, not removed) in the fleet's table, by name.</param>
/// <param name="LastSeq">The latest change's number.</param>
public sealed record FleetStatus(DateTimeOffset Now, IReadOnlyList<FleetNode> Nodes, IReadOnlyList<FleetListSize> Lists, long LastSeq);

/// <summary>One node as the fleet knows it.</summary>
/// <param name="LastSeen">Its last heartbeat, by the database's clock.</param>
/// <param name="LastSeq">The last change it has applied.</param>
/// <param name="Connected">Whether it holds a session to the database now.</param>
public sealed record FleetNode(string Name, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long LastSeq, bool Connected, string? Version);

/// <summary>A shared list's size in the fleet's table.</summary>
public sealed record FleetListSize(string List, long Entries);
