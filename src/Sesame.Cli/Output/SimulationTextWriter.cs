using System.Globalization;
using System.Text;
using Sesame.Engine;
using Sesame.Model;
using Sesame.RouterOS;
using Sesame.Simulation;
using Sesame.Text;

namespace Sesame.Cli.Output;

/// <summary>The human form of a simulation: one line per packet, then the address lists in RouterOS <c>print</c> style.</summary>
internal static class SimulationTextWriter
{
    public static void Write(SimulationResult result, TextWriter writer)
    {
        IReadOnlyDictionary<(Net.IpFamily, int), SimulatedRule> rules = result.Rules.ToDictionary(r => (r.Family, r.Index));
        writer.WriteLine($"{"TIME",9}  {"SOURCE",-24} {"PACKET",-12} {"VERDICT",-7}  {"DECIDED BY",-34} ADDRESS LISTS");
        foreach (SimulationEvent e in Timeline(result))
        {
            switch (e)
            {
                case SimulatedPacket p:
                    WritePacket(p, rules, writer);
                    break;
                case SimulatedExpiry expiry:
                    WriteExpiry(expiry, writer);
                    break;
                case SimulatedScriptRun run:
                    WriteRun(run, writer);
                    break;
                case SimulatedScriptChange change:
                    WriteScriptChange(change, writer);
                    break;
                case SimulatedLogEntry log:
                    WriteLog(log, writer);
                    break;
                case SimulatedRuleChange ruleChange:
                    WriteRuleChange(ruleChange, writer);
                    break;
            }
        }

        writer.WriteLine();
        writer.WriteLine($"Address lists at {Seconds(result.EndTime)} s:");
        var rows = result.Lists
            .Select(e => new AddressListRow(e.List, e.Address?.ToString() ?? e.DnsName ?? "", e.Remaining, e.Dynamic, e.Disabled, e.Comment, null))
            .ToList();
        writer.Write(rows.Count == 0 ? "(no entries)\n" : RouterOsPrinter.PrintAddressLists(rows));
    }

    /// <summary>The result's events in order; a result built without them (by hand) has its packets and expiries merged by time.</summary>
    private static IEnumerable<SimulationEvent> Timeline(SimulationResult result)
    {
        if (result.Events.Count > 0 || (result.Packets.Count == 0 && result.Expiries.Count == 0))
        {
            return result.Events;
        }

        var merged = new List<SimulationEvent>();
        int nextExpiry = 0;
        foreach (SimulatedPacket p in result.Packets)
        {
            for (; nextExpiry < result.Expiries.Count && result.Expiries[nextExpiry].Time <= p.Packet.Time; nextExpiry++)
            {
                merged.Add(result.Expiries[nextExpiry]);
            }

            merged.Add(p);
        }

        merged.AddRange(result.Expiries.Skip(nextExpiry));
        return merged;
    }

    private static void WritePacket(SimulatedPacket p, IReadOnlyDictionary<(Net.IpFamily, int), SimulatedRule> rules, TextWriter writer)
    {
        string packet = p.Packet.DstPort == 0 && !IpProtocols.HasPorts(p.Packet.Protocol)
            ? IpProtocols.ToName(p.Packet.Protocol)
            : $"{IpProtocols.ToName(p.Packet.Protocol)}/{p.Packet.DstPort}";
        string decided = p.Result.RuleIndex < 0
            ? $"{HookName(p.Packet.Hook)} chain policy"
            : Describe(rules[(p.Packet.Family, p.Result.RuleIndex)]);
        // One line per packet whatever the names hold: a list or chain name with a newline or ESC is escaped.
        writer.WriteLine(TerminalText.Escape($"{Seconds(p.Packet.Time),9}  {p.Packet.SrcText,-24} {packet,-12} {VerdictName(p.Result.Verdict),-7}  {decided,-34} {Changes(p.Changes)}".TrimEnd()));
    }

    // A run: "run NAME" in the source column, ok/error in the verdict column, what started it in the decided-by column.
    private static void WriteRun(SimulatedScriptRun run, TextWriter writer) =>
        writer.WriteLine(TerminalText.Escape($"{Seconds(run.Time),9}  {"run " + run.Invocation.DisplayName,-24} {"script",-12} {(run.Result.Succeeded ? "ok" : "error"),-7}  {run.Trigger}".TrimEnd()));

    // A script's change, one line per entry, as a rule's change is written after its packet.
    private static void WriteScriptChange(SimulatedScriptChange change, TextWriter writer)
    {
        AddressListChange c = change.Change;
        string address = c.DnsName ?? c.Address.ToString();
        writer.WriteLine(TerminalText.Escape($"{Seconds(change.Time),9}  {address,-24} {"",-12} {"",-7}  {"script " + c.Script,-34} {Changes([c])}".TrimEnd()));
    }

    // "enabled ip rules 5, 6": the rule numbers are the family's filter indices, as the packet lines name them.
    private static void WriteRuleChange(SimulatedRuleChange change, TextWriter writer)
    {
        string family = change.Family == Net.IpFamily.V6 ? "ipv6 " : "ip ";
        string what = $"{(change.Disabled ? "disabled" : "enabled")} {family}rule{(change.Indices.Count == 1 ? "" : "s")} {string.Join(", ", change.Indices)}";
        writer.WriteLine(TerminalText.Escape($"{Seconds(change.Time),9}  {"",-24} {"",-12} {"",-7}  {"script " + change.Script,-34} {what}"));
    }

    // A :log or :put line (or a run's error) at its time; the message is escaped like every name.
    private static void WriteLog(SimulatedLogEntry log, TextWriter writer) =>
        writer.WriteLine(TerminalText.Escape($"{Seconds(log.Time),9}  {"log " + log.Topic,-24} {"",-12} {"",-7}  {log.Script + ":",-34} {log.Message}".TrimEnd()));

    private static void WriteExpiry(SimulatedExpiry expiry, TextWriter writer) =>
        writer.WriteLine(TerminalText.Escape($"{Seconds(expiry.Time),9}  {expiry.Change.Address,-24} {"",-12} {"",-7}  {"timeout",-34} -{expiry.Change.List} expired"));

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    internal static string VerdictName(Verdict verdict) => verdict switch
    {
        Verdict.Accept => "accept",
        Verdict.Drop => "drop",
        Verdict.Reject => "reject",
        _ => "tarpit",
    };

    internal static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string HookName(Hook hook) => hook.ToString().ToLowerInvariant();

    private static string Describe(SimulatedRule rule)
    {
        string family = rule.Family == Net.IpFamily.V6 ? "ipv6 " : "";
        return $"{family}rule {rule.Index} ({rule.Rule.Chain} {rule.Rule.Action.ToRouterOs()})";
    }

    private static string Changes(IReadOnlyList<AddressListChange> changes)
    {
        var sb = new StringBuilder();
        foreach (AddressListChange change in changes)
        {
            if (sb.Length > 0)
            {
                sb.Append("  ");
            }

            string timeout = change.Timeout is { } t ? " " + RouterOsTime.Format(t) : "";
            string extra = (change.Disabled ? " disabled" : "") + (change.Comment is { } comment ? $" comment={Quote(comment)}" : "");
            sb.Append(change.Kind switch
            {
                AddressListChangeKind.Added => $"+{change.List}{timeout}{extra}",
                AddressListChangeKind.Refreshed => $"~{change.List}{timeout}",
                AddressListChangeKind.Changed => $"~{change.List}{timeout}{extra}",
                AddressListChangeKind.Removed => $"-{change.List} removed",
                _ => $"-{change.List} {change.Address} expired",
            });
        }

        return sb.ToString();
    }
}
