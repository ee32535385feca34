using Microsoft.Extensions.Logging;

namespace Sesame.Linux.Daemon;

/// <summary>Start, stop and what the daemon runs beside the packet loop (ids 100–199).</summary>
internal sealed partial class DaemonEventLog
{
    [LoggerMessage(EventId = 100, EventName = "start", Level = LogLevel.Information,
        Message = "group={group} entries={entries} layer7-rules={layer7Rules} spa-doors={spaDoors} nflog-buffer={nflogBuffer}")]
    public partial void Started(int group, int entries, int layer7Rules, int spaDoors, int nflogBuffer);

    /// <summary><c>table=kept</c> or <c>table=removed</c> (<c>--remove-on-exit</c>).</summary>
    [LoggerMessage(EventId = 101, EventName = "stop", Level = LogLevel.Information, Message = "table={table}")]
    public partial void Stopped(string table);

    [LoggerMessage(EventId = 102, EventName = "scripts", Level = LogLevel.Information, Message = "scripts={scripts} schedulers={schedulers}")]
    public partial void ScriptsStarted(int scripts, int schedulers);

    [LoggerMessage(EventId = 103, EventName = "control", Level = LogLevel.Information, Message = "socket={socket}")]
    public partial void ControlListening(string socket);
}
