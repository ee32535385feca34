using System.Globalization;
using Sesame.Linux.Control;
using Sesame.Model;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Safe apply: <c>sesame apply CONFIG --confirm 60s</c> serves CONFIG at once, like a reload, and starts a rollback timer
/// that the daemon owns (the terminal that asked may be gone). <c>sesame confirm</c> keeps it; otherwise, at the deadline,
/// the daemon serves the previous configuration again (kept in memory) the same way, keeping the lists. While an apply
/// waits, the sets of the lists it dropped are kept (a rollback finds them with their entries); a reload or another
/// apply is refused. Without <c>--confirm</c> an apply is a reload from another file.
/// </summary>
public sealed partial class SesameDaemon
{
    /// <summary>A rollback the kernel refused is tried again after this long (and logged each time).</summary>
    private static readonly TimeSpan RollbackRetry = TimeSpan.FromSeconds(5);

    private PendingApply? _pendingApply;

    /// <summary>Whether an apply is waiting for its confirmation.</summary>
    public bool ApplyPending => _pendingApply is not null;

    /// <summary>A reload, apply or confirm asked on the control socket: loaded on the caller's thread, done on the daemon's.</summary>
    private ControlOutcome ChangeConfigFromControl(ControlRequest request, PeerCredentials peer, CancellationToken cancellation)
    {
        string via = string.Create(CultureInfo.InvariantCulture, $"control uid={peer.Uid} pid={peer.Pid}");
        ConfigChange change = request.Verb switch
        {
            ControlProtocol.Reload => ConfigChange.Reload(Load(_options.ConfigPath), via),
            ControlProtocol.Apply => ConfigChange.Apply(Load(request.Path ?? _options.ConfigPath), request.ConfirmWithin, request.SshConnection, via),
            _ => ConfigChange.Confirm(via),
        };
        Task<ControlOutcome> done = Submit(change);
        try
        {
            return done.Wait(ChangeTimeout, cancellation)
                ? done.Result
                : ControlOutcome.Refused($"the daemon did not answer within {ChangeTimeout.TotalMinutes:0} minutes; its log says what became of the {request.Verb}");
        }
        catch (OperationCanceledException)
        {
            return ControlOutcome.Refused("the daemon is stopping");
        }
    }

    /// <summary>Why a reload or an apply must wait, when an apply is waiting for its confirmation.</summary>
    private string? PendingRefusal()
    {
        if (_pendingApply is not { } pending)
        {
            return null;
        }

        TimeSpan left = _options.Time.GetElapsedTime(_options.Time.GetTimestamp(), pending.Deadline);
        return string.Create(CultureInfo.InvariantCulture,
            $"an apply of {pending.Applied.Path ?? "-"} is waiting for 'sesame confirm' ({Math.Max(0, left.TotalSeconds):0} s left); confirm it, or let it roll back, first");
    }

    private ControlOutcome PerformApply(ConfigChange change)
    {
        string path = change.Load!.Config?.Path ?? "-";
        if (PendingRefusal() is { } pending)
        {
            _log.Message("apply", $"result=refused via={change.Via} path={DaemonEventLog.Value(path)} reason=apply-pending");
            return ControlOutcome.Refused(pending);
        }

        if (change.Load.Config is not { } next)
        {
            return Refused("apply", change.Via, path, change.Load.Errors);
        }

        var notes = new List<ControlNote>();
        if (CheckLockout(next.Config, change.SshConnection, notes) is { } lockout)
        {
            return Refused("apply", change.Via, path, lockout);
        }

        DaemonConfig previous = Served;
        (ControlOutcome outcome, bool applied) = Swap(next, "apply", change.Via, dropStale: change.ConfirmWithin is null, notes);
        if (applied && change.ConfirmWithin is { } within)
        {
            long deadline = _options.Time.GetTimestamp() + (long)(within.TotalSeconds * _options.Time.TimestampFrequency);
            DateTimeOffset at = _options.Time.GetUtcNow() + within;
            _pendingApply = new PendingApply(previous, next, deadline);
            _log.Message("apply-pending", string.Create(CultureInfo.InvariantCulture,
                $"path={DaemonEventLog.Value(path)} confirm-within={RouterOsTime.Format(within)} deadline={at:yyyy-MM-ddTHH:mm:ssZ} previous={DaemonEventLog.Value(previous.Path ?? "-")}"));
            notes.Add(new ControlNote(ControlNote.InfoTopic, string.Create(CultureInfo.InvariantCulture,
                $"run 'sesame confirm' within {RouterOsTime.Format(within)} (by {at:HH:mm:ss} UTC) to keep it; otherwise the previous configuration ({previous.Path ?? "-"}) comes back by itself")));
        }

        return outcome with { Notes = notes };
    }

    private ControlOutcome PerformConfirm(ConfigChange change)
    {
        if (_pendingApply is not { } pending)
        {
            _log.Message("confirm", $"result=refused via={change.Via} reason=nothing-pending");
            return ControlOutcome.Refused("no apply is waiting for a confirmation");
        }

        _pendingApply = null;
        // The lists the confirmed configuration dropped were kept for a rollback: they go now, in one transaction.
        (ControlOutcome dropped, _) = Swap(pending.Applied, "confirm", change.Via, dropStale: true, []);
        _log.Message("confirm", $"result=kept via={change.Via} path={DaemonEventLog.Value(pending.Applied.Path ?? "-")}");
        var notes = new List<ControlNote>(dropped.Notes.Where(n => n.Topic != ControlNote.InfoTopic || n.Message.StartsWith("list ", StringComparison.Ordinal)))
        {
            new(ControlNote.InfoTopic, $"{pending.Applied.Path ?? "-"} stays; no rollback"),
        };
        return dropped.Succeeded ? ControlOutcome.Done(notes) : dropped with { Notes = notes };
    }

    /// <summary>At the deadline of an unconfirmed apply: the previous configuration again, keeping the lists.</summary>
    private void RollBackIfDue()
    {
        if (_pendingApply is { } pending && _options.Time.GetTimestamp() >= pending.Deadline)
        {
            RollBack(pending, "timeout");
        }
    }

    private void RollBack(PendingApply pending, string reason)
    {
        (_, bool applied) = Swap(pending.Previous, "rollback", reason, dropStale: true, []);
        if (applied)
        {
            _pendingApply = null;
            return;
        }

        // Fail closed for the admin: the rollback is owed until it succeeds; the unconfirmed rules stay meanwhile.
        _pendingApply = pending with { Deadline = _options.Time.GetTimestamp() + (long)(RollbackRetry.TotalSeconds * _options.Time.TimestampFrequency) };
        _log.Message("rollback", string.Create(CultureInfo.InvariantCulture, $"result=failed retry-in={RollbackRetry.TotalSeconds:0}s"));
    }

    /// <summary>The lock-out check of a configuration about to be applied for an SSH session; the errors that refuse it.</summary>
    private IReadOnlyList<string>? CheckLockout(FirewallConfig next, string? sshConnection, List<ControlNote> notes)
    {
        _ = next;
        _ = sshConnection;
        _ = notes;
        return null;
    }

    /// <param name="Previous">What was served before the apply: what a rollback serves again.</param>
    /// <param name="Applied">What the apply serves.</param>
    /// <param name="Deadline">The rollback's time, in the daemon's clock.</param>
    private sealed record PendingApply(DaemonConfig Previous, DaemonConfig Applied, long Deadline);
}
