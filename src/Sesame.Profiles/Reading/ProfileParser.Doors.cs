using Sesame.Diagnostics;
using Sesame.Model;
using Sesame.Text;
using YamlDotNet.RepresentationModel;

namespace Sesame.Profiles;

internal sealed partial class ProfileParser
{
    /// <summary>
    /// The most doors a profile has: each adds rules and lists, and <c>sesame check</c> compares doors with each other
    /// (1000 doors took 12 s, 5000 more than two minutes). Real profiles have a handful.
    /// </summary>
    public const int MaxDoors = 256;

    /// <summary>The most knocks of one door: a sequence of 64 is far longer than anyone knocks by hand or script.</summary>
    public const int MaxKnocks = 64;

    private static readonly string[] DoorKeys =
        ["name", "knocks", "step_time", "sequence_time", "open", "open_for", "reset_on_wrong_knock", "interface", "list", "tcp_flags", "hooks", "family", "spa"];

    private EquatableArray<Door> ParseDoors(YamlNode node, DoorProfile profile)
    {
        if (node is not YamlSequenceNode sequence)
        {
            bag.Error(At(node), ProfileCodes.WrongShape, "'doors:' must be a list of doors (each item starts with '- name: ...')");
            return EquatableArray<Door>.Empty;
        }

        if (sequence.Children.Count == 0)
        {
            bag.Error(At(node), ProfileCodes.Missing, "'doors:' is empty; a profile describes at least one door");
        }

        var doors = new List<Door>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (sequence.Children.Count > MaxDoors)
        {
            bag.Error(At(sequence.Children[MaxDoors]), ProfileCodes.TooMany, $"'doors:' has {sequence.Children.Count} doors; a profile has at most {MaxDoors}");
            return EquatableArray<Door>.Empty;
        }

        foreach (YamlNode item in sequence.Children)
        {
            if (ParseDoor(item, profile) is { } door)
            {
                if (!names.Add(door.Name))
                {
                    bag.Error(At(item), ProfileCodes.Duplicate, $"two doors are named '{door.Name}'; door names name their address lists, so they must differ");
                }

                doors.Add(door);
            }
        }

        CheckSpaPorts(doors);
        return [.. doors];
    }

    /// <summary>
    /// An SPA door's receive rule drops every packet to its port, so a second SPA door or a UDP knock on that port (in a
    /// family both admit) would never see a packet: whichever rule comes first takes them all.
    /// </summary>
    private void CheckSpaPorts(List<Door> doors)
    {
        for (int i = 0; i < doors.Count; i++)
        {
            if (doors[i].Spa is not { } spa)
            {
                continue;
            }

            for (int j = 0; j < doors.Count; j++)
            {
                Door other = doors[j];
                if (i == j || !SharesFamily(doors[i], other))
                {
                    continue;
                }

                if (other.Spa is { } otherSpa && otherSpa.Port == spa.Port && j < i)
                {
                    bag.Error(spa.Location, ProfileCodes.SpaPortConflict,
                        $"SPA doors '{other.Name}' and '{doors[i].Name}' both take UDP port {spa.Port}; the first would get every packet, so give each door its own port");
                }
                else if (other.Knocks.FirstOrDefault(k => k.Protocol == IpProtocols.Udp && k.Port == spa.Port) is { } knock)
                {
                    bag.Error(knock.Location, ProfileCodes.SpaPortConflict,
                        $"door '{other.Name}' knocks on UDP port {spa.Port}, the SPA port of door '{doors[i].Name}'; one of them would never see its packets");
                }
            }
        }
    }

    private static bool SharesFamily(Door a, Door b) =>
        a.Family == DoorFamily.Both || b.Family == DoorFamily.Both || a.Family == b.Family;

    /// <summary><c>family: ipv4 | ipv6 | both</c>. A passphrase door cannot be IPv6-only: IPv6 has no Layer7 (see ProfileCompiler).</summary>
    private DoorFamily ParseFamily(YamlNode node, Door door)
    {
        string? value = node is YamlScalarNode scalar ? scalar.Value : null;
        DoorFamily? family = value switch
        {
            "both" => DoorFamily.Both,
            "ipv4" => DoorFamily.Ipv4,
            "ipv6" => DoorFamily.Ipv6,
            _ => null,
        };
        if (family is null)
        {
            bag.Error(At(node), ProfileCodes.BadValue, $"family must be ipv4, ipv6 or both, not '{TerminalText.Escape(value ?? "(not a word)")}'");
            return DoorFamily.Both;
        }

        if (family == DoorFamily.Ipv6 && door.Knocks.Any(k => k.Passphrase is not null))
        {
            bag.Error(At(node), ProfileCodes.BadValue, $"door '{door.Name}' has passphrase knocks, which only IPv4 can check (Layer7); it cannot be family: ipv6");
        }

        return family.Value;
    }

