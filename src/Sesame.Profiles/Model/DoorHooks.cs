namespace Sesame.Profiles;

/// <summary>
/// Commands for a door's events, as knockd has them: <see cref="Start"/> when a source gets in, <see cref="Stop"/> when
/// its access ends — <see cref="StopAfter"/> after the start when set (knockd's <c>cmd_timeout</c>), otherwise when the
/// door's list entry expires. <c>%IP%</c> stands for the source address. A command runs without a shell (split into
/// words as a shell would, <c>%IP%</c> put into the words) unless <see cref="Shell"/> asks for <c>/bin/sh -c</c>; it is
/// stopped after <see cref="TimeLimit"/>.
/// </summary>
public sealed record DoorHooks(string? Start, string? Stop, TimeSpan? StopAfter)
{
    public static TimeSpan DefaultTimeLimit { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest <see cref="TimeLimit"/>: the daemon waits for running hooks on exit with a .NET timeout, which holds
    /// at most 2^31-1 ms (24.8 days), and adds a second to the longest limit.
    /// </summary>
    public static TimeSpan MaxTimeLimit { get; } = TimeSpan.FromDays(24);

    public bool Shell { get; init; }

    public TimeSpan TimeLimit { get; init; } = DefaultTimeLimit;
}
