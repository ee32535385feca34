using System.Globalization;
using System.Text;
using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>
/// Turns a knockd.conf into a door profile (knockd(1), "Configuration"): each <c>[event]</c> with a sequence becomes a
/// door; <c>seq_timeout</c> limits the whole sequence, as in knockd; a start command that <see cref="OpenCommand"/>
/// reads exactly becomes the door's opened ports, open for <c>cmd_timeout</c> when the stop command is its undo; any
/// other command becomes a /bin/sh hook and the door opens nothing by itself, so the profile never admits more than
/// knockd did (docs/profiles.md). Whatever has no equivalent is named in a warning at its line.
/// </summary>
public static partial class KnockdImporter
{
    /// <summary>knockd's defaults: 25 s for a sequence, 10 s before the stop command.</summary>
    private static readonly TimeSpan DefaultSequenceTime = TimeSpan.FromSeconds(25);

    private static readonly TimeSpan DefaultCommandTime = TimeSpan.FromSeconds(10);

    public static KnockdImport Import(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bag = new DiagnosticBag();
        var sections = KnockdFile.Read(text, fileName, bag);
        var profile = new DoorProfile();
        var doors = new List<Door>();
        var names = new Dictionary<string, KnockdSection>(StringComparer.Ordinal);
        foreach (KnockdSection section in sections)
        {
            if (section.Name.Equals("options", StringComparison.OrdinalIgnoreCase))
            {
                profile = Options(section, profile, bag);
            }
            else if (ToDoor(section, bag) is { } door)
            {
                if (names.TryGetValue(door.Name, out KnockdSection? other))
                {
                    bag.Error(section.Location, ProfileCodes.KnockdBadValue,
                        $"[{section.Name}] becomes door '{door.Name}', as [{other.Name}] at line {other.Location.Line} does; door names name address lists, so they must differ");
                    continue;
                }

                names.Add(door.Name, section);
                doors.Add(door);
            }
        }

        if (doors.Count == 0)
        {
            bag.Error(new SourceLocation(fileName, 1, 1), ProfileCodes.KnockdSyntax, "no [event] with a sequence: nothing to import");
        }

        return new KnockdImport(profile with { Doors = [.. doors] }, bag.Items);
    }

    private static DoorProfile Options(KnockdSection section, DoorProfile profile, DiagnosticBag bag)
    {
        foreach (KnockdEntry entry in section.Entries)
        {
            switch (entry.Key)
            {
                case "interface" when !IsInterfaceName(entry.Value):
                    bag.Error(entry.Location, ProfileCodes.KnockdBadValue, $"[options] interface: '{entry.Value}' is not a network interface name (1 to 15 characters, no blanks, '/' or ':')");
                    break;
                case "interface":
                    profile = profile with { Outside = [entry.Value], Inside = profile.Inside.Contains(entry.Value) ? [] : profile.Inside };
                    break;
                default:
                    bag.Warning(entry.Location, ProfileCodes.KnockdNotCarried,
                        $"[options] {entry.Original} is not carried over: Sesame logs through its own logger (the journal under systemd) and keeps no pid file");
                    break;
            }
        }

        return profile;
    }