    private Door? ParseDoor(YamlNode node, DoorProfile profile)
    {
        if (Fields(node, "a door", DoorKeys) is not { } f)
        {
            return null;
        }

        string name = "door";
        if (!f.TryGetValue("name", out YamlNode? nameNode))
        {
            bag.Error(At(node), ProfileCodes.Missing, "a door needs a 'name:' (it names the door's address lists and rule comments)");
        }
        else
        {
            name = Name(nameNode, "name") ?? name;
        }

        var door = new Door(name) { Location = At(node) };
        bool isSpa = f.TryGetValue("spa", out YamlNode? spa);
        if (!f.TryGetValue("knocks", out YamlNode? knocks))
        {
            if (!isSpa)
            {
                bag.Error(At(node), ProfileCodes.Missing, $"door '{name}' needs 'knocks:', the list of ports to knock in order (or 'spa:' for a single packet authorization door)");
            }
        }
        else if (isSpa)
        {
            bag.Error(At(knocks), ProfileCodes.BadValue, $"door '{name}' has both 'knocks:' and 'spa:'; an SPA door's knock is its one SPA packet, so remove one of them");
        }
        else
        {
            door = door with { Knocks = ParseKnocks(knocks, name) };
        }

        if (f.TryGetValue("step_time", out YamlNode? step) && Time(step, "step_time") is { } stepTime)
        {
            door = door with { StepTime = stepTime };
        }

        if (f.TryGetValue("sequence_time", out YamlNode? sequence) && Time(sequence, "sequence_time") is { } sequenceTime)
        {
            door = door with { SequenceTime = sequenceTime };
        }

        if (f.TryGetValue("open_for", out YamlNode? openFor) && Time(openFor, "open_for") is { } openTime)
        {
            door = door with { OpenFor = openTime };
        }

        if (f.TryGetValue("open", out YamlNode? open))
        {
            door = isSpa && open is YamlScalarNode { Value: "all" or "none" } ? door
                : open is YamlScalarNode { Value: "none" } ? door with { OpensNothing = true } : door with { Open = ParseOpen(open) };
        }

        if (f.TryGetValue("reset_on_wrong_knock", out YamlNode? reset))
        {
            door = door with { ResetOnWrongKnock = Bool(reset) ?? false };
        }

        if (f.TryGetValue("interface", out YamlNode? iface) && Name(iface, "interface") is { } ifName)
        {
            if (!profile.Outside.Contains(ifName))
            {
                bag.Error(At(iface), ProfileCodes.UnknownInterface,
                    $"unknown interface '{ifName}'{Suggestion.DidYouMean(ifName, profile.Outside)}: a door listens on one of interfaces.outside ({string.Join(", ", profile.Outside)})");
            }

            door = door with { Interface = ifName };
        }

        if (f.TryGetValue("family", out YamlNode? family))
        {
            door = door with { Family = ParseFamily(family, door) };
        }

        if (f.TryGetValue("list", out YamlNode? list))
        {
            door = door with { List = Name(list, "list") };
        }

        if (f.TryGetValue("tcp_flags", out YamlNode? flags))
        {
            door = door with { TcpFlags = Flags(flags) };
        }

        if (f.TryGetValue("hooks", out YamlNode? hooks) && Fields(hooks, "hooks", ["start", "stop", "stop_after", "shell", "time_limit"]) is { } h)
        {
            bool shell = h.TryGetValue("shell", out YamlNode? sh) && (Bool(sh) ?? false);
            door = door with
            {
                Hooks = new DoorHooks(
                    h.TryGetValue("start", out YamlNode? start) ? Command(start, "hooks.start", shell) : null,
                    h.TryGetValue("stop", out YamlNode? stop) ? Command(stop, "hooks.stop", shell) : null,
                    h.TryGetValue("stop_after", out YamlNode? after) ? Time(after, "hooks.stop_after") : null)
                {
                    Shell = shell,
                    TimeLimit = h.TryGetValue("time_limit", out YamlNode? limit) ? TimeLimit(limit) : DoorHooks.DefaultTimeLimit,
                },
            };
        }

        return isSpa ? ParseSpaDoor(spa!, door, f) : door;
    }

