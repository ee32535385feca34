using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>A source in a grant list, and how long it stays (null: no timeout, it stays until removed).</summary>
public sealed record DaemonGrantedEntry(string List, IpRange Address, TimeSpan? TimeLeft);
