using Microsoft.Extensions.Logging;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// <c>event=error stage=…</c> lines (ids 900–999): a step that failed; the daemon goes on (closed: nothing granted by
/// it). They share the line's event name; <c>stage</c> tells them apart, as the part after the '.' of the event name.
/// </summary>
internal sealed partial class DaemonEventLog
{
    [LoggerMessage(EventId = 900, EventName = "error.spa-verify", Level = LogLevel.Error, Message = "stage=spa-verify door={door} src={src} message={message}")]
    public partial void SpaVerifyFailed(string door, IpRange src, string message);

    [LoggerMessage(EventId = 901, EventName = "error.spa-grant", Level = LogLevel.Error, Message = "stage=spa-grant door={door} src={src} address={address} message={message}")]
    public partial void SpaGrantFailed(string door, IpRange src, IpRange address, string message);

    [LoggerMessage(EventId = 902, EventName = "error.remove-table", Level = LogLevel.Error, Message = "stage=remove-table message={message}")]
    public partial void RemoveTableFailed(string message);

    [LoggerMessage(EventId = 903, EventName = "error.lookup", Level = LogLevel.Error, Message = "stage=lookup list={list} src={src} message={message}")]
    public partial void LookupFailed(string list, IpRange src, string message);

    [LoggerMessage(EventId = 904, EventName = "error.start", Level = LogLevel.Error, Message = "stage=start list={list} message={message}")]
    public partial void WatchStartFailed(string list, string message);

    [LoggerMessage(EventId = 905, EventName = "error.empty-set", Level = LogLevel.Error, Message = "stage=empty-set list={list} message={message}")]
    public partial void EmptySetFailed(string list, string message);

    [LoggerMessage(EventId = 906, EventName = "error.verify", Level = LogLevel.Error, Message = "stage=verify difference={difference}")]
    public partial void VerifyDifference(string difference);

    [LoggerMessage(EventId = 907, EventName = "error.counters", Level = LogLevel.Error, Message = "stage=counters message={message}")]
    public partial void CountersFailed(string message);

    [LoggerMessage(EventId = 908, EventName = "error.watch", Level = LogLevel.Error, Message = "stage=watch retry-ms={retryMs:0} message={message}")]
    public partial void WatchFailed(double retryMs, string message);

    [LoggerMessage(EventId = 909, EventName = "error.repair", Level = LogLevel.Error, Message = "stage=repair attempt={attempt} retry-ms={retryMs:0} message={message}")]
    public partial void RepairFailed(int attempt, double retryMs, string message);

    [LoggerMessage(EventId = 910, EventName = "error.layer7-add", Level = LogLevel.Error, Message = "stage=layer7-add list={list} src={src} message={message}")]
    public partial void Layer7AddFailed(string list, IpRange src, string message);

    /// <summary>A reload, apply or confirm that threw (a bug or a kernel surprise): refused, the daemon goes on (<c>stage=reload|apply|confirm</c>).</summary>
    [LoggerMessage(EventId = 911, EventName = "error.change", Level = LogLevel.Error, Message = "stage={stage} message={message}")]
    public partial void ChangeFailed(string stage, string message);
}
