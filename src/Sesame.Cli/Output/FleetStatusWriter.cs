using System.Globalization;
using System.Text;
using System.Text.Json;
using Sesame.Fleet;
using Sesame.Model;
using Sesame.Text;

namespace Sesame.Cli.Output;

/// <summary>
/// <c>sesame fleet status</c>'s two shapes. Every value comes from the database, which any node's user can write to
/// through the fleet's functions: a node name or a version may hold ESC, a newline or a megabyte. The table escapes
/// (<see cref="TerminalText.Escape"/>) and cuts each one; the JSON escapes by JSON's rules and keeps it whole.
/// </summary>
internal static class FleetStatusWriter
{
    /// <summary>The most characters of one value in the table; the JSON has them all.</summary>
    public const int MaxCell = 64;

    public static void WriteText(FleetStatus status, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(output);
        int connected = status.Nodes.Count(n => n.Connected);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fleet: {Plural(status.Nodes.Count, "node")}, {connected} connected; last change {status.LastSeq}; database time {status.Now.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"));
        output.WriteLine();
        if (status.Nodes.Count == 0)
        {
            output.WriteLine("(no node has joined)");
        }
        else
        {
            WriteTable(
                output,
                ["NODE", "LAST SEEN", "CONNECTED", "LAST SEQ", "VERSION"],
                [.. status.Nodes.Select(n => new[]
                {
                    Cell(n.Name), Ago(status.Now - n.LastSeen), n.Connected ? "yes" : "no", n.LastSeq.ToString(CultureInfo.InvariantCulture), Cell(n.Version ?? "-"),
                })],
                rightAligned: [3]);
        }

        output.WriteLine();
        if (status.Lists.Count == 0)
        {
            output.WriteLine("(no shared list holds an entry)");
        }
        else
        {
            WriteTable(
                output,
                ["LIST", "ENTRIES"],
                [.. status.Lists.Select(l => new[] { Cell(l.List), l.Entries.ToString(CultureInfo.InvariantCulture) })],
                rightAligned: [1]);
        }
    }

    public static void WriteJson(FleetStatus status, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(output);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("now", status.Now);
            json.WriteNumber("lastSeq", status.LastSeq);
            json.WriteStartArray("nodes");
            foreach (FleetNode node in status.Nodes)
            {
                json.WriteStartObject();
                json.WriteString("name", Valid(node.Name));
                json.WriteString("firstSeen", node.FirstSeen);
                json.WriteString("lastSeen", node.LastSeen);
                json.WriteNumber("lastSeenAgoMs", (long)Math.Max(0, (status.Now - node.LastSeen).TotalMilliseconds));
                json.WriteBoolean("connected", node.Connected);
                json.WriteNumber("lastSeq", node.LastSeq);
                if (node.Version is null)
                {
                    json.WriteNull("version");
                }
                else
                {
                    json.WriteString("version", Valid(node.Version));
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("lists");
            foreach (FleetListSize list in status.Lists)
            {
                json.WriteStartObject();
                json.WriteString("list", Valid(list.List));
                json.WriteNumber("entries", list.Entries);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>"3s ago" by the database's clock, in whole seconds; a heartbeat stamped after the read shows as "0s ago".</summary>
    internal static string Ago(TimeSpan ago) =>
        $"{RouterOsTime.Format(TimeSpan.FromSeconds(Math.Floor(Math.Max(0, ago.TotalSeconds))))} ago";

    /// <summary>A database value for the table: escaped, and cut to <see cref="MaxCell"/> characters.</summary>
    private static string Cell(string text)
    {
        string escaped = TerminalText.Escape(text.Length <= MaxCell ? text : text[..MaxCell]);
        return text.Length <= MaxCell ? escaped : $"{escaped}…";
    }

    /// <summary>
    /// The text with each lone surrogate made U+FFFD: <see cref="Utf8JsonWriter"/> throws on one, and a database value must
    /// not turn the status into an internal error.
    /// </summary>
    private static string Valid(string text)
    {
        if (!text.Any(char.IsSurrogate))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else
            {
                sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return sb.ToString();
    }

    private static void WriteTable(TextWriter output, string[] headers, string[][] rows, int[] rightAligned)
    {
        int[] widths = [.. headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length)))];
        output.WriteLine(Row(headers, widths, []));
        foreach (string[] row in rows)
        {
            output.WriteLine(Row(row, widths, rightAligned));
        }
    }

    private static string Row(string[] cells, int[] widths, int[] rightAligned) =>
        string.Join("  ", cells.Select((c, i) => rightAligned.Contains(i) ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