    private static Door? ToDoor(KnockdSection section, DiagnosticBag bag)
    {
        var door = new Door(DoorName(section.Name));
        KnockdEntry? sequence = null;
        KnockdEntry? start = null;
        KnockdEntry? stop = null;
        TimeSpan? commandTime = null;
        foreach (KnockdEntry entry in section.Entries)
        {
            switch (entry.Key)
            {
                case "sequence":
                    sequence = entry;
                    door = door with { Knocks = Knocks(entry, bag) };
                    break;
                case "seq_timeout":
                    if (Seconds(entry, bag) is { } seq)
                    {
                        door = door with { SequenceTime = seq, StepTime = seq };
                    }

                    break;
                case "tcpflags":
                    door = door with { TcpFlags = Flags(entry, bag) };
                    if (door.TcpFlags is { } flags && flags.Set.HasFlag(TcpFlags.Ack))
                    {
                        // knockd reads packets off the wire; a firewall with connection tracking sees an ACK without
                        // a SYN before it as an established connection (ROUTEROS.md §2.6).
                        bag.Warning(entry.Location, ProfileCodes.KnockdNotCarried,
                            $"[{section.Name}] tcpflags = {entry.Value}: a knock with ACK set is taken as an established connection and accepted before the knock rules, so it is only heard with 'router: accept_established: false'");
                    }

                    break;
                case "start_command" or "command" or "stop_command" when entry.Value.Length == 0:
                    bag.Warning(entry.Location, ProfileCodes.KnockdNotCarried, $"[{section.Name}] {entry.Key} is empty; left out");
                    break;
                case "start_command" or "command":
                    start = entry;
                    break;
                case "stop_command":
                    stop = entry;
                    break;
                case "cmd_timeout":
                    commandTime = Seconds(entry, bag);
                    break;
                case "one_time_sequences":
                    bag.Warning(entry.Location, ProfileCodes.KnockdNotCarried,
                        $"[{section.Name}] one_time_sequences is not carried over: Sesame's doors have one fixed sequence, and a list of sequences used once each cannot be written as firewall rules; the door is left out");
                    return null;
                default:
                    bag.Warning(entry.Location, ProfileCodes.KnockdNotCarried, $"[{section.Name}] {entry.Original} is not carried over (Sesame has no equivalent)");
                    break;
            }
        }

        if (sequence is null || door.Knocks.Count == 0)
        {
            bag.Warning(section.Location, ProfileCodes.KnockdNotCarried, $"[{section.Name}] has no usable sequence; left out");
            return null;
        }

        door = door with { SequenceTime = door.SequenceTime ?? DefaultSequenceTime, StepTime = door.SequenceTime ?? DefaultSequenceTime };
        return WithCommands(door, section, start, stop, commandTime, bag);
    }

    private static EquatableArray<KnockStep> Knocks(KnockdEntry entry, DiagnosticBag bag)
    {
        var steps = new List<KnockStep>();
        foreach (string part in entry.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pieces = part.Split(':');
            string protocol = pieces.Length > 1 ? pieces[1].ToLowerInvariant() : "tcp";
            if (!ushort.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) || port == 0 || protocol is not ("tcp" or "udp") || pieces.Length > 2)
            {
                bag.Error(entry.Location, ProfileCodes.KnockdBadValue, $"sequence: '{part}' is not PORT, PORT:tcp or PORT:udp");
                continue;
            }

            steps.Add(new KnockStep(port, protocol == "udp" ? IpProtocols.Udp : IpProtocols.Tcp));
        }

        return [.. steps];
    }

    private static TimeSpan? Seconds(KnockdEntry entry, DiagnosticBag bag)
    {
        if (int.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        bag.Error(entry.Location, ProfileCodes.KnockdBadValue, $"{entry.Key}: '{entry.Value}' is not a number of seconds");
        return null;
    }

    private static TcpFlagsMatch? Flags(KnockdEntry entry, DiagnosticBag bag)
    {
        if (!TcpFlagNames.TryParseMatch(entry.Value.ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), out TcpFlagsMatch match, out string raw))
        {
            bag.Error(entry.Location, ProfileCodes.KnockdBadValue, $"tcpflags: '{raw}' is not a TCP flag");
            return null;
        }

        return match;
    }

    /// <summary>Linux's rule for interface names (dev_valid_name): 1 to 15 bytes, not '.' or '..', no '/', ':' or blank.</summary>
    private static bool IsInterfaceName(string name) =>
        name.Length is > 0 and < 16 && name is not ("." or "..") && name.All(c => c > ' ' && c < '\x7f' && c is not ('/' or ':'));

    /// <summary>A door name that works as part of an address-list name: letters, digits, '-' and '_'.</summary>
    private static string DoorName(string section)
    {
        var sb = new StringBuilder();
        foreach (char c in section)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return sb.Length == 0 ? "door" : sb.ToString();
    }
}
