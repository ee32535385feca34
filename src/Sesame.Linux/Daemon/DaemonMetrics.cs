using Sesame.Spa;

namespace Sesame.Linux.Daemon;

/// <summary>
/// What the daemon counts as it goes, for <c>serve --metrics</c> and <c>sesame status</c>: updated on the daemon's, the
/// script worker's and the control threads with <see cref="Interlocked"/>, read from any thread. No metrics library here:
/// the command line exposes these numbers (see docs/metrics.md), so the data plane depends on none.
/// </summary>
/// <remarks>
/// Counters count from the daemon's start; the kernel's per-rule counters and the list sizes are read at the time they
/// are asked for (<see cref="SesameDaemon.ReadKernelState"/>), not here.
/// </remarks>
public sealed class DaemonMetrics
{
    private static readonly List<string> SpaRejectReasonNames = ["hmac", "decrypt", "format", "stale", "replay", "denied"];

    /// <summary>The SPA reject reasons as the log line's <c>reason=</c> names them, in <see cref="SpaRejectReason"/> order.</summary>
    public static readonly IReadOnlyList<string> SpaRejectReasons = SpaRejectReasonNames.AsReadOnly();

    private readonly long[] _entered = new long[3];
    private readonly long[] _expired = new long[3];
    private readonly long[] _removed = new long[3];
    private readonly long[] _spaRejects = new long[SpaRejectReasons.Count];
    private long _knocksReported;
    private long _nflogPackets;
    private long _nflogDropped;
    private long _layer7Matches;
    private long _layer7Misses;
    private long _spaGrants;
    private long _scriptRunsOk;
    private long _scriptRunsFailed;
    private long _startedAtTicks;
    private long _fleetPublished;
    private long _fleetApplied;
    private long _fleetRejected;
    private long _fleetJoins;
    private long _fleetLosses;
    private int _fleetState;
    private DaemonReload? _lastReload;

    /// <summary>Sources that entered a list an accept rule matches on (a new entry, not a refresh of one already there).</summary>
    public long Grants => Volatile.Read(ref _entered[(int)EventKind.Grant]);

    /// <summary>Sources that entered a list a drop, reject or tarpit rule matches on.</summary>
    public long Blacklistings => Volatile.Read(ref _entered[(int)EventKind.Blacklist]);

    /// <summary>Sources that entered a knock-stage list (a step of a sequence).</summary>
    public long StageEntries => Volatile.Read(ref _entered[(int)EventKind.Stage]);

    /// <summary>Packets of add-to-address-list rules the kernel reported over NFLOG (within the per-rule report rate).</summary>
    public long KnocksReported => Volatile.Read(ref _knocksReported);

    /// <summary>Packets received on the NFLOG group (knock reports, Layer7 candidates, SPA packets, set-full reports).</summary>
    public long NflogPackets => Volatile.Read(ref _nflogPackets);

    /// <summary>NFLOG messages the kernel dropped because the daemon's receive buffer was full (ENOBUFS overruns).</summary>
    public long NflogDropped => Volatile.Read(ref _nflogDropped);

    public long Layer7Matches => Volatile.Read(ref _layer7Matches);

    public long Layer7Misses => Volatile.Read(ref _layer7Misses);

    public long SpaGrants => Volatile.Read(ref _spaGrants);

    public long ScriptRunsOk => Volatile.Read(ref _scriptRunsOk);

    public long ScriptRunsFailed => Volatile.Read(ref _scriptRunsFailed);

    /// <summary>Fleet mode: whether the node is in the fleet now (null: no fleet). Out of it, it enforces what it has.</summary>
    public bool? FleetConnected => Volatile.Read(ref _fleetState) switch { 0 => null, 1 => false, _ => true };

    /// <summary>Changes to shared lists this node handed to the fleet (grants, refreshes, blacklistings, removals, expiries).</summary>
    public long FleetPublished => Volatile.Read(ref _fleetPublished);

    /// <summary>Other nodes' changes this node applied to its sets.</summary>
    public long FleetApplied => Volatile.Read(ref _fleetApplied);

    /// <summary>Other nodes' changes this node refused (a list it does not share, an address that does not parse, a kernel refusal).</summary>
    public long FleetRejected => Volatile.Read(ref _fleetRejected);

