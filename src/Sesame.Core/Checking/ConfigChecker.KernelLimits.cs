using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Text;

namespace Sesame.Checking;

/// <summary>
/// What the Linux kernel and nftables 1.0.6 cannot hold (SES0520–SES0529 and SES0531, errors): a configuration that passes
/// <c>check</c> must also go into the kernel, or <c>serve</c> starts nothing. Each limit was measured in a network
/// namespace (docs/semantics.md, "Kernel limits"); strings are counted in bytes (<see cref="RouterOsBytes"/>).
/// SES0529 refuses a TCP reset on another protocol, SES0530 (a warning) says what a reset does to packets that are not TCP.
/// </summary>
public static partial class ConfigChecker
{
    /// <summary>IFNAMSIZ (16) less the NUL: nft refuses <c>iifname</c> strings of 16 bytes and more.</summary>
    public const int MaxInterfaceNameBytes = 15;

    /// <summary>NFT_NAME_MAXLEN (256) less the NUL, for chains and sets (NFT_SET_MAXNAMELEN is the same).</summary>
    public const int MaxNftNameBytes = 255;

    /// <summary>NF_LOG_PREFIXLEN (128) less the NUL.</summary>
    public const int MaxLogPrefixBytes = 127;

    /// <summary>
    /// The longest prefix Sesame puts before an escaped name (Sesame.Linux's NftNames): <c>v4_</c> for chains,
    /// <c>v4net_</c> for an address list's interval set (the host set's <c>v4_</c> is shorter), <c>if_</c> for interface lists.
    /// </summary>
    private const int ChainPrefix = 3;

    private const int AddressListPrefix = 6;

    private const int InterfaceListPrefix = 3;

