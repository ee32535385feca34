using Sesame.Model;

namespace Sesame.Profiles;

internal static partial class OpenCommand
{
    /// <summary>
    /// <c>-A|-I [1]|-D INPUT -s %IP% [-p tcp|udp [-m tcp|udp] --dport N[:M] | -m multiport --dports LIST] [-m conntrack
    /// --ctstate NEW | -m state --state NEW] [-m comment --comment TEXT] -j ACCEPT</c> with the long spellings, in any order.
    /// </summary>
    private static string? Iptables(Args args, out OpenRule? rule)
    {
        rule = null;
        string? command = null;
        bool source = false;
        string? jump = null;
        string? protocol = null;
        List<OpenPort>? ports = null;
        var modules = new HashSet<string>(StringComparer.Ordinal);
        while (args.More)
        {
            string option = args.Take();
            if (option == "!")
            {
                return "it has a negation ('!'), which a door cannot express";
            }

            switch (option)
            {
                case "-w" or "--wait":
                    if (args.Peek is { } wait && PortList.IsNumber(wait))
                    {
                        args.Take();
                    }

                    continue;
                case "-A" or "--append" or "-I" or "--insert" or "-D" or "--delete":
                    if (command is not null)
                    {
                        return "it has two commands";
                    }

                    command = option is "-D" or "--delete" ? "-D" : "-A";
                    string? chain = args.Value();
                    if (chain != "INPUT")
                    {
                        return $"its rule goes to chain '{chain}', not INPUT";
                    }

                    if (args.Peek is { } position && PortList.IsNumber(position))
                    {
                        // iptables refuses an insert past the end of the chain, which the importer cannot see; 1 always works.
                        if (command == "-D" || position != "1")
                        {
                            return command == "-D" ? "it deletes a rule by number" : $"it inserts at position {position}, which fails when the chain is shorter";
                        }

                        args.Take();
                    }

                    continue;
                case "-t" or "--table":
                    if (args.Value() != "filter")
                    {
                        return "its rule goes to a table other than filter";
                    }

                    continue;
                case "-i" or "--in-interface" or "-o" or "--out-interface":
                    return $"it is restricted to interface '{args.Value()}', which a door's open ports cannot express";
                case "-d" or "--destination" or "--dst":
                    return $"it is restricted to destination '{args.Value()}', which a door's open ports cannot express";
                case "--sport" or "--source-port" or "--sports" or "--source-ports" or "--ports":
                    return $"it matches a source port ({option}), which a door's open ports cannot express";
            }

            string? value = args.Value();
            if (value is null)
            {
                return $"'{option}' has no value";
            }

            string? why = option switch
            {
                "-s" or "--source" or "--src" => source ? "it has two sources" : value == "%IP%" ? Set(ref source) : $"its source is '{value}', not exactly %IP%",
                "-j" or "--jump" => jump is not null ? "it has two targets" : value == "ACCEPT" ? SetText(ref jump, value) : $"its target is '{value}', not ACCEPT",
                "-p" or "--protocol" => protocol is not null ? "it has two protocols" : value is "tcp" or "udp" or "all" ? SetText(ref protocol, value) : $"its protocol is '{value}', not tcp or udp",
                "-m" or "--match" => Module(value, protocol, modules),
                "--dport" or "--destination-port" => Ports(value, protocol, modules, needs: protocol, ref ports),
                "--dports" or "--destination-ports" => Ports(value, protocol, modules, needs: "multiport", ref ports),
                "--ctstate" => modules.Contains("conntrack") && value == "NEW" ? null : $"'--ctstate {value}' is not the conntrack match's NEW",
                "--state" => modules.Contains("state") && value == "NEW" ? null : $"'--state {value}' is not the state match's NEW",
                "--comment" => modules.Contains("comment") && value.Length < 256 ? null : "its --comment comes without -m comment or is longer than iptables takes",
                _ => $"'{option}' is an option the importer does not read",
            };
            if (why is not null)
            {
                return why;
            }
        }

        if (command is null || !source || jump is null)
        {
            return "it is not an -A, -I or -D of a rule that accepts (-j ACCEPT) the source %IP%";
        }

        if (ports is null && protocol is "tcp" or "udp")
        {
            return $"it accepts every {protocol} port, and a door opens either all input or single ports";
        }

        rule = new OpenRule("iptables", command == "-D", [.. ports ?? []]);
        return null;
    }

    private static string? Module(string module, string? protocol, HashSet<string> modules)
    {
        if (module is "tcp" or "udp" && module != protocol)
        {
            return $"'-m {module}' does not follow '-p {module}'";
        }

        return module is "tcp" or "udp" or "multiport" or "conntrack" or "state" or "comment" && modules.Add(module)
            ? null
            : $"'-m {module}' is a match the importer does not read";
    }

    private static string? Ports(string value, string? protocol, HashSet<string> modules, string? needs, ref List<OpenPort>? ports)
    {
        if (protocol is not ("tcp" or "udp"))
        {
            return "a destination port comes before '-p tcp' or '-p udp'";
        }

        if (needs == "multiport" && !modules.Contains("multiport"))
        {
            return "--dports comes without -m multiport";
        }

        if (ports is not null)
        {
            return "it has two destination port matches";
        }

        if (needs != "multiport" && value.Contains(',', StringComparison.Ordinal))
        {
            return $"'--dport {value}' is a list, which --dport does not take";
        }

        // iptables' multiport match takes 15 ports at most, a range counting twice; longer lists make the command fail.
        if (needs == "multiport" && value.Split(',').Sum(p => p.Contains(':', StringComparison.Ordinal) ? 2 : 1) > 15)
        {
            return "its multiport list is longer than the 15 ports iptables takes";
        }

        ports = [];
        return PortList.Add(value, ',', ':', protocol == "udp" ? IpProtocols.Udp : IpProtocols.Tcp, ports);
    }

    private static string? Set(ref bool flag)
    {
        flag = true;
        return null;
    }

    private static string? SetText(ref string? field, string value)
    {
        field = value;
        return null;
    }
}
