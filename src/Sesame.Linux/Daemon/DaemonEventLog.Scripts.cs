using Microsoft.Extensions.Logging;
using Sesame.Linux.Control;
using Sesame.Linux.Logging;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>Scripts, hooks and the control socket (ids 500–599).</summary>
internal sealed partial class DaemonEventLog
{
    /// <summary>A script's <c>:log</c>/<c>:put</c> line, at the level its topic names.</summary>
    [LoggerMessage(EventId = 500, EventName = "script-log", Message = "script={script} topic={topic} message={message}")]
    private partial void ScriptLine(LogLevel level, string script, string topic, QuotedText message);

    [LoggerMessage(EventId = 501, EventName = "script-error", Level = LogLevel.Error, Message = "script={script} message={message}")]
    private partial void ScriptFailed(string script, QuotedText message);

    [LoggerMessage(EventId = 502, EventName = "script-run", Level = LogLevel.Information, Message = "script={script} via={via} uid={uid} pid={pid}")]
    public partial void ScriptRun(string script, string via, uint uid, int pid);

    /// <summary>A door's hook ended: <c>exit=N</c>, <c>timeout=Ns</c> (killed at its time limit) or <c>error=…</c> (did not start).</summary>
    [LoggerMessage(EventId = 503, EventName = "hook", Message = "hook={hook} list={list} src={src} error={error} timeout={timeout} exit={exit} output={output}")]
    public partial void Hook(LogLevel level, string hook, string list, IpRange src, string? error, string? timeout, int? exit, string? output);

    /// <summary>The control socket refused a peer or a request (warning), or failed (error); <c>suppressed=N</c> lines left out before it.</summary>
    [LoggerMessage(EventId = 510, EventName = "control-error", Message = "stage={stage} uid={uid} pid={pid} message={message} suppressed={suppressed}")]
    private partial void ControlFailed(LogLevel level, string stage, uint? uid, int? pid, QuotedText message, int? suppressed);

    /// <summary>The control socket's error line: a refusal is a warning, a failure of the socket an error.</summary>
    public void ControlError(ControlError error)
    {
        ControlFailed(error.IsRefusal ? LogLevel.Warning : LogLevel.Error, error.Stage, error.Peer?.Uid, error.Peer?.Pid, new QuotedText(error.Message),
            error.Suppressed > 0 ? error.Suppressed : null);
    }
}