    /// <summary>
    /// Only the kernel limits (SES0520–SES0531), for a command that puts the configuration into the kernel
    /// (<c>serve</c>, <c>export --to nft</c>) and must refuse it before touching anything.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CheckKernelLimits(FirewallConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var bag = new DiagnosticBag();
        CheckKernelLimits(bag, config);
        return bag.Sorted();
    }

    private static void CheckKernelLimits(DiagnosticBag bag, FirewallConfig config)
    {
        foreach (FilterRule rule in config.Ipv4Filter.Concat(config.Ipv6Filter))
        {
            CheckRuleStrings(bag, rule);
        }

        foreach (AddressListEntry entry in config.Ipv4AddressList.Concat(config.Ipv6AddressList))
        {
            CheckNul(bag, entry.Location, "list", entry.List);
            CheckNul(bag, entry.Location, "address", entry.DnsName);
            CheckNul(bag, entry.Location, "comment", entry.Comment);
            CheckNftName(bag, entry.Location, "list", entry.List, AddressListPrefix, "address list", "SES0525");
            if (!entry.Disabled)
            {
                CheckWholeSeconds(bag, entry.Location, "timeout", entry.Timeout);
            }
        }

        foreach (Layer7Protocol protocol in config.Layer7Protocols)
        {
            CheckNul(bag, protocol.Location, "name", protocol.Name);
            CheckNul(bag, protocol.Location, "regexp", protocol.Regexp);
            CheckNul(bag, protocol.Location, "comment", protocol.Comment);
        }

        foreach (InterfaceList list in config.InterfaceLists)
        {
            CheckNul(bag, list.Location, "name", list.Name);
            CheckNul(bag, list.Location, "comment", list.Comment);
        }

        foreach (InterfaceListMember member in config.InterfaceListMembers)
        {
            CheckNul(bag, member.Location, "list", member.List);
            CheckNul(bag, member.Location, "comment", member.Comment);
            CheckInterfaceName(bag, member.Location, "interface", member.Interface);
        }
    }

    private static void CheckRuleStrings(DiagnosticBag bag, FilterRule rule)
    {
        SourceLocation at = rule.Location;
        foreach ((string property, string? value) in (ReadOnlySpan<(string, string?)>)[
            ("chain", rule.Chain), ("jump-target", rule.JumpTarget), ("address-list", rule.AddressList),
            ("src-address-list", rule.SrcAddressList?.Value), ("dst-address-list", rule.DstAddressList?.Value),
            ("in-interface-list", rule.InInterfaceList?.Value), ("out-interface-list", rule.OutInterfaceList?.Value),
            ("layer7-protocol", rule.Layer7Protocol), ("reject-with", rule.RejectWith), ("log-prefix", rule.LogPrefix),
            ("comment", rule.Comment)])
        {
            CheckNul(bag, at, property, value);
        }

        // Every rule counts, disabled ones too: the compiler declares their chains and sets and puts their interfaces
        // into the interface-list sets.
        CheckNftName(bag, at, "chain", rule.Chain, ChainPrefix, "chain", "SES0524");
        CheckNftName(bag, at, "jump-target", rule.JumpTarget, ChainPrefix, "chain", "SES0524");
        CheckNftName(bag, at, "address-list", rule.Action.AddsToAddressList() ? rule.AddressList : null, AddressListPrefix, "address list", "SES0525");
        CheckNftName(bag, at, "src-address-list", rule.SrcAddressList?.Value, AddressListPrefix, "address list", "SES0525");
        CheckNftName(bag, at, "dst-address-list", rule.DstAddressList?.Value, AddressListPrefix, "address list", "SES0525");
        foreach ((string property, string? list) in (ReadOnlySpan<(string, string?)>)[
            ("in-interface-list", rule.InInterfaceList?.Value), ("out-interface-list", rule.OutInterfaceList?.Value)])
        {
            if (list is not null && !InterfaceList.Predefined.Contains(list))
            {
                CheckNftName(bag, at, property, list, InterfaceListPrefix, "interface list", "SES0526");
            }
        }

        CheckInterfaceName(bag, at, "in-interface", rule.InInterface?.Value);
        CheckInterfaceName(bag, at, "out-interface", rule.OutInterface?.Value);
        if (!rule.Disabled && rule.Action.AddsToAddressList() && rule.AddressListTimeout is { Kind: AddressListTimeoutKind.Timed } timed)
        {
            CheckWholeSeconds(bag, at, "address-list-timeout", timed.Duration);
        }

        if (!rule.Disabled && (rule.Log || rule.Action == FilterAction.Log))
        {
            CheckLogPrefix(bag, rule);
        }

        if (!rule.Disabled && rule.Action == FilterAction.Reject && rule.RejectWith == "tcp-reset")
        {
            CheckTcpReset(bag, rule);
        }
    }

    /// <summary>
    /// SES0529, SES0530: a TCP reset answers TCP only, in RouterOS as in nftables (ROUTEROS.md §2.3 says no more). On a
    /// rule whose protocol is another one, nft refuses <c>reject with tcp reset</c> (measured): an error. On a rule
    /// without protocol (or with a negated one) the compiler sends the reset to TCP and the default ICMP error to the
    /// rest: a warning that says so.
    /// </summary>
    private static void CheckTcpReset(DiagnosticBag bag, FilterRule rule)
    {
        switch (rule.Protocol)
        {
            case { Negated: false, Value: IpProtocols.Tcp }:
                return;
            case { Negated: false } other:
                bag.Error(rule.Location, "SES0529",
                    $"reject-with=tcp-reset on protocol={IpProtocols.ToName(other.Value)}: a TCP reset answers TCP only, and nftables refuses it on a rule for another protocol; use an icmp reject-with (icmp-port-unreachable for UDP)");
                return;
            default:
                bag.Warning(rule.Location, "SES0530",
                    "reject-with=tcp-reset: a TCP reset answers TCP only (in RouterOS and in nftables); this rule also matches packets that are not TCP, and those are rejected with the default icmp-network-unreachable (IPv6: no-route); add protocol=tcp to say so");
                return;
        }
    }

    /// <summary>
    /// A timeout as the kernel gets it: libnftables' JSON reads whole seconds (1.0.6 multiplies the number by 1000), so a
    /// fraction is rounded up — an entry never expires earlier than asked — and anything shorter becomes one second.
    /// </summary>
    public static long KernelTimeoutSeconds(TimeSpan timeout) => Math.Max(1, (long)Math.Ceiling(timeout.TotalSeconds - 1e-9));

    /// <summary>
    /// SES0532 (a warning): nftables 1.0.6 takes timeouts in its JSON input as whole seconds (measured: <c>0.075</c> and
    /// <c>"75ms"</c> both become no timeout), so the daemon rounds a fraction up — never to none, never shorter — and the
    /// kernel holds a longer window than the engine simulates.
    /// </summary>
    private static void CheckWholeSeconds(DiagnosticBag bag, SourceLocation at, string property, TimeSpan? timeout)
    {
        if (timeout is { } t && t.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            long seconds = KernelTimeoutSeconds(t);
            bag.Warning(at, "SES0532",
                $"{property}={RouterOsTime.Format(t)}: the kernel holds timeouts in whole seconds (nftables' JSON input), so it keeps this one {RouterOsTime.Format(TimeSpan.FromSeconds(seconds))}; write whole seconds to have the engine and the kernel agree");
        }
    }

    /// <summary>SES0520: the kernel and libnftables read strings as C strings, where a NUL ends them.</summary>
    private static void CheckNul(DiagnosticBag bag, SourceLocation at, string property, string? value)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            bag.Error(at, "SES0520",
                $"{property}=\"{value}\" holds a NUL byte (\\00): the kernel and nftables take strings as C strings, where a NUL ends them, so the kernel would see another value than the engine");
        }
    }

    /// <summary>
    /// SES0524–SES0526: the chain or set name Sesame derives (prefix + name, every byte other than an ASCII letter, digit,
    /// <c>_</c> or <c>-</c> written as <c>.HH</c>) must fit NFT_NAME_MAXLEN.
    /// </summary>
    private static void CheckNftName(DiagnosticBag bag, SourceLocation at, string property, string? name, int prefix, string kind, string code)
    {
        if (name is null || !IsUtf8(bag, at, property, name))
        {
            return;
        }

        int escaped = EscapedLength(name);
        int room = MaxNftNameBytes - prefix;
        if (escaped > room)
        {
            bag.Error(at, code,
                $"{property}: the {kind} name '{Shorten(name)}' is too long for nftables: Sesame names its kernel object with {prefix + escaped} bytes, and nftables holds {MaxNftNameBytes} (each byte that is not an ASCII letter, digit, '_' or '-' takes 3); shorten it to at most {room} such bytes");
        }
    }

    /// <summary>
    /// SES0531: a name that becomes a kernel name must be UTF-8. The nftables back end writes names as UTF-8 text, so a
    /// byte that is not UTF-8 (<c>"\FF"</c>, kept by <see cref="RouterOsBytes"/>) would reach the kernel as U+FFFD, and
    /// <c>"\FE"</c> and <c>"\FF"</c> would become one set: a knock list and the list it grants would merge.
    /// </summary>
    private static bool IsUtf8(DiagnosticBag bag, SourceLocation at, string property, string name)
    {
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(name[i]))
            {
                bag.Error(at, "SES0531",
                    $"{property}: the name '{Shorten(name)}' holds a byte that is not UTF-8; names that reach the kernel must be UTF-8 text (write the character itself, or its UTF-8 bytes as \\XX escapes)");
                return false;
            }
        }

        return true;
    }

    /// <summary>The length of Sesame.Linux's NftNames.Escape of <paramref name="name"/>.</summary>
    internal static int EscapedLength(string name)
    {
        int length = 0;
        foreach (byte b in RouterOsBytes.GetBytes(name))
        {
            length += char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'-' ? 1 : 3;
        }

        return length;
    }

    /// <summary>
    /// SES0521–SES0523: an interface name the kernel can hold (dev_valid_name: 1 to 15 bytes, not <c>.</c> or <c>..</c>,
    /// no <c>/</c>, <c>:</c> or whitespace — the kernel's isspace also takes the byte 0xA0, which is inside the UTF-8 of
    /// à, Š, † …) and that nftables reads literally (a last <c>*</c> is its prefix wildcard, docs/semantics.md).
    /// </summary>
    private static void CheckInterfaceName(DiagnosticBag bag, SourceLocation at, string property, string? name)
    {
        if (name is null || name.Contains('\0', StringComparison.Ordinal))
        {
            CheckNul(bag, at, property, name);
            return;
        }

        if (!IsUtf8(bag, at, property, name))
        {
            return;
        }

        byte[] bytes = RouterOsBytes.GetBytes(name);
        if (bytes.Length is 0 or > MaxInterfaceNameBytes)
        {
            bag.Error(at, "SES0521",
                $"{property}={Shorten(name)}: a Linux interface name has 1 to {MaxInterfaceNameBytes} bytes (IFNAMSIZ), this one has {bytes.Length}; nftables refuses it and no interface can have it");
            return;
        }

        int bad = Array.FindIndex(bytes, b => b is (byte)'/' or (byte)':' or (byte)' ' or >= 0x09 and <= 0x0D or 0xA0);
        if (bad >= 0 || name is "." or "..")
        {
            string what = bad < 0 ? "is '.' or '..'" : $"holds the byte 0x{bytes[bad]:X2} ({Describe(bytes[bad])})";
            bag.Error(at, "SES0522",
                $"{property}={name}: the Linux kernel refuses this interface name (it {what}; dev_valid_name refuses '/', ':', whitespace and the byte 0xA0), so no packet ever comes from or goes to it");
            return;
        }

        if (name.EndsWith('*'))
        {
            bag.Error(at, "SES0523",
                $"{property}={name}: nftables reads a '*' at the end of an interface name as a wildcard (every name that starts with '{name.TrimEnd('*').TrimEnd('\\')}'), where RouterOS and the engine take the name literally; rename the interface or use an interface list");
        }
    }

    /// <summary>SES0527–SES0528: the prefix of a logging rule (the compiler writes "prefix chain: ").</summary>
    private static void CheckLogPrefix(DiagnosticBag bag, FilterRule rule)
    {
        // The daemon hands the prefix to libnftables as JSON, which is UTF-8: a byte that is not UTF-8 cannot get there.
        if (rule.LogPrefix is { } text && !IsUtf8(bag, rule.Location, "log-prefix", text))
        {
            return;
        }

        if (rule.LogPrefix is { } prefix && RouterOsBytes.GetByteCount(prefix) is var length && length > MaxLogPrefixBytes)
        {
            bag.Error(rule.Location, "SES0527",
                $"log-prefix has {length} bytes; the kernel's log prefix holds {MaxLogPrefixBytes} (NF_LOG_PREFIXLEN), and Sesame also writes the chain after it");
        }

        foreach ((string property, string? value) in (ReadOnlySpan<(string, string?)>)[("log-prefix", rule.LogPrefix), ("chain", rule.Chain)])
        {
            if (value is not null && value.Contains('$', StringComparison.Ordinal))
            {
                bag.Error(rule.Location, "SES0528",
                    $"{property}=\"{value}\" holds '$', which nftables 1.0.6 reads as a variable inside a log prefix (the rule logs, and its prefix is the log-prefix and the chain); the ruleset would be refused");
            }
        }
    }

    private static string Describe(byte b) => b switch
    {
        (byte)'/' => "'/'",
        (byte)':' => "':'",
        (byte)' ' => "a space",
        0xA0 => "a no-break space to the kernel",
        _ => "a whitespace control character",
    };

    private static string Shorten(string name) => name.Length <= 40 ? name : name[..40] + "…";
}