    /// <summary>Times the node joined the fleet (the first connection included) and times it dropped out.</summary>
    public long FleetJoins => Volatile.Read(ref _fleetJoins);

    public long FleetLosses => Volatile.Read(ref _fleetLosses);

    /// <summary>Changes waiting to be sent (read from the link when asked); 0 without a fleet.</summary>
    public Func<int> FleetQueued { get; internal set; } = () => 0;

    /// <summary>When the ruleset went in and the daemon started listening; null before.</summary>
    public DateTimeOffset? StartedAt
    {
        get
        {
            long ticks = Volatile.Read(ref _startedAtTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>The last reload's outcome; null when there was none.</summary>
    public DaemonReload? LastReload => Volatile.Read(ref _lastReload);

    /// <summary>Entries of lists of role <paramref name="role"/> ("stage", "grant", "blacklist") whose timeout ran out.</summary>
    public long Expiries(string role) => Volatile.Read(ref _expired[(int)Role(role)]);

    /// <summary>Entries without timeout of lists of role <paramref name="role"/> that were removed (by hand or a script).</summary>
    public long Removals(string role) => Volatile.Read(ref _removed[(int)Role(role)]);

    /// <summary>SPA packets refused for <paramref name="reason"/> (one of <see cref="SpaRejectReasons"/>), logged or not.</summary>
    public long SpaRejects(string reason)
    {
        int index = SpaRejectReasonNames.IndexOf(reason);
        return index < 0 ? 0 : Volatile.Read(ref _spaRejects[index]);
    }

    /// <summary>The role names of <see cref="Expiries"/> and <see cref="Removals"/>.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["stage", "grant", "blacklist"];

    /// <summary>Records a reload (SIGHUP, <c>sesame reload</c>, <c>sesame apply</c>): whether it went in, when, and why not.</summary>
    public void RecordReload(bool ok, DateTimeOffset at, string? message, string action = "reload") =>
        Volatile.Write(ref _lastReload, new DaemonReload(ok, at, message, action));

    internal void RecordStart(DateTimeOffset at) => Volatile.Write(ref _startedAtTicks, at.UtcTicks);

    internal void Entered(EventKind role) => Interlocked.Increment(ref _entered[(int)role]);

    internal void Left(EventKind role, bool hadTimeout) => Interlocked.Increment(ref (hadTimeout ? _expired : _removed)[(int)role]);

    internal void FleetStarted() => Interlocked.CompareExchange(ref _fleetState, 1, 0);

    internal void FleetJoined()
    {
        Volatile.Write(ref _fleetState, 2);
        Interlocked.Increment(ref _fleetJoins);
    }

    internal void FleetLost()
    {
        Volatile.Write(ref _fleetState, 1);
        Interlocked.Increment(ref _fleetLosses);
    }

    internal void FleetPublish() => Interlocked.Increment(ref _fleetPublished);

    internal void FleetApply(int count) => Interlocked.Add(ref _fleetApplied, count);

    internal void FleetReject() => Interlocked.Increment(ref _fleetRejected);

    internal void KnockReported() => Interlocked.Increment(ref _knocksReported);

    internal void NflogPacket() => Interlocked.Increment(ref _nflogPackets);

    /// <summary>The socket's overrun count so far (it only grows).</summary>
    internal void NflogOverruns(long total) => Volatile.Write(ref _nflogDropped, total);

    internal void Layer7(bool matched) => Interlocked.Increment(ref matched ? ref _layer7Matches : ref _layer7Misses);

    internal void SpaGranted() => Interlocked.Increment(ref _spaGrants);

    internal void SpaRejected(SpaRejectReason reason) =>
        Interlocked.Increment(ref _spaRejects[Math.Clamp((int)reason, 0, _spaRejects.Length - 1)]);

    internal void ScriptRan(bool ok) => Interlocked.Increment(ref ok ? ref _scriptRunsOk : ref _scriptRunsFailed);

    private static EventKind Role(string role) => role switch
    {
        "grant" => EventKind.Grant,
        "blacklist" => EventKind.Blacklist,
        "stage" => EventKind.Stage,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a list role (stage, grant, blacklist)"),
    };
}
