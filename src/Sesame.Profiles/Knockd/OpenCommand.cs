using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>
/// Recognises the start commands knockd users write to let the knocking address in, and what they open: iptables,
/// ip6tables, nft, ufw and firewall-cmd accepting <c>%IP%</c>, to some ports or to everything.
/// </summary>
internal static class OpenCommand
{
    /// <summary>The ports opened (empty: all input from the address), or false when the command is something else.</summary>
    public static bool TryParse(string command, out List<OpenPort> ports)
    {
        ports = [];
        string[] words = Words(command);
        if (words.Length == 0 || !command.Contains("%IP%", StringComparison.Ordinal))
        {
            return false;
        }

        int start = words[0] == "sudo" ? 1 : 0;
        string tool = Path.GetFileName(words[start]);
        string[] args = words[(start + 1)..];
        return tool switch
        {
            "iptables" or "ip6tables" => Iptables(args, ports),
            "nft" => Nft(args, ports),
            "ufw" => Ufw(args, ports),
            "firewall-cmd" => FirewallCmd(command, ports),
            _ => false,
        };
    }

    /// <summary>True when the command takes back what a recognised start command did (iptables -D, ufw delete, --remove-rich-rule, nft delete).</summary>
    public static bool IsUndo(string command) =>
        command.Contains(" -D ", StringComparison.Ordinal) || command.Contains("ufw delete", StringComparison.Ordinal)
        || command.Contains("--remove-rich-rule", StringComparison.Ordinal) || command.Contains("nft delete", StringComparison.Ordinal);

    private static string[] Words(string command) =>
        command.Replace("\"", " ", StringComparison.Ordinal).Replace("'", " ", StringComparison.Ordinal)
            .Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);

    private static bool Iptables(string[] args, List<OpenPort> ports)
    {
        // -A/-I INPUT ... -s %IP% ... -j ACCEPT, with an optional -p and --dport/--dports.
        if (!(args.Contains("-A") || args.Contains("-I")) || !args.Contains("INPUT") || !Has(args, "-s", "%IP%") || !Has(args, "-j", "ACCEPT"))
        {
            return false;
        }

        byte protocol = Value(args, "-p") switch
        {
            "udp" => IpProtocols.Udp,
            "tcp" or null => IpProtocols.Tcp,
            _ => 0,
        };
        string? dport = Value(args, "--dport") ?? Value(args, "--dports");
        if (protocol == 0)
        {
            return false;
        }

        return dport is null || AddPorts(dport.Replace(':', '-'), protocol, ports);
    }

    private static bool Nft(string[] args, List<OpenPort> ports)
    {
        // nft add|insert rule FAMILY TABLE CHAIN ip saddr %IP% [tcp|udp dport N|{a, b}] accept
        int saddr = Array.IndexOf(args, "saddr");
        if (args.Length < 4 || args[0] is not ("add" or "insert") || args[1] != "rule" || saddr < 0 || args.ElementAtOrDefault(saddr + 1) != "%IP%" || args[^1] != "accept")
        {
            return false;
        }

        int dport = Array.IndexOf(args, "dport");
        if (dport < 0)
        {
            return true;
        }

        byte protocol = args[dport - 1] == "udp" ? IpProtocols.Udp : IpProtocols.Tcp;
        string list = string.Join("", args[(dport + 1)..^1]).Trim('{', '}');
        return AddPorts(list, protocol, ports);
    }

    private static bool Ufw(string[] args, List<OpenPort> ports)
    {
        // ufw [insert 1] allow from %IP% [to any] [port N] [proto tcp|udp]
        int allow = Array.IndexOf(args, "allow");
        if (allow < 0 || !Has(args, "from", "%IP%"))
        {
            return false;
        }

        string? port = Value(args, "port");
        string? proto = Value(args, "proto");
        if (port is null)
        {
            return true;
        }

        // Without 'proto' ufw opens the port for TCP and UDP.
        return proto switch
        {
            "tcp" => AddPorts(port, IpProtocols.Tcp, ports),
            "udp" => AddPorts(port, IpProtocols.Udp, ports),
            null => AddPorts(port, IpProtocols.Tcp, ports) && AddPorts(port, IpProtocols.Udp, ports),
            _ => false,
        };
    }

    private static bool FirewallCmd(string command, List<OpenPort> ports)
    {
        // --add-rich-rule='rule family="ipv4" source address="%IP%" [port port="22" protocol="tcp"] accept'
        if (!command.Contains("--add-rich-rule", StringComparison.Ordinal) || !command.Contains("accept", StringComparison.Ordinal))
        {
            return false;
        }

        string flat = command.Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        if (!flat.Contains("source address=%IP%", StringComparison.Ordinal))
        {
            return false;
        }

        string? port = Attribute(flat, "port=");
        if (port is null)
        {
            return !flat.Contains(" port ", StringComparison.Ordinal);
        }

        return AddPorts(port, Attribute(flat, "protocol=") == "udp" ? IpProtocols.Udp : IpProtocols.Tcp, ports);
    }

    private static string? Attribute(string text, string name)
    {
        int at = text.IndexOf(" " + name, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        string rest = text[(at + name.Length + 1)..];
        int end = rest.IndexOf(' ', StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }

    private static bool Has(string[] args, string option, string value) => Value(args, option) == value;

    private static string? Value(string[] args, string option)
    {
        int i = Array.IndexOf(args, option);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static bool AddPorts(string list, byte protocol, List<OpenPort> ports)
    {
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ushort.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ushort port) || port == 0)
            {
                return false; // ranges and service names are left to a hook
            }

            ports.Add(new OpenPort(port, protocol));
        }

        return true;
    }
}
