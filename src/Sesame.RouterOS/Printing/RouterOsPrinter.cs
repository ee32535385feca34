using System.Globalization;
using System.Text;
using Sesame.Engine;
using Sesame.Model;
using Sesame.RouterOS.Export;
using Sesame.RouterOS.Printing;
using Sesame.Text;

namespace Sesame.RouterOS;

/// <summary>RouterOS v7-style <c>print</c> output for address lists and filter rules (ROUTEROS.md §5.1, §5.2).</summary>
public static class RouterOsPrinter
{
    private const int Width = 80;

    /// <summary>
    /// <c>/ip firewall address-list print</c> as v7 (7.10+) shows it: a legend of the flags that occur, a
    /// <c>Columns:</c> line naming only the columns that have a value in some row, then one row per entry numbered from
    /// 0, its comment on a <c>;;;</c> line above it, dates as <c>2026-10-01 08:50:30</c>, the remaining timeout in
    /// canonical form (<c>29m58s</c>). Prints nothing for no rows.
    /// </summary>
    public static string PrintAddressLists(IReadOnlyList<AddressListRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return "";
        }

        bool anyDisabled = false, anyDynamic = false, anyCreation = false, anyTimeout = false;
        foreach (AddressListRow row in rows)
        {
            anyDisabled |= row.Disabled;
            anyDynamic |= row.Dynamic;
            anyCreation |= row.CreationTime is not null;
            anyTimeout |= row.Timeout is not null;
        }

        var output = new StringBuilder();
        var legend = new List<string>();
        if (anyDisabled)
        {
            legend.Add("X - DISABLED");
        }

        if (anyDynamic)
        {
            legend.Add("D - DYNAMIC");
        }

        if (legend.Count > 0)
        {
            output.Append("Flags: ").AppendJoin("; ", legend).Append('\n');
        }

        var headers = new List<string> { "LIST", "ADDRESS" };
        if (anyCreation)
        {
            headers.Add("CREATION-TIME");
        }

        if (anyTimeout)
        {
            headers.Add("TIMEOUT");
        }

        output.Append("Columns: ").AppendJoin(", ", headers).Append('\n');

        var cells = new List<string[]>(rows.Count);
        var table = new TextTable(headers, new bool[headers.Count]);
        foreach (AddressListRow row in rows)
        {
            var rowCells = new List<string> { TerminalText.Escape(row.List), row.Address };
            if (anyCreation)
            {
                rowCells.Add(row.CreationTime?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "");
            }

            if (anyTimeout)
            {
                rowCells.Add(row.Timeout is { } t ? FormatRemaining(t) : "");
            }

            string[] array = [.. rowCells];
            table.Measure(array);
            cells.Add(array);
        }

        int indexWidth = Digits(rows.Count - 1);
        int flagWidth = Math.Max(1, (anyDisabled ? 1 : 0) + (anyDynamic ? 1 : 0));
        output.Append("#".PadLeft(indexWidth)).Append(' ', flagWidth + 2);
        table.AppendRow(output, headers);
        for (int i = 0; i < rows.Count; i++)
        {
            AddressListRow row = rows[i];
            if (!string.IsNullOrEmpty(row.Comment))
            {
                output.Append(";;; ").Append(TerminalText.Escape(row.Comment)).Append('\n');
            }

            output.Append(i.ToString(CultureInfo.InvariantCulture).PadLeft(indexWidth)).Append(' ');
            var flags = new StringBuilder();
            if (anyDisabled)
            {
                flags.Append(row.Disabled ? 'X' : ' ');
            }

            if (anyDynamic)
            {
                flags.Append(row.Dynamic ? 'D' : ' ');
            }

            output.Append(flags.ToString().PadRight(flagWidth)).Append(' ');
            table.AppendRow(output, cells[i]);
        }

