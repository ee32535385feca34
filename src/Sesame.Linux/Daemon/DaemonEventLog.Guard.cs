using Microsoft.Extensions.Logging;

namespace Sesame.Linux.Daemon;

/// <summary>The table guard (ids 600–699): another process changed the table, the daemon repaired it.</summary>
internal sealed partial class DaemonEventLog
{
    [LoggerMessage(EventId = 600, EventName = "tampered", Level = LogLevel.Warning,
        Message = "table={table} changes={changes} pid={pid} process={process} transactions={transactions}")]
    public partial void Tampered(string table, string changes, uint pid, string process, int transactions);

    /// <summary><c>lists=</c> the knock-stage lists whose progress was lost; <c>record=reread</c>, <c>full</c> or <c>reread,full</c>.</summary>
    [LoggerMessage(EventId = 601, EventName = "restored", Level = LogLevel.Information,
        Message = "table={table} took-ms={tookMs:0} since-tampered-ms={sinceTamperedMs:0} recreated={recreated} entries-restored={entriesRestored} knock-progress={knockProgress} lists={lists} record={record} transactions={transactions}")]
    public partial void Restored(string table, double tookMs, double sinceTamperedMs, bool recreated, int entriesRestored, string knockProgress, string? lists, string? record, int transactions);

    [LoggerMessage(EventId = 602, EventName = "tamper-limit", Level = LogLevel.Warning, Message = "repairs={repairs} seconds={seconds} message={message}")]
    public partial void TamperLimit(int repairs, int seconds, string message);
}
