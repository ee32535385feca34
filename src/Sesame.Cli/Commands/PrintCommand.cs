using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sesame.Cli.Output;
using Sesame.Engine;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;
using Sesame.RouterOS;
using Sesame.Text;

namespace Sesame.Cli.Commands;

/// <summary>
/// <c>sesame print rules|lists [--json]</c>: the live state of <c>table inet sesame</c> in this network namespace, as
/// RouterOS prints it (ROUTEROS.md §5.1 <c>print stats</c>, §5.2). Exit 1 with a message when there is no table.
/// </summary>
internal static class PrintCommand
{
    public static Command Create(CliContext context)
    {
        var what = new Argument<string>("WHAT") { Description = "'rules' (per-rule counters) or 'lists' (address-list entries)." };
        what.AcceptOnlyFromAmong("rules", "lists");
        var json = new Option<bool>("--json") { Description = "Print JSON: for lists the same {\"lists\": …} object that simulate --json prints." };
        var config = new Option<string?>("--config") { Description = "The configuration the daemon runs, to show each rule's chain and action next to its counters." };
        Option<string> ipv6 = CommonOptions.Ipv6();
        ipv6.Description = "As given to serve: 'mirror' labels the IPv6 counters with the mirrored rules.";
        var command = new Command("print", "Print the live rules (counters) or address lists of table inet sesame.") { what, json, config, ipv6 };
        command.SetAction(parse => Run(parse.GetValue(what)!, parse.GetValue(json), parse.GetValue(config), parse.GetValue(ipv6) == CommonOptions.Ipv6Mirror, context));
        return command;
    }

    private static int Run(string what, bool json, string? configPath, bool mirrorIpv6, CliContext context)
    {
        FirewallConfig? config = null;
        if (configPath is not null && (config = ConfigLoader.LoadUsable(configPath, strict: false, context, "printed", mirrorIpv6)) is null)
        {
            return ExitCodes.InputError;
        }

        if (!LiveTable.TryOpen(context, out NftContext? nft))
        {
            return ExitCodes.InputError;
        }

        using (nft)
        {
            if (what == "lists")
            {
                PrintLists(nft.ListAddressLists(), json, context.Out);
            }
            else
            {
                PrintRules(nft.ListCounters(), config, json, context.Out);
            }
        }

        return ExitCodes.Ok;
    }

    private static void PrintLists(IReadOnlyList<NftAddressListElement> elements, bool json, TextWriter output)
    {
        var entries = elements
            .OrderBy(e => e.List, StringComparer.Ordinal).ThenBy(e => e.Family).ThenBy(e => e.Address.First)
            .Select(e => new AddressListEntryState(e.List, e.Family, e.Address, null, e.Expires ?? e.Timeout, e.Timeout is not null, false, e.Comment, default))
            .ToList();
        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                SimulationJsonWriter.WriteLists(writer, entries);
                writer.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        // ROUTEROS.md §5.2 (v7), through the same printer as simulate: the kernel keeps no creation time, so that column
        // is left out; TIMEOUT is the time left; an entry with a timeout is dynamic.
        var rows = entries
            .Select(e => new AddressListRow(e.List, e.Address!.Value.ToString(), e.Remaining, e.Dynamic, Disabled: false, Comment: e.Comment, CreationTime: null))
            .ToList();
        output.Write(rows.Count == 0 ? "(no entries)\n" : RouterOsPrinter.PrintAddressLists(rows));
    }

    private static void PrintRules(IReadOnlyList<NftRuleCounter> counters, FirewallConfig? config, bool json, TextWriter output)
    {
        if (json)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("rules");
                foreach (NftRuleCounter c in counters)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("index", c.Index);
                    writer.WriteString("family", c.Family == IpFamily.V4 ? "ip" : "ipv6");
                    if (Rule(config, c) is { } rule)
                    {
                        writer.WriteString("chain", rule.Chain);
                        writer.WriteString("action", rule.Action.ToRouterOs());
                    }

                    writer.WriteNumber("packets", c.Packets);
                    writer.WriteNumber("bytes", c.Bytes);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return;
        }

        // ROUTEROS.md §5.1 `print stats`: numbers grouped by spaces in thousands; IPv6 rules under their own heading.
        output.WriteLine("Flags: X - disabled");
        output.WriteLine($" #    {"FAMILY",-6}  {"CHAIN",-8}  {"ACTION",-24}  {"BYTES",14}  {"PACKETS",12}");
        foreach (NftRuleCounter c in counters)
        {
            FilterRule? rule = Rule(config, c);
            string flag = rule is { Disabled: true } ? "X" : " ";
            output.WriteLine(TerminalText.Escape($"{c.Index,2} {flag}  {(c.Family == IpFamily.V4 ? "ip" : "ipv6"),-6}  {rule?.Chain ?? "",-8}  {rule?.Action.ToRouterOs() ?? "",-24}  {Grouped(c.Bytes),14}  {Grouped(c.Packets),12}"));
        }
    }

    private static FilterRule? Rule(FirewallConfig? config, NftRuleCounter counter)
    {
        EquatableArray<FilterRule>? rules = counter.Family == IpFamily.V4 ? config?.Ipv4Filter : config?.Ipv6Filter;
        return rules is { } r && counter.Index < r.Count ? r[counter.Index] : null;
    }

    internal static string Grouped(ulong value) =>
        value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ');
}
