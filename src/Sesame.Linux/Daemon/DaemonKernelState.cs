namespace Sesame.Linux.Daemon;

/// <summary>
/// What <c>table inet sesame</c> holds at one moment, read for a metrics scrape or <c>sesame status</c>
/// (<see cref="SesameDaemon.ReadKernelState"/>): the rules' counters, each list's size, and the first granted entries.
/// </summary>
/// <param name="ReadAt">When the kernel was read.</param>
/// <param name="Rules">Every rule's named counter, with the rule's place in the configuration.</param>
/// <param name="Lists">Each address list's host entries per family.</param>
/// <param name="Granted">The first <c>maxGranted</c> entries of the grant lists, soonest to leave first.</param>
/// <param name="GrantedNotShown">Grant entries counted but not in <paramref name="Granted"/>.</param>
public sealed record DaemonKernelState(
    DateTimeOffset ReadAt,
    IReadOnlyList<DaemonRuleCounter> Rules,
    IReadOnlyList<DaemonListSize> Lists,
    IReadOnlyList<DaemonGrantedEntry> Granted,
    long GrantedNotShown);
