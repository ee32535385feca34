using Microsoft.Extensions.Logging;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Address-list events (ids 200–299 and 400): the kernel's, the Layer7 decisions' and the scripts' entries. A timeout of
/// <see cref="Timeout.InfiniteTimeSpan"/> is written <c>none</c>; <c>rule</c> is left out for a script's entry,
/// <c>script</c> for any other.
/// </summary>
internal sealed partial class DaemonEventLog
{
    [LoggerMessage(EventId = 200, EventName = "grant", Level = LogLevel.Information,
        Message = "list={list} src={src} timeout={timeout} family={family} rule={rule} via={via} script={script}")]
    private partial void Grant(string list, IpRange src, TimeSpan timeout, IpFamily family, int? rule, string via, string? script);

    [LoggerMessage(EventId = 201, EventName = "blacklist", Level = LogLevel.Warning,
        Message = "list={list} src={src} timeout={timeout} family={family} rule={rule} via={via} script={script}")]
    private partial void Blacklist(string list, IpRange src, TimeSpan timeout, IpFamily family, int? rule, string via, string? script);

    [LoggerMessage(EventId = 202, EventName = "stage", Level = LogLevel.Information,
        Message = "list={list} src={src} timeout={timeout} family={family} rule={rule} via={via} script={script}")]
    private partial void Stage(string list, IpRange src, TimeSpan timeout, IpFamily family, int? rule, string via, string? script);

    /// <summary>An entry with a timeout is gone: debug for a knock stage, information for a grant or a blacklisting.</summary>
    [LoggerMessage(EventId = 203, EventName = "expire", Message = "role={role} list={list} src={src}")]
    private partial void Expire(LogLevel level, string role, string list, IpRange src);

    /// <summary>An entry without timeout is gone (removed by hand), or a script removed one (then with family, via, script).</summary>
    [LoggerMessage(EventId = 204, EventName = "remove", Message = "role={role} list={list} src={src} family={family} via={via} script={script}")]
    private partial void Remove(LogLevel level, string role, string list, IpRange src, IpFamily? family, string? via, string? script);

    /// <summary>A full set: <c>action=emptied</c> (a knock stage, with took-ms and watched) or <c>action=kept</c>.</summary>
    [LoggerMessage(EventId = 205, EventName = "set-full", Level = LogLevel.Warning,
        Message = "list={list} family={family} action={action} took-ms={tookMs:0} watched={watched}")]
    public partial void SetFull(string list, IpFamily family, string action, double? tookMs, int? watched);

    [LoggerMessage(EventId = 206, EventName = "unreported", Level = LogLevel.Information,
        Message = "list={list} family={family} rule={rule} packets={packets} seconds={seconds:0}")]
    public partial void Unreported(string list, IpFamily family, int rule, long packets, double seconds);

    [LoggerMessage(EventId = 400, EventName = "layer7-miss", Level = LogLevel.Warning, Message = "list={list} src={src} family={family} rule={rule}")]
    public partial void Layer7Miss(string list, IpRange src, int rule, IpFamily family);
}
