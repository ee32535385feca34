
namespace Sesame.Profiles;

internal static partial class OpenCommand
{
    /// <summary>
    /// <c>nft add|insert rule [ip|inet] TABLE input ip saddr %IP% [tcp|udp dport N|N-M|{ LIST }]
    /// [ct state new] [counter] accept [comment TEXT]</c>; nft joins its words into one command, so quoting it whole works too.
    /// nft has no delete that names a rule's contents, so a stop command is never read as the undo.
    /// </summary>
    private static string? Nft(Args args, out OpenRule? rule)
    {
        rule = null;
        string text = args.Rest();
        if (text.StartsWith('-'))
        {
            return "it gives nft an option";
        }

        if (text.AsSpan().IndexOfAny(";\n#\"'") >= 0)
        {
            return "its nft command has ';', '#' or quotes, which the importer does not read";
        }

        List<string> t = [.. text.Replace("{", " { ", StringComparison.Ordinal).Replace("}", " } ", StringComparison.Ordinal)
            .Replace(",", " , ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        if (t.Contains("!="))
        {
            return "it has a negation ('!='), which a door cannot express";
        }

        if (t.Count < 2 || t[0] is not ("add" or "insert") || t[1] != "rule")
        {
            return "it is not 'nft add rule' or 'nft insert rule'";
        }

        int i = 2;
        if (t.ElementAtOrDefault(i) is "ip" or "inet" or "ip6" or "arp" or "bridge" or "netdev" && t.Count > i + 2)
        {
            if (t[i] is not ("ip" or "inet"))
            {
                return $"its table family is {t[i]}, and a door's rules are IPv4";
            }

            i++;
        }

        if (t.ElementAtOrDefault(i + 1) != "input")
        {
            return $"its rule goes to chain '{t.ElementAtOrDefault(i + 1)}', not input";
        }

        i += 2;
        if (t.ElementAtOrDefault(i) is "position" or "index" or "handle")
        {
            return $"it places the rule by {t[i]}, which fails when no such rule exists";
        }

        bool source = false;
        List<OpenPort>? ports = null;
        while (i < t.Count)
        {
            string word = t[i];
            string? next = t.ElementAtOrDefault(i + 1);
            switch (word)
            {
                case "ip" when next == "saddr" && !source && t.ElementAtOrDefault(i + 2) == "%IP%":
                    source = true;
                    i += 3;
                    continue;
                case "tcp" or "udp" when next == "dport" && ports is null:
                    ports = [];
                    string? why = NftPorts(t, i + 2, PortList.Protocol(word)!.Value, ports, out i);
                    if (why is not null)
                    {
                        return why;
                    }

                    continue;
                case "ct" when next == "state" && t.ElementAtOrDefault(i + 2) == "new":
                    i += 3;
                    continue;
                case "counter":
                    i++;
                    continue;
                case "accept" when source && (i == t.Count - 1 || (next == "comment" && i + 3 == t.Count)):
                    rule = new OpenRule("nft", false, [.. ports ?? []]);
                    return null;
            }

            return word switch
            {
                "iifname" or "iif" or "meta" => "it is restricted by interface or packet metadata, which a door's open ports cannot express",
                "ip" when next == "daddr" => "it is restricted to a destination address, which a door's open ports cannot express",
                "tcp" or "udp" or "th" when next == "sport" => "it matches a source port, which a door's open ports cannot express",
                _ => $"'{word}' is part of an nft rule the importer does not read",
            };
        }

        return "its nft rule does not end in accept after 'ip saddr %IP%'";
    }

    private static string? NftPorts(List<string> t, int i, byte protocol, List<OpenPort> ports, out int next)
    {
        next = i + 1;
        if (t.ElementAtOrDefault(i) != "{")
        {
            return PortList.Add(t.ElementAtOrDefault(i) ?? "", ',', '-', protocol, ports);
        }

        int close = t.IndexOf("}", i);
        if (close < 0)
        {
            return "its port set is not closed";
        }

        next = close + 1;
        string list = string.Concat(t.Skip(i + 1).Take(close - i - 1));
        return list.Length == 0 ? "its port set is empty" : PortList.Add(list, ',', '-', protocol, ports);
    }
}