        return output.ToString();
    }

    /// <summary>
    /// <c>/ip firewall filter print</c>: the detail-like v7 listing (number, flags, <c>;;;</c> comment, properties in
    /// the menu's order indented by six and wrapped at 80 columns, a blank line between rules). With
    /// <paramref name="counters"/> (one per rule, same order) a <c>print stats</c> table follows: chain, action,
    /// bytes and packets, numbers grouped in thousands by spaces.
    /// </summary>
    public static string PrintRules(IReadOnlyList<FilterRule> rules, IReadOnlyList<RuleCounter>? counters)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (counters is not null && counters.Count != rules.Count)
        {
            throw new ArgumentException($"Expected one counter per rule ({rules.Count}), got {counters.Count}.", nameof(counters));
        }

        var output = new StringBuilder();
        // v7 legend (§5.1): the flags a static rule set can show; Sesame has no dynamic rules but keeps the legend.
        const string Legend = "Flags: X - disabled, I - invalid; D - dynamic\n";
        output.Append(Legend);
        int indexWidth = Math.Max(2, Digits(rules.Count - 1));
        string indent = new(' ', indexWidth + 4);
        for (int i = 0; i < rules.Count; i++)
        {
            if (i > 0)
            {
                output.Append('\n');
            }

            FilterRule rule = rules[i];
            var line = new StringBuilder(Prefix(i, indexWidth, rule.Disabled));
            // An empty comment is a set property but shows no ";;;" line, as on RouterOS.
            if (!string.IsNullOrEmpty(rule.Comment))
            {
                output.Append(line).Append(";;; ").Append(TerminalText.Escape(rule.Comment)).Append('\n');
                line.Clear().Append(indent);
            }

            List<ExportProperty> properties = FilterRuleProperties.Describe(rule);
            properties.Add(new("log", rule.Log ? "yes" : "no"));
            properties.Add(new("log-prefix", RouterOsQuoting.Format(rule.LogPrefix ?? "")));
            bool lineEmpty = true;
            foreach (ExportProperty property in properties)
            {
                string token = property.ToString();
                if (!lineEmpty && line.Length + 1 + token.Length > Width)
                {
                    output.Append(line).Append('\n');
                    line.Clear().Append(indent);
                    lineEmpty = true;
                }

                line.Append(lineEmpty ? "" : " ").Append(token);
                lineEmpty = false;
            }

            output.Append(line).Append('\n');
        }

        if (counters is not null)
        {
            output.Append('\n').Append(Legend);
            AppendStats(output, rules, counters, indexWidth, indent);
        }

        return output.ToString();
    }

    private static void AppendStats(StringBuilder output, IReadOnlyList<FilterRule> rules, IReadOnlyList<RuleCounter> counters, int indexWidth, string indent)
    {
        string[] headers = ["CHAIN", "ACTION", "BYTES", "PACKETS"];
        var table = new TextTable(headers, [false, false, true, true]);
        var cells = new List<string[]>(rules.Count);
        for (int i = 0; i < rules.Count; i++)
        {
            string[] row = [rules[i].Chain, rules[i].Action.ToRouterOs(), Grouped(counters[i].Bytes), Grouped(counters[i].Packets)];
            table.Measure(row);
            cells.Add(row);
        }

        output.Append("#".PadLeft(indexWidth)).Append("    ");
        table.AppendRow(output, headers);
        for (int i = 0; i < rules.Count; i++)
        {
            output.Append(Prefix(i, indexWidth, rules[i].Disabled));
            if (rules[i].Comment is { Length: > 0 } comment)
            {
                output.Append(";;; ").Append(TerminalText.Escape(comment)).Append('\n').Append(indent);
            }

            table.AppendRow(output, cells[i]);
        }
    }

    /// <summary>Number right-aligned, then the X/I flag column and the D flag column (§5.1: <c> 2 X  chain=…</c>).</summary>
    private static string Prefix(int index, int indexWidth, bool disabled) =>
        index.ToString(CultureInfo.InvariantCulture).PadLeft(indexWidth) + (disabled ? " X  " : "    ");

    /// <summary><c>50 507 925 242</c>: RouterOS groups thousands with spaces (§5.1).</summary>
    private static string Grouped(long value) =>
        value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ');

    /// <summary>Whole seconds, rounded up so that a live entry never shows <c>0s</c>.</summary>
    private static string FormatRemaining(TimeSpan remaining) =>
        RouterOsTime.Format(TimeSpan.FromSeconds(Math.Ceiling(remaining.TotalSeconds)));

    private static int Digits(int value) => Math.Max(1, value).ToString(CultureInfo.InvariantCulture).Length;
}
