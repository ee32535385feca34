using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using Sesame.Checking;
using Sesame.Linux.Control;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;

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
        ChangeVia via = ChangeVia.Control(peer);
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
        if (StartPending)
        {
            return "this daemon's start (serve --confirm) is waiting for 'sesame confirm'; confirm it, or let it roll back, first";
        }

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
            _log.ChangeRefusedPending("apply", change.Via, path);
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
        if (change.ConfirmWithin is not null && KeepRollbackRecord(previous, next) is { } unsafeRollback)
        {
            return Refused("apply", change.Via, path, [unsafeRollback]);
        }

        (ControlOutcome outcome, bool applied) = Swap(next, "apply", change.Via, dropStale: change.ConfirmWithin is null, notes);
        if (!applied && change.ConfirmWithin is not null)
        {
            ClearRollbackRecord();
        }

        if (applied && change.ConfirmWithin is { } within)
        {
            long deadline = _options.Time.GetTimestamp() + (long)(within.TotalSeconds * _options.Time.TimestampFrequency);
            DateTimeOffset at = _options.Time.GetUtcNow() + within;
            _pendingApply = new PendingApply(previous, next, deadline);
            _log.ApplyPending(path, within, at, previous.Path ?? "-");
            notes.Add(new ControlNote(ControlNote.InfoTopic, string.Create(CultureInfo.InvariantCulture,
                $"run 'sesame confirm' within {RouterOsTime.Format(within)} (by {at:HH:mm:ss} UTC) to keep it; otherwise the previous configuration ({previous.Path ?? "-"}) comes back by itself")));
        }

        return outcome with { Notes = notes };
    }

    private ControlOutcome PerformConfirm(ConfigChange change)
    {
        if (StartPending)
        {
            return ConfirmStart(change.Via);
        }

        if (_pendingApply is not { } pending)
        {
            _log.ConfirmNothingPending(change.Via);
            return ControlOutcome.Refused("no apply is waiting for a confirmation");
        }

        _pendingApply = null;
        ClearRollbackRecord();
        // The lists the confirmed configuration dropped were kept for a rollback: they go now, in one transaction.
        (ControlOutcome dropped, _) = Swap(pending.Applied, "confirm", change.Via, dropStale: true, []);
        _log.Confirmed(change.Via, pending.Applied.Path ?? "-");
        var notes = new List<ControlNote>(dropped.Notes.Where(n => n.Topic != ControlNote.InfoTopic || n.Message.StartsWith("list ", StringComparison.Ordinal)))
        {
            new(ControlNote.InfoTopic, $"{pending.Applied.Path ?? "-"} stays; no rollback"),
        };
        return dropped.Succeeded ? ControlOutcome.Done(notes) : dropped with { Notes = notes };
    }

    /// <summary>At the deadline of an unconfirmed apply: the previous configuration again, keeping the lists.</summary>
    private void RollBackIfDue()
    {
        RollBackStartIfDue();
        if (_pendingApply is { } pending && _options.Time.GetTimestamp() >= pending.Deadline)
        {
            RollBack(pending, "timeout");
        }
    }

    private void RollBack(PendingApply pending, string reason)
    {
        (_, bool applied) = Swap(pending.Previous, "rollback", new ChangeVia(reason), dropStale: true, []);
        if (applied)
        {
            _pendingApply = null;
            ClearRollbackRecord();
            return;
        }

        // Fail closed for the admin: the rollback is owed until it succeeds; the unconfirmed rules stay meanwhile.
        _pendingApply = pending with { Deadline = _options.Time.GetTimestamp() + (long)(RollbackRetry.TotalSeconds * _options.Time.TimestampFrequency) };
        _log.RollbackFailed(RollbackRetry);
    }

    /// <summary>
    /// Saves what a rollback serves, so that a crash, a kill or a reboot in the window still rolls back (the next start
    /// serves it: <see cref="ApplyJournal"/>). Returns why it cannot, which refuses the apply: a rollback that would not
    /// survive the daemon is not offered.
    /// </summary>
    private string? KeepRollbackRecord(DaemonConfig previous, DaemonConfig next)
    {
        if (_options.ConfigPath is not { } serving || previous.Text is not { } text)
        {
            return "the configuration served now cannot be saved for a rollback (its text is not known); reload it first, then apply";
        }

        try
        {
            ApplyJournal.Write(_options.StateDirectory, serving, previous.Path ?? serving, text, next.Path ?? "-");
            return null;
        }
        catch (IOException e)
        {
            return $"cannot keep the rollback record in {_options.StateDirectory} (see --state-dir): {e.Message}";
        }
    }

    private void ClearRollbackRecord()
    {
        if (_options.ConfigPath is { } serving)
        {
            ApplyJournal.Clear(_options.StateDirectory, serving);
        }
    }

    /// <summary>At start: the rollback a restart did, and the trial of a <c>serve --confirm</c>.</summary>
    private void ReportStartState()
    {
        ReportRecovery();
        StartTrial();
    }

    /// <summary>At start, when the daemon serves the copy an unconfirmed apply left: the rollback a restart did.</summary>
    private void ReportRecovery()
    {
        if (_options.Unconfirmed is not { } unconfirmed)
        {
            return;
        }

        _log.RolledBackAtRestart(unconfirmed.CopyPath, unconfirmed.PreviousPath, unconfirmed.AppliedPath);
        ClearRollbackRecord();
    }

    /// <summary>
    /// The lock-out check of a configuration about to be applied for the SSH session the client runs in
    /// (<see cref="LockoutCheck"/>): the running configuration, the entries the kernel holds for the session's two
    /// addresses, and the interface that holds the server's address. Its errors refuse the apply; its warnings go to the
    /// client and the log. No session (not over SSH): nothing to check. A session that does not parse refuses (unset
    /// SSH_CONNECTION to apply without the check).
    /// </summary>
    private IReadOnlyList<string>? CheckLockout(FirewallConfig next, string? sshConnection, List<ControlNote> notes)
    {
        if (sshConnection is null)
        {
            return null;
        }

        if (!SshSession.TryParse(sshConnection, out SshSession session))
        {
            return [$"SSH_CONNECTION '{DaemonEventLog.Quoted(sshConnection)[1..^1]}' is not an SSH session (client-address client-port server-address server-port); unset it to apply without the lock-out check"];
        }

        session = session.Normalised();
        var context = new LockoutContext(_config, SessionEntries(session), InterfaceOf(session.Server));
        IReadOnlyList<Diagnostics.Diagnostic> findings = LockoutCheck.Check(next, session, context, _options.RuleText);
        foreach (Diagnostics.Diagnostic warning in findings.Where(f => !f.IsError))
        {
            _log.LockoutWarning(session.ToString(), warning.Code, warning.Message);
            notes.Add(new ControlNote(ControlNote.WarningTopic, warning.ToString()));
        }

        List<string> errors = [.. findings.Where(f => f.IsError).Select(f => f.ToString())];
        return errors.Count > 0 ? errors : null;
    }

    /// <summary>The lists whose host set holds the session's client or server address now (one netlink lookup each).</summary>
    private List<(string List, IpRange Address)> SessionEntries(SshSession session)
    {
        var entries = new List<(string, IpRange)>();
        foreach ((IpFamily family, string list) in _nft!.ListAddressListSets())
        {
            foreach (IpRange address in (ReadOnlySpan<IpRange>)[session.Client, session.Server])
            {
                if (address.Family == family && _elements!.Get(NftNames.Table, NftNames.HostSet(family, list), address) is not null)
                {
                    entries.Add((list, address));
                }
            }
        }

        return entries;
    }

    /// <summary>The interface of this namespace that holds <paramref name="server"/>, or null (every interface is tried then).</summary>
    private static string? InterfaceOf(IpRange server)
    {
        IPAddress address = IpRange.ToAddress(server.Family, server.First);
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .FirstOrDefault(i => i.NetworkInterfaceType != NetworkInterfaceType.Loopback
                    && i.GetIPProperties().UnicastAddresses.Any(u => u.Address.Equals(address)))?.Name;
        }
        catch (Exception e) when (e is NetworkInformationException or PlatformNotSupportedException or System.Net.Sockets.SocketException)
        {
            return null; // every interface is tried then
        }
    }

    /// <param name="Previous">What was served before the apply: what a rollback serves again.</param>
    /// <param name="Applied">What the apply serves.</param>
    /// <param name="Deadline">The rollback's time, in the daemon's clock.</param>
    private sealed record PendingApply(DaemonConfig Previous, DaemonConfig Applied, long Deadline);
}
