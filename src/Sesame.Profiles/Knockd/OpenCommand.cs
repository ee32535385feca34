namespace Sesame.Profiles;

/// <summary>
/// Reads the start and stop commands knockd users write to let the knocking address in — iptables, nft, ufw and
/// firewall-cmd accepting <c>%IP%</c> — and says which ports they open. Only the forms spelled out in
/// docs/profiles.md are read; anything else (a negation, an interface, a destination, a source port, an option not
/// listed) gets a reason instead, and the importer keeps the command as a hook, so that reading it never opens more
/// than the command did.
/// </summary>
internal static partial class OpenCommand
{
    private static readonly string[] ToolDirectories = ["", "/sbin", "/usr/sbin", "/bin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];

    /// <summary>The rule the command adds or removes, or false with the reason it is not read.</summary>
    public static bool TryParse(IReadOnlyList<string> words, out OpenRule? rule, out string reason)
    {
        rule = null;
        int first = words.Count > 0 && words[0] == "sudo" ? 1 : 0;
        if (first >= words.Count)
        {
            reason = "it is empty";
            return false;
        }

        string program = words[first];
        int slash = program.LastIndexOf('/');
        string tool = program[(slash + 1)..];
        if (!ToolDirectories.Contains(slash < 0 ? "" : program[..slash]))
        {
            reason = $"'{program}' is not a firewall tool in a system directory";
            return false;
        }

        // iptables takes --name=value for some options and not others (1.8.9: --dport=22 works, --source=… fails), so
        // only firewall-cmd, whose option parser always does, reads that spelling; elsewhere it is an unknown option.
        var args = new Args(words, first + 1, splitEquals: tool == "firewall-cmd");
        string? why = tool switch
        {
            "iptables" or "iptables-legacy" or "iptables-nft" => Iptables(args, out rule),
            "ip6tables" or "ip6tables-legacy" or "ip6tables-nft" =>
                "ip6tables admits IPv6 sources only, and a door's rules are IPv4 (/ip firewall): an IPv4 knock would be let in where knockd's command fails",
            "nft" => Nft(args, out rule),
            "ufw" => Ufw(args, out rule),
            "firewall-cmd" => FirewallCmd(args, out rule),
            _ => $"'{tool}' is not iptables, nft, ufw or firewall-cmd",
        };
        reason = why ?? "";
        return why is null;
    }

    /// <summary>A cursor over the words after the program; with <paramref name="splitEquals"/>, <c>--name=value</c> reads as <c>--name value</c>.</summary>
    private sealed class Args(IReadOnlyList<string> words, int start, bool splitEquals)
    {
        private int _next = start;
        private string? _inline;

        public bool More => _inline is not null || _next < words.Count;

        public string? Peek => _inline ?? (_next < words.Count ? words[_next] : null);

        public string Take()
        {
            if (_inline is { } value)
            {
                _inline = null;
                return value;
            }

            string word = words[_next++];
            int equals = word.IndexOf('=', StringComparison.Ordinal);
            if (splitEquals && word.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                _inline = word[(equals + 1)..];
                return word[..equals];
            }

            return word;
        }

        /// <summary>The option's value, or null when the command ends.</summary>
        public string? Value() => More ? TakeWord() : null;

        private string TakeWord()
        {
            if (_inline is { } value)
            {
                _inline = null;
                return value;
            }

            return words[_next++];
        }

        public string Rest() => string.Join(' ', Enumerable.Range(_next, words.Count - _next).Select(i => words[i]));
    }
}
