namespace Sesame.Linux.Daemon;

/// <summary>
/// How many host entries an address list holds in one family (<c>ip</c>, <c>ipv6</c>) and its role (<c>stage</c>,
/// <c>grant</c>, <c>blacklist</c>). <paramref name="Truncated"/>: the set holds more than the daemon counts per read
/// (<see cref="SesameDaemon.MaxEntriesCounted"/>), so <paramref name="Entries"/> is a lower bound.
/// </summary>
public sealed record DaemonListSize(string Family, string List, string Role, long Entries, bool Truncated);
