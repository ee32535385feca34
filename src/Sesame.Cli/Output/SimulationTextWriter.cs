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
        int nextExpiry = 0;
        foreach (SimulatedPacket p in result.Packets)
        {
            for (; nextExpiry < result.Expiries.Count && result.Expiries[nextExpiry].Time <= p.Packet.Time; nextExpiry++)
            {
                WriteExpiry(result.Expiries[nextExpiry], writer);
            }

            string packet = p.Packet.DstPort == 0 && !IpProtocols.HasPorts(p.Packet.Protocol)
                ? IpProtocols.ToName(p.Packet.Protocol)
                : $"{IpProtocols.ToName(p.Packet.Protocol)}/{p.Packet.DstPort}";
            string decided = p.Result.RuleIndex < 0
                ? $"{HookName(p.Packet.Hook)} chain policy"
                : Describe(rules[(p.Packet.Family, p.Result.RuleIndex)]);
            // One line per packet whatever the names hold: a list or chain name with a newline or ESC is escaped.
            writer.WriteLine(TerminalText.Escape($"{Seconds(p.Packet.Time),9}  {p.Packet.SrcText,-24} {packet,-12} {VerdictName(p.Result.Verdict),-7}  {decided,-34} {Changes(p.Changes)}".TrimEnd()));
        }

        for (; nextExpiry < result.Expiries.Count; nextExpiry++)
        {
            WriteExpiry(result.Expiries[nextExpiry], writer);
        }

        writer.WriteLine();
        writer.WriteLine($"Address lists at {Seconds(result.EndTime)} s:");
        var rows = result.Lists
            .Select(e => new AddressListRow(e.List, e.Address?.ToString() ?? e.DnsName ?? "", e.Remaining, e.Dynamic, e.Disabled, e.Comment, null))
            .ToList();
        writer.Write(rows.Count == 0 ? "(no entries)\n" : RouterOsPrinter.PrintAddressLists(rows));
    }

    private static void WriteExpiry(SimulatedExpiry expiry, TextWriter writer) =>
        writer.WriteLine(TerminalText.Escape($"{Seconds(expiry.Time),9}  {expiry.Change.Address,-24} {"",-12} {"",-7}  {"timeout",-34} -{expiry.Change.List} expired"));

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
            sb.Append(change.Kind switch
            {
                AddressListChangeKind.Added => $"+{change.List}{timeout}",
                AddressListChangeKind.Refreshed => $"~{change.List}{timeout}",
                _ => $"-{change.List} {change.Address} expired",
            });
        }

        return sb.ToString();
    }
}
