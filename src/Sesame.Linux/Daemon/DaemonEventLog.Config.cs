using Microsoft.Extensions.Logging;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Configuration changes (ids 700–799): reload, apply, confirm and rollback with <c>result=applied|refused|kept|failed</c>,
/// the errors of a refused configuration, the lists a change dropped, the sets it re-created, an apply waiting for its
/// confirmation and the lock-out check's warnings. Several events share a line's name (<c>reload.refused</c>,
/// <c>reload.refused-kernel</c>: <c>event=reload</c>); <c>result</c> and <c>reason</c> or <c>stage</c> tell them apart.
/// A refusal, a failure and any rollback are warnings; what was applied or kept is information.
/// </summary>
internal sealed partial class DaemonEventLog
{
    /// <summary>What a reload, apply, confirmation or rollback put in the kernel: <c>event=ACTION result=applied via=… path=… rules=… …</c>.</summary>
    public void ChangeApplied(string action, ChangeVia via, string path, int rules, int listsDropped, int setsMigrated, int chainsDropped, double tookMs)
    {
        switch (action)
        {
            case "reload":
                ReloadApplied(via.Name, via.Uid, via.Pid, path, rules, listsDropped, setsMigrated, chainsDropped, tookMs);
                break;
            case "apply":
                ApplyApplied(via.Name, via.Uid, via.Pid, path, rules, listsDropped, setsMigrated, chainsDropped, tookMs);
                break;
            case "confirm":
                ConfirmApplied(via.Name, via.Uid, via.Pid, path, rules, listsDropped, setsMigrated, chainsDropped, tookMs);
                break;
            case "rollback":
                RollbackApplied(via.Name, via.Uid, via.Pid, path, rules, listsDropped, setsMigrated, chainsDropped, tookMs);
                break;
            default:
                throw NotAChange(action);
        }
    }

    /// <summary>A configuration with errors changed nothing: <c>event=ACTION result=refused … errors=N</c>, then one <see cref="ConfigError"/> each.</summary>
    public void ChangeRefused(string action, ChangeVia via, string path, int errors)
    {
        switch (action)
        {
            case "reload":
                ReloadRefused(via.Name, via.Uid, via.Pid, path, errors);
                break;
            case "apply":
                ApplyRefused(via.Name, via.Uid, via.Pid, path, errors);
                break;
            case "confirm":
                ConfirmRefused(via.Name, via.Uid, via.Pid, path, errors);
                break;
            case "rollback":
                RollbackRefused(via.Name, via.Uid, via.Pid, path, errors);
                break;
            default:
                throw NotAChange(action);
        }
    }

    /// <summary>The kernel refused the transaction, nothing changed: <c>event=ACTION result=refused … stage=kernel</c>.</summary>
    public void ChangeRefusedByKernel(string action, ChangeVia via, string path)
    {
        switch (action)
        {
            case "reload":
                ReloadRefusedByKernel(via.Name, via.Uid, via.Pid, path);
                break;
            case "apply":
                ApplyRefusedByKernel(via.Name, via.Uid, via.Pid, path);
                break;
            case "confirm":
                ConfirmRefusedByKernel(via.Name, via.Uid, via.Pid, path);
                break;
            case "rollback":
                RollbackRefusedByKernel(via.Name, via.Uid, via.Pid, path);
                break;
            default:
                throw NotAChange(action);
        }
    }

    /// <summary>A reload or an apply while an apply waits for its confirmation: <c>event=reload|apply result=refused … reason=apply-pending</c>.</summary>
    public void ChangeRefusedPending(string action, ChangeVia via, string path)
    {
        switch (action)
        {
            case "reload":
                ReloadRefusedPending(via.Name, via.Uid, via.Pid, path);
                break;
            case "apply":
                ApplyRefusedPending(via.Name, via.Uid, via.Pid, path);
                break;
            default:
                throw NotAChange(action);
        }
    }

    public void ConfirmNothingPending(ChangeVia via) => ConfirmRefusedNothingPending(via.Name, via.Uid, via.Pid);

    public void Confirmed(ChangeVia via, string path) => ConfirmKept(via.Name, via.Uid, via.Pid, path);

    /// <summary>The trial of a <c>serve --confirm</c> confirmed.</summary>
    public void ServeConfirmed(ChangeVia via, string path) => ConfirmKeptServe(via.Name, via.Uid, via.Pid, path);

    /// <summary>A set whose definition changed was re-created in the same transaction, with its entries.</summary>
    public void SetMigrated(string set) =>
        SetMigratedLine(set, "its definition changed: re-created in the same transaction, with the entries it held");

