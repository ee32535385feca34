using Microsoft.Extensions.Logging;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// <c>event=warning</c> lines (ids 800–899): something the admin must know that does not stop the daemon. They share the
/// line's event name; the part after the '.' tells them apart as events.
/// </summary>
internal sealed partial class DaemonEventLog
{
    /// <summary>A finding about the config (SES0540 IPv6 left open…), as <c>serve</c> said it on standard error.</summary>
    [LoggerMessage(EventId = 800, EventName = "warning.config", Level = LogLevel.Warning, Message = "code={code} at={at} message={message}")]
    public partial void ConfigWarning(string code, string? at, string message);

    [LoggerMessage(EventId = 801, EventName = "warning.watch-full", Level = LogLevel.Warning, Message = "watched={watched} message={message}")]
    public partial void WatchFull(int watched, string message);

    [LoggerMessage(EventId = 802, EventName = "warning.set-unwatched", Level = LogLevel.Warning, Message = "list={list} family={family} watched={watched} message={message}")]
    public partial void SetUnwatched(string list, IpFamily family, int watched, string message);

    [LoggerMessage(EventId = 803, EventName = "warning.repair", Level = LogLevel.Warning, Message = "stage=repair message={message}")]
    public partial void RepairAfresh(string message);

    [LoggerMessage(EventId = 804, EventName = "warning.watch", Level = LogLevel.Warning, Message = "stage=watch message={message}")]
    public partial void WatchDamaged(string message);

    [LoggerMessage(EventId = 805, EventName = "warning.layer7", Level = LogLevel.Warning, Message = "rule={rule} layer7-protocol={layer7Protocol} message={message}")]
    public partial void Layer7Unusable(int rule, string layer7Protocol, string message);

    [LoggerMessage(EventId = 806, EventName = "warning.nflog-overruns", Level = LogLevel.Warning, Message = "nflog-overruns={nflogOverruns} new={new} message={message}")]
    public partial void NflogOverruns(long nflogOverruns, long @new, string message);
}
