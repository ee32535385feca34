namespace Sesame.Linux.Daemon;

/// <summary>
/// How the last change of configuration ended — <paramref name="Action"/> <c>reload</c>, <c>apply</c>, <c>confirm</c> or
/// <c>rollback</c>: <paramref name="Ok"/> when the new ruleset went in (or stayed), else <paramref name="Message"/> says why not.
/// </summary>
public sealed record DaemonReload(bool Ok, DateTimeOffset At, string? Message, string Action = "reload");