    [LoggerMessage(EventId = 700, EventName = "reload.applied", Level = LogLevel.Information,
        Message = "result=applied via={via} uid={uid} pid={pid} path={path} rules={rules} lists-dropped={listsDropped} sets-migrated={setsMigrated} chains-dropped={chainsDropped} took-ms={tookMs:0}")]
    private partial void ReloadApplied(string via, uint? uid, int? pid, string path, int rules, int listsDropped, int setsMigrated, int chainsDropped, double tookMs);

    [LoggerMessage(EventId = 701, EventName = "apply.applied", Level = LogLevel.Information,
        Message = "result=applied via={via} uid={uid} pid={pid} path={path} rules={rules} lists-dropped={listsDropped} sets-migrated={setsMigrated} chains-dropped={chainsDropped} took-ms={tookMs:0}")]
    private partial void ApplyApplied(string via, uint? uid, int? pid, string path, int rules, int listsDropped, int setsMigrated, int chainsDropped, double tookMs);

    /// <summary>A confirmation's transaction: the sets the confirmed configuration dropped go now (then <c>result=kept</c>).</summary>
    [LoggerMessage(EventId = 702, EventName = "confirm.applied", Level = LogLevel.Information,
        Message = "result=applied via={via} uid={uid} pid={pid} path={path} rules={rules} lists-dropped={listsDropped} sets-migrated={setsMigrated} chains-dropped={chainsDropped} took-ms={tookMs:0}")]
    private partial void ConfirmApplied(string via, uint? uid, int? pid, string path, int rules, int listsDropped, int setsMigrated, int chainsDropped, double tookMs);

    [LoggerMessage(EventId = 703, EventName = "rollback.applied", Level = LogLevel.Warning,
        Message = "result=applied via={via} uid={uid} pid={pid} path={path} rules={rules} lists-dropped={listsDropped} sets-migrated={setsMigrated} chains-dropped={chainsDropped} took-ms={tookMs:0}")]
    private partial void RollbackApplied(string via, uint? uid, int? pid, string path, int rules, int listsDropped, int setsMigrated, int chainsDropped, double tookMs);

