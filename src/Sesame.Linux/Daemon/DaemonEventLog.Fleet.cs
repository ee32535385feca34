using Microsoft.Extensions.Logging;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Fleet mode's events (ids 1100–1199): the node joining and leaving the fleet, the other nodes' entries it applied or
/// refused. Text read from the fleet's database (node names, lists, addresses) is cut to <see cref="MaxFleetText"/>
/// characters; the line format quotes and blanks what needs it.
/// </summary>
internal sealed partial class DaemonEventLog
{
    /// <summary>The most characters of a value read from the fleet's database one line carries.</summary>
    internal const int MaxFleetText = 200;

    [LoggerMessage(EventId = 1100, EventName = "fleet-start", Level = LogLevel.Information, Message = "node={node} shared={shared}")]
    public partial void FleetStart(string node, string shared);

    /// <summary>In the fleet: <c>out-for</c> is how long it was out (none at the first join).</summary>
    [LoggerMessage(EventId = 1101, EventName = "fleet-joined", Level = LogLevel.Information,
        Message = "node={node} out-for-ms={outForMs:0} sent={sent} caught-up={caughtUp}")]
    public partial void FleetJoined(string node, double? outForMs, int sent, int caughtUp);

    [LoggerMessage(EventId = 1102, EventName = "fleet-lost", Level = LogLevel.Warning, Message = "node={node} reason={reason} queued={queued}")]
    public partial void FleetLost(string node, string reason, int queued);

    [LoggerMessage(EventId = 1103, EventName = "fleet-error", Level = LogLevel.Warning, Message = "node={node} message={message}")]
    public partial void FleetError(string node, string message);

    /// <summary>Another node's entry this node does not apply: <c>reason=address|list|not-shared|kernel</c>.</summary>
    [LoggerMessage(EventId = 1104, EventName = "fleet-reject", Level = LogLevel.Warning,
        Message = "origin={origin} list={list} address={address} reason={reason} detail={detail}")]
    public partial void FleetReject(string origin, string list, string address, string reason, string? detail);

    [LoggerMessage(EventId = 1105, EventName = "fleet-reject.suppressed", Level = LogLevel.Warning, Message = "suppressed={suppressed}")]
    public partial void FleetRejectsSuppressed(long suppressed);

    [LoggerMessage(EventId = 1110, EventName = "grant.fleet", Level = LogLevel.Information,
        Message = "list={list} src={src} timeout={timeout} family={family} via=fleet origin={origin}")]
    private partial void FleetGrant(string list, IpRange src, TimeSpan timeout, IpFamily family, string origin);

    [LoggerMessage(EventId = 1111, EventName = "blacklist.fleet", Level = LogLevel.Warning,
        Message = "list={list} src={src} timeout={timeout} family={family} via=fleet origin={origin}")]
    private partial void FleetBlacklist(string list, IpRange src, TimeSpan timeout, IpFamily family, string origin);

    [LoggerMessage(EventId = 1112, EventName = "stage.fleet", Level = LogLevel.Information,
        Message = "list={list} src={src} timeout={timeout} family={family} via=fleet origin={origin}")]
    private partial void FleetStage(string list, IpRange src, TimeSpan timeout, IpFamily family, string origin);

    [LoggerMessage(EventId = 1113, EventName = "remove.fleet", Message = "role={role} list={list} src={src} family={family} via=fleet origin={origin}")]
    private partial void FleetRemove(LogLevel level, string role, string list, IpRange src, IpFamily family, string origin);

    /// <summary>Another node's entry applied here: the role's usual line with <c>via=fleet origin=NODE</c>.</summary>
    public void FleetEntered(EventKind kind, string list, IpRange address, TimeSpan? timeout, string origin)
    {
        TimeSpan time = timeout ?? Timeout.InfiniteTimeSpan;
        origin = FleetText(origin);
        switch (kind)
        {
            case EventKind.Grant:
                FleetGrant(list, address, time, address.Family, origin);
                break;
            case EventKind.Blacklist:
                FleetBlacklist(list, address, time, address.Family, origin);
                break;
            default:
                FleetStage(list, address, time, address.Family, origin);
                break;
        }
    }

    /// <summary>Another node removed an entry, and it is gone here too.</summary>
    public void FleetRemoved(EventKind kind, string list, IpRange address, string origin) =>
        FleetRemove(LeftLevel(kind), Name(kind), list, address, address.Family, FleetText(origin));

    internal static string FleetText(string text) => text.Length <= MaxFleetText ? text : text[..MaxFleetText] + "…";
}
