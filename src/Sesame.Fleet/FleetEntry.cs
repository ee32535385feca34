namespace Sesame.Fleet;

/// <summary>
/// A change another node made, as the fleet's table holds it: nothing in it is trusted. The daemon applies it only if
/// <see cref="List"/> is a shared list of its own configuration and <see cref="Address"/> parses as one address.
/// </summary>
/// <param name="Seq">The change's place in the fleet's order (ascending, gap-free per reader only in commit order).</param>
/// <param name="Origin">The node that made it (as that node names itself).</param>
/// <param name="List">The list's name, as stored (any text).</param>
/// <param name="Address">The address, as stored (any text).</param>
/// <param name="Op">What the change does; an entry whose time is up arrives as <see cref="FleetOp.Expire"/>.</param>
/// <param name="TimeLeft">For <see cref="FleetOp.Put"/>: how long the entry has left by the database's clock when it was
/// read (always positive); null: no timeout.</param>
public readonly record struct FleetEntry(long Seq, string Origin, string List, string Address, FleetOp Op, TimeSpan? TimeLeft);