    [LoggerMessage(EventId = 704, EventName = "reload.refused", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} path={path} errors={errors}")]
    private partial void ReloadRefused(string via, uint? uid, int? pid, string path, int errors);

    [LoggerMessage(EventId = 705, EventName = "apply.refused", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} path={path} errors={errors}")]
    private partial void ApplyRefused(string via, uint? uid, int? pid, string path, int errors);

    [LoggerMessage(EventId = 706, EventName = "confirm.refused", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} path={path} errors={errors}")]
    private partial void ConfirmRefused(string via, uint? uid, int? pid, string path, int errors);

    [LoggerMessage(EventId = 707, EventName = "rollback.refused", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} path={path} errors={errors}")]
    private partial void RollbackRefused(string via, uint? uid, int? pid, string path, int errors);

    [LoggerMessage(EventId = 708, EventName = "reload.refused-kernel", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} path={path} stage=kernel")]
    private partial void ReloadRefusedByKernel(string via, uint? uid, int? pid, string path);

    [LoggerMessage(EventId = 709, EventName = "apply.refused-kernel", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} path={path} stage=kernel")]
    private partial void ApplyRefusedByKernel(string via, uint? uid, int? pid, string path);

    [LoggerMessage(EventId = 710, EventName = "confirm.refused-kernel", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} path={path} stage=kernel")]
    private partial void ConfirmRefusedByKernel(string via, uint? uid, int? pid, string path);

    [LoggerMessage(EventId = 711, EventName = "rollback.refused-kernel", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} path={path} stage=kernel")]
    private partial void RollbackRefusedByKernel(string via, uint? uid, int? pid, string path);

    [LoggerMessage(EventId = 712, EventName = "reload.refused-pending", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} path={path} reason=apply-pending")]
    private partial void ReloadRefusedPending(string via, uint? uid, int? pid, string path);

    [LoggerMessage(EventId = 713, EventName = "apply.refused-pending", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} path={path} reason=apply-pending")]
    private partial void ApplyRefusedPending(string via, uint? uid, int? pid, string path);

    [LoggerMessage(EventId = 714, EventName = "confirm.refused-nothing-pending", Level = LogLevel.Warning, Message = "result=refused via={via} uid={uid} pid={pid} reason=nothing-pending")]
    private partial void ConfirmRefusedNothingPending(string via, uint? uid, int? pid);

    [LoggerMessage(EventId = 715, EventName = "confirm.kept", Level = LogLevel.Information, Message = "result=kept via={via} uid={uid} pid={pid} path={path}")]
    private partial void ConfirmKept(string via, uint? uid, int? pid, string path);

    [LoggerMessage(EventId = 716, EventName = "confirm.kept-serve", Level = LogLevel.Information, Message = "result=kept via={via} uid={uid} pid={pid} what=serve path={path}")]
    private partial void ConfirmKeptServe(string via, uint? uid, int? pid, string path);

    /// <summary>The kernel refused a rollback's transaction: it is tried again after <paramref name="retryIn"/>; the unconfirmed rules stay meanwhile.</summary>
    [LoggerMessage(EventId = 717, EventName = "rollback.failed", Level = LogLevel.Warning, Message = "result=failed retry-in={retryIn}")]
    public partial void RollbackFailed(TimeSpan retryIn);

    [LoggerMessage(EventId = 718, EventName = "rollback.failed-serve", Level = LogLevel.Warning, Message = "result=failed via={via} what=serve message={message}")]
    public partial void ServeRollbackFailed(string via, string message);

    /// <summary>A <c>serve --confirm</c> not confirmed: <c>table=restored</c> (as before the start) or <c>removed</c> (there was none); the daemon exits with <paramref name="exit"/>.</summary>
    [LoggerMessage(EventId = 719, EventName = "rollback.applied-serve", Level = LogLevel.Warning, Message = "result=applied via={via} what=serve table={table} exit={exit}")]
    public partial void ServeRolledBack(string via, string table, int exit);

    /// <summary>The start serves the copy an unconfirmed apply left (the daemon was stopped in its window).</summary>
    [LoggerMessage(EventId = 720, EventName = "rollback.restart", Level = LogLevel.Warning, Message = "result=applied via=restart path={path} previous={previous} unconfirmed={unconfirmed}")]
    public partial void RolledBackAtRestart(string path, string previous, string unconfirmed);

    [LoggerMessage(EventId = 721, EventName = "apply-pending", Level = LogLevel.Information,
        Message = "path={path} confirm-within={confirmWithin} deadline={deadline:yyyy-MM-ddTHH:mm:ssZ} previous={previous}")]
    public partial void ApplyPending(string path, TimeSpan confirmWithin, DateTimeOffset deadline, string previous);

    /// <summary>A <c>serve --confirm</c> waits: <c>table-before=kept</c> (a rollback restores it) or <c>none</c> (a rollback removes the table).</summary>
    [LoggerMessage(EventId = 722, EventName = "apply-pending.serve", Level = LogLevel.Information,
        Message = "what=serve path={path} confirm-within={confirmWithin} deadline={deadline:yyyy-MM-ddTHH:mm:ssZ} table-before={tableBefore}")]
    public partial void ServeApplyPending(string path, TimeSpan confirmWithin, DateTimeOffset deadline, string tableBefore);

    /// <summary>One error of a refused configuration (<paramref name="action"/>: reload, apply, confirm, rollback); the message names file:line:column.</summary>
    [LoggerMessage(EventId = 723, EventName = "config-error", Level = LogLevel.Error, Message = "action={action} message={message}")]
    public partial void ConfigError(string action, string message);

    /// <summary>A list no longer in the configuration: its set deleted with its <paramref name="entries"/> (<c>N+</c> when it held more than were counted).</summary>
    [LoggerMessage(EventId = 724, EventName = "list-dropped", Level = LogLevel.Warning, Message = "list={list} family={family} entries={entries}")]
    public partial void ListDropped(string list, IpFamily family, string entries);

    [LoggerMessage(EventId = 725, EventName = "set-migrated", Level = LogLevel.Information, Message = "set={set} message={message}")]
    private partial void SetMigratedLine(string set, string message);

    /// <summary>The lock-out check's warning for an apply from <paramref name="session"/> (its errors refuse the apply: <c>config-error</c>).</summary>
    [LoggerMessage(EventId = 726, EventName = "lockout-warning", Level = LogLevel.Warning, Message = "session={session} code={code} message={message}")]
    public partial void LockoutWarning(string session, string code, string message);

    /// <summary>An action these events are not for: a bug of the caller.</summary>
    private static ArgumentOutOfRangeException NotAChange(string action) =>
        new(nameof(action), action, "not a reload, apply, confirm or rollback");
}
