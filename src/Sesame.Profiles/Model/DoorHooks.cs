namespace Sesame.Profiles;

/// <summary>
/// Commands for a door's events, as knockd has them: <see cref="Start"/> when a source gets in, <see cref="Stop"/>
/// <see cref="StopAfter"/> later. <c>%IP%</c> stands for the source address.
/// </summary>
public sealed record DoorHooks(string? Start, string? Stop, TimeSpan? StopAfter);
