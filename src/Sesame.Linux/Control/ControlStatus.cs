using Sesame.Linux.Daemon;

namespace Sesame.Linux.Control;

/// <summary>
/// The daemon's answer to the <c>status</c> verb, one JSON object on one line (<see cref="ControlJsonContext"/>): what
/// <c>sesame status</c> prints. Counters count since the daemon started; lists and grants are read from the kernel at
/// the time of the request. <paramref name="KernelError"/> says why the kernel part is missing when it is.
/// </summary>
public sealed record ControlStatus(
    string Type,
    DateTimeOffset? StartedAt,
    double UptimeSeconds,
    DaemonReload? LastReload,
    IReadOnlyDictionary<string, long> Counters,
    IReadOnlyList<DaemonListSize> Lists,
    long ListsNotShown,
    IReadOnlyList<ControlStatusGrant> Granted,
    long GrantedNotShown,
    string? KernelError)
{
    /// <summary>The status as the reply line's JSON (without its newline).</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, ControlJsonContext.Default.ControlStatus);
}
