using System.Globalization;
using Sesame.Linux.Netlink;

namespace Sesame.Linux.Daemon;

/// <summary>
/// Guards <c>table inet sesame</c> against everybody else: a thread sleeps on nf_tables' change notifications, and when
/// another process changes the table's structure (deletes it, flushes the ruleset or a chain, adds or deletes a rule, a
/// chain or a set) it logs <c>event=tampered</c> and has the daemon re-apply its ruleset (<c>event=restored</c>).
/// Lost or damaged notifications count as tampering by an unknown process. Repairs are debounced and bounded, and a
/// failed one is retried with a growing wait for as long as the daemon runs (<see cref="RepairSchedule"/>).
/// </summary>
/// <remarks>
/// The socket is opened by the constructor, in the caller's network namespace, before the daemon applies its ruleset:
/// no change after that is missed. The repair runs on the watcher's thread with its own libnftables context, so a busy
/// NFLOG loop does not delay it.
/// </remarks>
internal sealed class TableWatcher : IDisposable
{
    private NftMonitorSocket _socket = new();
    private readonly byte[] _buffer = new byte[256 * 1024];
    private readonly DaemonEventLog _log;
    private readonly TimeProvider _time;
    private readonly TamperDetector _detector;
    private readonly RepairSchedule _schedule;
    private readonly Action<IReadOnlyList<TamperFinding>> _repair;
    private readonly List<TamperFinding> _findings = [];
    private int _logged;
    private Thread? _thread;
    private volatile bool _stopping;

    /// <param name="repair">Re-applies the ruleset; throws when it could not (the watcher retries).</param>
    /// <param name="elementChanged">Told of every element added to or deleted from the table's sets, by anybody.</param>
    /// <param name="foreignElements">Told of the element changes of each transaction another process committed (null: not needed).</param>
    public TableWatcher(DaemonEventLog log, TimeProvider time, Action<IReadOnlyList<TamperFinding>> repair, Action<NftChange> elementChanged,
        Action<IReadOnlyList<NftChange>, bool>? foreignElements = null)
    {
        _log = log;
        _time = time;
        _repair = repair;
        _schedule = new RepairSchedule(time);
        _detector = new TamperDetector(IsOwnThread) { ElementChanged = elementChanged, ForeignElements = foreignElements };
    }

    public void Start()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "sesame table watcher" };
        _thread.Start();
    }

    /// <summary>Stops the thread; a repair still owed is tried once first, so the daemon does not leave the door open.</summary>
    public void Dispose()
    {
        _stopping = true;
        if (_thread is not null)
        {
            try
            {
                _socket.Poke();
            }
            catch (System.Net.Sockets.SocketException)
            {
                // The thread wakes on its next notification anyway; the join below is bounded.
            }

            _thread.Join(TimeSpan.FromSeconds(10));
        }

        _socket.Dispose();
    }

    /// <summary>The kernel names the committing thread (task_pid_nr): one of ours when it is listed under /proc/self/task.</summary>
    private static bool IsOwnThread(uint tid) =>
        tid == (uint)Environment.ProcessId || Directory.Exists("/proc/self/task/" + tid.ToString(CultureInfo.InvariantCulture));

    private void Loop()
    {
        while (true)
        {
            try
            {
                if (!Turn())
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (_stopping)
                {
                    return;
                }

                // The guard must outlive any surprise: a fresh socket, a repair owed (what happened meanwhile is unknown),
                // and a pause that grows like a failed repair's, so a lasting fault cannot spin.
                Found(_detector.Lost("watcher-error"));
                TimeSpan pause = _schedule.Failed();
                _log.WatchFailed(pause.TotalMilliseconds, Short(e.Message));
                Thread.Sleep(pause);
                Reopen();
            }
        }
    }

    /// <summary>
    /// After ENOBUFS the kernel marks the socket congested and drops every further notification without another error until
    /// its queue is empty (netlink_overrun, netlink_rcv_wake). What is queued is a stale, gappy tail: read it away, so that
    /// the socket delivers again, and repair after — the repair covers whatever the dropped messages said.
    /// </summary>
    private void Drain()
    {
        long started = _time.GetTimestamp();
        while (_time.GetElapsedTime(started) < TimeSpan.FromSeconds(5)
            && _socket.Receive(_buffer, TimeSpan.FromMilliseconds(1)) != 0)
        {
        }
    }

    private void Reopen()
    {
        try
        {
            var fresh = new NftMonitorSocket();
            _socket.Dispose();
            _socket = fresh;
        }
        catch (NflogException)
        {
            // Keep the old one; the next failure tries again.
        }
    }

    /// <summary>One wait for notifications or one repair; false when the watcher is to stop.</summary>
    private bool Turn()
    {
        TimeSpan? wait = _schedule.Wait(out bool limited);
        if (limited)
        {
            _log.TamperLimit(RepairSchedule.RepairsPerSecond, 1, "the table keeps being changed; repairs are bounded");
        }

        if (wait == TimeSpan.Zero || (_stopping && _schedule.IsPending))
        {
            RepairNow();
            return !_stopping;
        }

        if (_stopping)
        {
            // Notifications may be queued behind the wake-up: read what is there, so that a tampering just before SIGTERM
            // is still repaired (the next turn repairs when one is owed, and stops).
            int queued = _socket.Receive(_buffer, TimeSpan.FromMilliseconds(1));
            if (queued == 0)
            {
                return false;
            }

            Read(queued);
            return true;
        }

        int received = _socket.Receive(_buffer, wait);
        Read(received);
        return true;
    }

    /// <summary>Handles what one receive returned: a datagram of notifications, nothing (0), or ENOBUFS (-1).</summary>
    private void Read(int received)
    {
        if (received < 0)
        {
            Drain();
            Found(_detector.Lost("notifications-lost"));
            return;
        }

        var reader = new NftMonitorReader(_buffer.AsSpan(0, received));
        while (reader.TryReadNext(out NftChange change))
        {
            if (_detector.Feed(change) is { } finding)
            {
                Found(finding);
            }
        }

        if (reader.Error is { } error)
        {
            _log.WatchDamaged("damaged nf_tables notification: " + error);
            Found(_detector.Lost("notification-damaged"));
        }
    }

    /// <summary>nft's error quotes the whole script it refused: the first line, and at most 240 characters of it, say enough.</summary>
    internal static string Short(string message)
    {
        string first = message.Split('\n', 2)[0].TrimEnd();
        return first.Length <= 240 ? first : first[..240] + "…";
    }

    private void Found(TamperFinding finding)
    {
        _findings.Add(finding with { SeenAt = _time.GetTimestamp() });
        _schedule.Tampered();
    }

    private void RepairNow()
    {
        if (_findings.Count > _logged)
        {
            // One line for the burst this repair answers (retries after a failure do not repeat it).
            List<TamperFinding> fresh = _findings[_logged..];
            TamperFinding first = fresh[0];
            List<string> changes = [.. fresh.SelectMany(f => f.Changes).Distinct().Take(TamperDetector.MaxNamedChanges)];
            _log.Tampered("inet/sesame", string.Join(',', changes), first.ProcessId, first.ProcessId == 0 ? "unknown" : first.ProcessName, fresh.Count);
            _logged = _findings.Count;
        }

        _schedule.Started();
        try
        {
            _repair(_findings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            TimeSpan retry = _schedule.Failed();
            _log.RepairFailed(_schedule.Failures, retry.TotalMilliseconds, Short(e.Message));
            return;
        }

        _findings.Clear();
        _logged = 0;
        _schedule.Succeeded();
    }
}