    private TimeSpan TimeLimit(YamlNode node)
    {
        TimeSpan? limit = Time(node, "hooks.time_limit");
        if (limit > DoorHooks.MaxTimeLimit)
        {
            bag.Error(At(node), ProfileCodes.BadTime,
                $"hooks.time_limit: {RouterOsTime.Format(limit.Value)} is longer than a hook may run ({RouterOsTime.Format(DoorHooks.MaxTimeLimit)})");
        }

        return limit ?? DoorHooks.DefaultTimeLimit;
    }

    /// <summary>A hook command; without a shell it must split into words (a quote left open is an error here, not at run time).</summary>
    private string? Command(YamlNode node, string what, bool shell)
    {
        string? text = Text(node, what);
        if (text is null || shell)
        {
            return text;
        }

        if (!CommandLineSplitter.TrySplit(text, out string[] argv, out string error) || argv.Length == 0)
        {
            bag.Error(At(node), ProfileCodes.BadValue, $"{what}: {(argv.Length == 0 && error.Length == 0 ? "the command is empty" : error)}; a hook runs without a shell unless 'shell: true'");
            return null;
        }

        return text;
    }

    private EquatableArray<KnockStep> ParseKnocks(YamlNode node, string door)
    {
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            bag.Error(At(node), ProfileCodes.WrongShape, $"door '{door}': 'knocks:' must be a non-empty list of ports, e.g. [888, 555, 222]");
            return EquatableArray<KnockStep>.Empty;
        }

        if (sequence.Children.Count > MaxKnocks)
        {
            bag.Error(At(sequence.Children[MaxKnocks]), ProfileCodes.TooMany, $"door '{door}': {sequence.Children.Count} knocks; a door has at most {MaxKnocks}");
            return EquatableArray<KnockStep>.Empty;
        }

        var steps = new List<KnockStep>();
        foreach (YamlNode item in sequence.Children)
        {
            if (ParseKnock(item) is { } step)
            {
                steps.Add(step);
            }
        }

        return [.. steps];
    }

    private KnockStep? ParseKnock(YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            return PortSpec(node, "knock") is { } spec ? new KnockStep(spec.Port, spec.Protocol) { Location = At(node) } : null;
        }

        if (Fields(node, "a knock", ["port", "protocol", "passphrase", "list"]) is not { } f)
        {
            return null;
        }

        if (!f.TryGetValue("port", out YamlNode? portNode))
        {
            bag.Error(At(node), ProfileCodes.Missing, "this knock has no 'port:'; every knock is a packet to one port");
            return null;
        }

        (ushort Port, byte Protocol)? port = PortSpec(portNode, "knock port");
        byte protocol = port?.Protocol ?? IpProtocols.Tcp;
        if (f.TryGetValue("protocol", out YamlNode? protocolNode))
        {
            protocol = Protocol(protocolNode) ?? protocol;
        }

        string? passphrase = f.TryGetValue("passphrase", out YamlNode? pass) ? Text(pass, "passphrase") : null;
        if (passphrase is not null && protocol == IpProtocols.Tcp)
        {
            bag.Warning(At(pass!), ProfileCodes.PassphraseOnTcp,
                "a passphrase on a TCP knock is never seen: the knock's SYN is dropped before any data is sent; use 'protocol: udp' as the seeds do");
        }

        return port is null ? null : new KnockStep(port.Value.Port, protocol)
        {
            Passphrase = passphrase,
            List = f.TryGetValue("list", out YamlNode? list) ? Name(list, "list") : null,
            Location = At(node),
        };
    }

    private EquatableArray<OpenPort> ParseOpen(YamlNode node)
    {
        if (node is YamlScalarNode { Value: "all" })
        {
            return EquatableArray<OpenPort>.Empty;
        }

        IEnumerable<YamlNode> items = node is YamlSequenceNode sequence ? sequence.Children : [node];
        var ports = new List<OpenPort>();
        foreach (YamlNode item in items)
        {
            if (PortSpec(item, "open port") is { } spec)
            {
                ports.Add(new OpenPort(spec.Port, spec.Protocol));
            }
        }

        if (ports.Count == 0 && !bag.HasErrors)
        {
            bag.Error(At(node), ProfileCodes.BadValue, "'open:' is 'all', 'none' or a list of ports such as [22, 51820/udp]");
        }

        return [.. ports];
    }
}
