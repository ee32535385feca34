using System.Text.Json;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Simulation;

namespace Sesame.Cli.Output;

/// <summary>
/// The machine form of a simulation, as the issue specifies:
/// <c>{"packets": [{"time", "src", "verdict", "rule", "added"}], "lists": {"name": [{"address", "timeout"}]}, "rules": [{"index", "chain", "action", "packets", "bytes"}]}</c>.
/// </summary>
internal static class SimulationJsonWriter
{
    public static void Write(SimulationResult result, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("packets");
            foreach (SimulatedPacket p in result.Packets)
            {
                json.WriteStartObject();
                json.WriteNumber("time", p.Packet.Time);
                json.WriteString("src", p.Packet.SrcText);
                json.WriteString("verdict", SimulationTextWriter.VerdictName(p.Result.Verdict));
                if (p.Result.RuleIndex < 0)
                {
                    json.WriteNull("rule");
                }
                else
                {
                    json.WriteNumber("rule", p.Result.RuleIndex);
                }

                // "added": the lists a rule put the packet's address into (new entries and refreshed timeouts alike,
                // since both are the add-*-to-address-list action taking effect), each named once.
                json.WriteStartArray("added");
                var named = new HashSet<string>(StringComparer.Ordinal);
                foreach (AddressListChange change in p.Changes)
                {
                    if (change.Kind != AddressListChangeKind.Expired && named.Add(change.List))
                    {
                        json.WriteStringValue(change.List);
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteLists(json, result.Lists);
            json.WriteStartArray("rules");
            foreach (SimulatedRule rule in result.Rules)
            {
                json.WriteStartObject();
                json.WriteNumber("index", rule.Index);
                json.WriteString("family", rule.Family == IpFamily.V4 ? "ip" : "ipv6");
                json.WriteString("chain", rule.Rule.Chain);
                json.WriteString("action", rule.Rule.Action.ToRouterOs());
                json.WriteNumber("packets", rule.Counter.Packets);
                json.WriteNumber("bytes", rule.Counter.Bytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>The <c>"lists"</c> object, shared with <c>sesame print lists --json</c>: IPv4 and IPv6 entries of a name together.</summary>
    internal static void WriteLists(Utf8JsonWriter json, IReadOnlyList<AddressListEntryState> entries)
    {
        json.WriteStartObject("lists");
        foreach (IGrouping<string, AddressListEntryState> list in entries.GroupBy(e => e.List, StringComparer.Ordinal))
        {
            json.WriteStartArray(list.Key);
            foreach (AddressListEntryState entry in list)
            {
                json.WriteStartObject();
                json.WriteString("address", entry.Address?.ToString() ?? entry.DnsName ?? "");
                if (entry.Remaining is { } remaining)
                {
                    json.WriteNumber("timeout", Math.Round(remaining.TotalSeconds, 3));
                }
                else
                {
                    json.WriteNull("timeout");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
