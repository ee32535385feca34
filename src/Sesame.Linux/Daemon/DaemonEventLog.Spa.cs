using Microsoft.Extensions.Logging;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>SPA doors (ids 300–399): a grant, a refused packet, the refusals left out under a flood.</summary>
internal sealed partial class DaemonEventLog
{
    [LoggerMessage(EventId = 300, EventName = "spa-grant", Level = LogLevel.Information,
        Message = "door={door} user={user} src={src} address={address} ports={ports} open-for={openFor} verify-ms={verifyMs:0.000} grant-ms={grantMs:0.000}")]
    private partial void SpaGranted(string door, string user, IpRange src, IpRange address, string ports, TimeSpan openFor, double? verifyMs, double? grantMs);

    [LoggerMessage(EventId = 301, EventName = "spa-reject", Level = LogLevel.Warning, Message = "door={door} src={src} reason={reason} detail={detail} user={user}")]
    private partial void SpaRejected(string door, IpRange src, string reason, string detail, string? user);

    [LoggerMessage(EventId = 302, EventName = "spa-reject-suppressed", Level = LogLevel.Warning, Message = "count={count} message={message}")]
    public partial void SpaRejectsSuppressed(long count, string message);
}
