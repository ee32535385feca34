using Microsoft.Extensions.Logging;
using Sesame.Net;

namespace Sesame.LogFlood;

/// <summary>The daemon's busiest line under a flood, with its template: an SPA reject.</summary>
internal static partial class FloodLog
{
    [LoggerMessage(EventId = 301, EventName = "spa-reject", Level = LogLevel.Warning, Message = "door={door} src={src} reason={reason} detail={detail} user={user}")]
    public static partial void SpaRejected(this ILogger logger, string door, IpRange src, string reason, string detail, string? user);
}
