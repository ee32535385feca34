using Sesame.Linux.Control;
using Sesame.Linux.Nftables;

namespace Sesame.Linux.Daemon;

/// <summary>The control socket's <c>status</c> verb: <see cref="Metrics"/> and a kernel read, on the connection's thread.</summary>
public sealed partial class SesameDaemon
{
    /// <summary>Granted entries a status shows at most (the rest are counted).</summary>
    public const int StatusGrantedShown = 20;

    /// <summary>Lists a status shows at most, and the most characters of a list name in it (a config can hold a megabyte name).</summary>
    private const int StatusListsShown = 200;

    private const int StatusNameChars = 200;

    /// <summary>What <c>sesame status</c> prints; the kernel part is left empty (with the reason) when the read fails.</summary>
    public ControlStatus Status()
    {
        DaemonMetrics m = Metrics;
        DateTimeOffset now = _options.Time.GetUtcNow();
        var counters = new Dictionary<string, long>
        {
            ["grants"] = m.Grants,
            ["blacklistings"] = m.Blacklistings,
            ["stage-entries"] = m.StageEntries,
            ["knocks-reported"] = m.KnocksReported,
            ["nflog-packets"] = m.NflogPackets,
            ["nflog-dropped"] = m.NflogDropped,
            ["layer7-matches"] = m.Layer7Matches,
            ["layer7-misses"] = m.Layer7Misses,
            ["spa-grants"] = m.SpaGrants,
            ["script-runs-ok"] = m.ScriptRunsOk,
            ["script-runs-failed"] = m.ScriptRunsFailed,
        };
        foreach (string reason in DaemonMetrics.SpaRejectReasons)
        {
            counters["spa-rejects-" + reason] = m.SpaRejects(reason);
        }

        if (m.FleetConnected is { } inFleet)
        {
            counters["fleet-connected"] = inFleet ? 1 : 0;
            counters["fleet-queued"] = m.FleetQueued();
            counters["fleet-published"] = m.FleetPublished;
            counters["fleet-applied"] = m.FleetApplied;
            counters["fleet-rejected"] = m.FleetRejected;
            counters["fleet-joins"] = m.FleetJoins;
            counters["fleet-losses"] = m.FleetLosses;
        }

        foreach (string role in DaemonMetrics.Roles)
        {
            counters["expiries-" + role] = m.Expiries(role);
            counters["removals-" + role] = m.Removals(role);
        }

        DaemonKernelState? state = null;
        string? kernelError = null;
        try
        {
            state = ReadKernelState(StatusGrantedShown);
            kernelError = state is null ? "the daemon is not running" : null;
        }
        catch (NftException e)
        {
            kernelError = e.Message;
        }

        IReadOnlyList<DaemonListSize> lists = state?.Lists ?? [];
        return new ControlStatus(
            "status",
            m.StartedAt,
            m.StartedAt is { } started ? Math.Max(0, (now - started).TotalSeconds) : 0,
            m.LastReload,
            counters,
            [.. lists.Take(StatusListsShown).Select(l => l with { List = Cut(l.List) })],
            Math.Max(0, lists.Count - StatusListsShown),
            [.. (state?.Granted ?? []).Select(g => new ControlStatusGrant(Cut(g.List), DaemonEventLog.FamilyName(g.Address.Family), g.Address.ToString(), g.TimeLeft?.TotalSeconds))],
            state?.GrantedNotShown ?? 0,
            kernelError);
    }

    private static string Cut(string name) =>
        name.Length <= StatusNameChars ? name : name[..(char.IsHighSurrogate(name[StatusNameChars - 1]) ? StatusNameChars - 1 : StatusNameChars)] + "…";
}
