using System.Text.Json.Nodes;
using Sesame.Linux.Control;
using Sesame.Linux.Nftables;

namespace Sesame.Linux.Daemon;

/// <summary>
/// <c>serve CONFIG --confirm 60s</c>: the start itself on trial. Before its ruleset goes in, the daemon reads what
/// <c>table inet sesame</c> holds (its chains, rules, sets and counters, or that there is none). Unless <c>sesame
/// confirm</c> runs in time, it puts that back — the chains and rules as they were, the sets with what they hold now (a
/// list both have keeps its entries), the sets CONFIG brought deleted; or the whole table deleted when there was none —
/// logs <c>event=rollback via=timeout what=serve</c> and stops with <see cref="ServeRolledBackExitCode"/>, which the unit
/// names in <c>RestartPreventExitStatus=</c> so that systemd does not start the unconfirmed configuration again. A stop
/// (SIGTERM) in the window is a rollback too.
/// </summary>
public sealed partial class SesameDaemon
{
    /// <summary>The exit status of a <c>serve --confirm</c> that was not confirmed and put the table back.</summary>
    public const int ServeRolledBackExitCode = 4;

    private long? _startDeadline;
    private bool _startSnapshotTaken;
    private string? _startSnapshot;
    private volatile bool _stopRequested;

    /// <summary>Whether a <c>serve --confirm</c> rolled its start back (the daemon then stops by itself).</summary>
    public bool StartRolledBack { get; private set; }

    /// <summary>Reads the table before the start's ruleset goes in, when the start is on trial.</summary>
    private void SnapshotBeforeStart()
    {
        if (_options.ConfirmStartWithin is null || _startSnapshotTaken)
        {
            return;
        }

        _startSnapshotTaken = true;
        _startSnapshot = _nft!.TableExists() ? _nft.ListStructure() : null;
    }

    /// <summary>After the start: the trial's deadline, and what the log and the admin need to know.</summary>
    private void StartTrial()
    {
        if (_options.ConfirmStartWithin is not { } within)
        {
            return;
        }

        _startDeadline = _options.Time.GetTimestamp() + (long)(within.TotalSeconds * _options.Time.TimestampFrequency);
        DateTimeOffset at = _options.Time.GetUtcNow() + within;
        _log.ServeApplyPending(_options.ConfigPath ?? "-", within, at, _startSnapshot is null ? "none" : "kept");
    }

    private bool StartPending => _startDeadline is not null;

    private void RollBackStartIfDue()
    {
        if (_startDeadline is { } deadline && _options.Time.GetTimestamp() >= deadline)
        {
            RollBackStart("timeout");
        }
    }

    /// <summary>
    /// Called when the daemon stops: a <c>serve --confirm</c> still on trial, or an apply still waiting, is rolled back now
    /// — a stopped daemon cannot roll back later, and the table stays after it. Returns whether the start was rolled back.
    /// </summary>
    public bool RollBackPending()
    {
        if (_nft is null)
        {
            return StartRolledBack;
        }

        if (StartPending)
        {
            RollBackStart("stop");
        }
        else if (_pendingApply is { } pending)
        {
            RollBack(pending, "stop");
        }

        return StartRolledBack;
    }

    private void RollBackStart(string reason)
    {
        _startDeadline = null;
        StopScripts();
        _scripts = null;
        try
        {
            lock (_live.Lock)
            {
                _nft!.Apply(_startSnapshot is null ? new NftRuleset([NftCommand.Of("delete", "table", [])]) : Restoring(_startSnapshot, _nft.ListStructure()));
            }
        }
        catch (NftException e)
        {
            RecordChange("rollback", false, e.Message);
            _log.ServeRollbackFailed(reason, e.Message);
            StartScripts(resume: true);
            _startDeadline = _options.Time.GetTimestamp() + (long)(RollbackRetry.TotalSeconds * _options.Time.TimestampFrequency);
            return;
        }

        RecordChange("rollback", true, null);
        StartRolledBack = true;
        _stopRequested = true;
        _log.ServeRolledBack(reason, _startSnapshot is null ? "removed" : "restored", ServeRolledBackExitCode);
    }

    /// <summary>
    /// The transaction that puts the table back as <paramref name="snapshot"/> listed it, from <paramref name="now"/>: every
    /// chain flushed, the snapshot's chains, counters and rules declared again (its sets too when they are gone), and what
    /// the snapshot did not have deleted. Sets that both have are not touched: they keep their entries.
    /// </summary>
    internal static NftRuleset Restoring(string snapshot, string now)
    {
        List<(string Kind, JsonObject Body)> before = Own(snapshot);
        List<(string Kind, JsonObject Body)> after = Own(now);
        HashSet<string> Names(List<(string Kind, JsonObject Body)> items, string kind) =>
            new(items.Where(i => i.Kind == kind).Select(i => NftJson.Str(i.Body["name"]) ?? ""), StringComparer.Ordinal);

        var commands = new List<NftCommand> { NftCommand.Of("add", "table", []) };
        HashSet<string> chainsBefore = Names(before, "chain");
        foreach ((string kind, JsonObject body) in before.Where(i => i.Kind is "chain" or "set" or "counter"))
        {
            commands.Add(NftCommand.Of("add", kind, Fields(body, "name", "type", "hook", "prio", "policy", "flags", "size", "timeout")));
        }

        foreach (string chain in chainsBefore.Union(Names(after, "chain")))
        {
            commands.Add(NftCommand.Of("flush", "chain", new JsonObject { ["name"] = chain }));
        }

        foreach ((_, JsonObject rule) in before.Where(i => i.Kind == "rule"))
        {
            commands.Add(NftCommand.Of("add", "rule", Fields(rule, "chain", "expr")));
        }

        foreach (string kind in (ReadOnlySpan<string>)["chain", "set", "counter"])
        {
            HashSet<string> kept = Names(before, kind);
            commands.AddRange(Names(after, kind).Where(n => !kept.Contains(n)).Select(n => NftCommand.Of("delete", kind, new JsonObject { ["name"] = n })));
        }

        return new NftRuleset(commands);
    }

    private static JsonObject Fields(JsonObject body, params string[] names)
    {
        var fields = new JsonObject();
        foreach (string name in names)
        {
            if (body[name] is { } value)
            {
                fields[name] = value.DeepClone();
            }
        }

        return fields;
    }

    private static List<(string Kind, JsonObject Body)> Own(string listedJson)
    {
        var items = new List<(string, JsonObject)>();
        foreach (JsonNode? item in JsonNode.Parse(listedJson)?["nftables"] as JsonArray ?? [])
        {
            if (item is JsonObject { Count: 1 } o && o.First() is (string kind and ("chain" or "set" or "counter" or "rule"), JsonObject body) && NftJson.IsSesame(kind, body))
            {
                items.Add((kind, body));
            }
        }

        return items;
    }

    /// <summary><c>sesame confirm</c> of a <c>serve --confirm</c>.</summary>
    private ControlOutcome ConfirmStart(ChangeVia via)
    {
        _startDeadline = null;
        _log.ServeConfirmed(via, _options.ConfigPath ?? "-");
        return ControlOutcome.Done([new ControlNote(ControlNote.InfoTopic, $"{_options.ConfigPath ?? "-"} stays; no rollback")]);
    }
}
