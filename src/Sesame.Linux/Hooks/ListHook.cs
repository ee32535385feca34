namespace Sesame.Linux.Hooks;

/// <summary>
/// Commands <c>sesame serve</c> runs for a door (knockd's start_command/stop_command): <see cref="Start"/> when a source
/// enters <see cref="List"/>, <see cref="Stop"/> <see cref="StopAfter"/> later, or when its entry expires or is removed.
/// </summary>
public sealed record ListHook(string List, string? Start, string? Stop, TimeSpan? StopAfter, bool Shell, TimeSpan TimeLimit);
