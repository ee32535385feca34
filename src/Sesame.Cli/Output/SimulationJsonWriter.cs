using System.Text.Json;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Simulation;

namespace Sesame.Cli.Output;

/// <summary>
/// The machine form of a simulation, as the issue specifies:
/// <c>{"packets": [{"time", "src", "verdict", "rule", "added"}], "log": [{"time", "topic", "script", "message"}], "scripts": [...], "lists": {"name": [{"address", "timeout", "comment"?}]}, "rules": [{"index", "chain", "action", "packets", "bytes"}]}</c>.
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
            WriteLog(json, result.Log);
            WriteScripts(json, result);
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

    /// <summary><c>"log": [{"time", "topic", "script", "message"}]</c>: every <c>:log</c>/<c>:put</c> line and run error, in order.</summary>
    private static void WriteLog(Utf8JsonWriter json, IReadOnlyList<SimulatedLogEntry> log)
    {
        json.WriteStartArray("log");
        foreach (SimulatedLogEntry entry in log)
        {
            json.WriteStartObject();
            json.WriteNumber("time", entry.Time);
            json.WriteString("topic", entry.Topic);
            json.WriteString("script", entry.Script);
            json.WriteString("message", entry.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// <c>"scripts": [{"time", "script", "trigger", "ok", "error", "changes": [{"kind", "family", "list", "address", "timeout", "comment", "disabled"}], "rules": [{"family", "index", "disabled"}]}]</c>:
    /// each run with the address-list changes it made (as a packet's <c>"added"</c> names a rule's) and the rules it enabled or disabled.
    /// </summary>
    private static void WriteScripts(Utf8JsonWriter json, SimulationResult result)
    {
        json.WriteStartArray("scripts");
        SimulatedScriptRun? current = null;
        var changes = new List<AddressListChange>();
        var rules = new List<SimulatedRuleChange>();
        foreach (SimulationEvent e in result.Events)
        {
            switch (e)
            {
                case SimulatedScriptRun run:
                    WriteRun(json, current, changes, rules);
                    current = run;
                    break;
                case SimulatedScriptChange change when current is not null:
                    changes.Add(change.Change);
                    break;
                case SimulatedRuleChange ruleChange when current is not null:
                    rules.Add(ruleChange);
                    break;
            }
        }

        WriteRun(json, current, changes, rules);
        json.WriteEndArray();
    }

    private static void WriteRun(Utf8JsonWriter json, SimulatedScriptRun? run, List<AddressListChange> changes, List<SimulatedRuleChange> rules)
    {
        if (run is null)
        {
            return;
        }

        json.WriteStartObject();
        json.WriteNumber("time", run.Time);
        json.WriteString("script", run.Invocation.DisplayName);
        json.WriteString("trigger", run.Trigger);
        json.WriteBoolean("ok", run.Result.Succeeded);
        if (run.Result.Error is { } error)
        {
            json.WriteString("error", error);
        }
        else
        {
            json.WriteNull("error");
        }

        json.WriteStartArray("changes");
        foreach (AddressListChange change in changes)
        {
            WriteChange(json, change);
        }

        json.WriteEndArray();
        json.WriteStartArray("rules");
        foreach (SimulatedRuleChange change in rules)
        {
            foreach (int index in change.Indices)
            {
                json.WriteStartObject();
                json.WriteString("family", change.Family == IpFamily.V4 ? "ip" : "ipv6");
                json.WriteNumber("index", index);
                json.WriteBoolean("disabled", change.Disabled);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        changes.Clear();
        rules.Clear();
    }

    private static void WriteChange(Utf8JsonWriter json, AddressListChange change)
    {
        json.WriteStartObject();
        json.WriteString("kind", change.Kind.ToString().ToLowerInvariant());
        json.WriteString("family", change.Family == IpFamily.V4 ? "ip" : "ipv6");
        json.WriteString("list", change.List);
        json.WriteString("address", change.DnsName ?? change.Address.ToString());
        WriteTimeout(json, change.Timeout);

        if (change.Comment is { } comment)
        {
            json.WriteString("comment", comment);
        }
        else
        {
            json.WriteNull("comment");
        }

        json.WriteBoolean("disabled", change.Disabled);
        json.WriteEndObject();
    }

    /// <summary><c>"timeout"</c>: seconds to the millisecond, <c>null</c> for none.</summary>
    private static void WriteTimeout(Utf8JsonWriter json, TimeSpan? timeout)
    {
        if (timeout is { } t)
        {
            json.WriteNumber("timeout", Math.Round(t.TotalSeconds, 3));
        }
        else
        {
            json.WriteNull("timeout");
        }
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
                WriteTimeout(json, entry.Remaining);

                // Written only when there is one, so entries without a comment look as they always did.
                if (entry.Comment is { } comment)
                {
                    json.WriteString("comment", comment);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
