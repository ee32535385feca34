namespace Sesame.Linux.Daemon;

/// <summary>How the last reload ended: <paramref name="Ok"/> when the new ruleset went in, else <paramref name="Message"/> says why not.</summary>
public sealed record DaemonReload(bool Ok, DateTimeOffset At, string? Message);
