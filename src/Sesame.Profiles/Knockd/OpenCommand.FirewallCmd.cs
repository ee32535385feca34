
namespace Sesame.Profiles;

internal static partial class OpenCommand
{
    /// <summary>
    /// <c>firewall-cmd [-q] --add-rich-rule|--remove-rich-rule='rule family=ipv4 source address=%IP% [port port=N[-M]
    /// protocol=tcp|udp] accept'</c> in the default zone. Another zone, <c>--permanent</c> or <c>--timeout</c> change where
    /// or when the rule applies, so they are left to a hook.
    /// </summary>
    private static string? FirewallCmd(Args args, out OpenRule? rule)
    {
        rule = null;
        string? richRule = null;
        bool removes = false;
        while (args.More)
        {
            string option = args.Take();
            switch (option)
            {
                case "-q" or "--quiet":
                    continue;
                case "--add-rich-rule" or "--remove-rich-rule" when richRule is null:
                    removes = option == "--remove-rich-rule";
                    richRule = args.Value();
                    continue;
                case "--zone" or "--permanent" or "--timeout":
                    return $"it uses {option}, which changes where or when the rule applies";
                default:
                    return $"'{option}' is a firewall-cmd option the importer does not read";
            }
        }

        if (richRule is null)
        {
            return "it adds no rich rule";
        }

        var ports = new List<OpenPort>();
        string? why = RichRule(richRule, ports);
        if (why is null)
        {
            rule = new OpenRule("firewall-cmd", removes, [.. ports]);
        }

        return why;
    }

    private static string? RichRule(string text, List<OpenPort> ports)
    {
        if (text.AsSpan().IndexOfAny("'\\") >= 0)
        {
            return "its rich rule has quotes the importer does not read";
        }

        // firewalld's rich-rule language: words, and attributes name=value whose value may be in double quotes.
        string[] t = text.Replace("\"", "", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (t.Length < 4 || t[0] != "rule" || t[1] != "family=ipv4")
        {
            return "its rich rule does not start 'rule family=ipv4' (a door's rules are IPv4)";
        }

        if (t.Contains("not"))
        {
            return "it has a negation ('not'), which a door cannot express";
        }

        bool source = false;
        int i = 2;
        while (i < t.Length - 1)
        {
            if (t[i] == "source" && !source && t[i + 1] == "address=%IP%")
            {
                source = true;
                i += 2;
            }
            else if (t[i] == "port" && ports.Count == 0 && i + 2 < t.Length - 1)
            {
                string[] attributes = [.. t.Skip(i + 1).Take(2).Order(StringComparer.Ordinal)];
                byte? protocol = attributes[0].StartsWith("port=", StringComparison.Ordinal) && attributes[1].StartsWith("protocol=", StringComparison.Ordinal)
                    ? PortList.Protocol(attributes[1]["protocol=".Length..])
                    : null;
                if (protocol is null)
                {
                    return "its port element is not 'port port=N protocol=tcp|udp'";
                }

                if (PortList.Add(attributes[0]["port=".Length..], '\0', '-', protocol.Value, ports) is { } why)
                {
                    return why;
                }

                i += 3;
            }
            else
            {
                return t[i] switch
                {
                    "service" => "it names a firewalld service, which the importer does not read",
                    "destination" => "it is restricted to a destination, which a door's open ports cannot express",
                    "source-port" => "it matches a source port, which a door's open ports cannot express",
                    _ => $"'{t[i]}' is part of a rich rule the importer does not read",
                };
            }
        }

        return source && i == t.Length - 1 && t[i] == "accept" ? null : "its rich rule is not one that ends in accept for source address=%IP%";
    }
}
