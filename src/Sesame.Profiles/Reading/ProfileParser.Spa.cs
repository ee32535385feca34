using Sesame.Model;
using Sesame.Net;
using Sesame.Spa;
using YamlDotNet.RepresentationModel;

namespace Sesame.Profiles;

internal sealed partial class ProfileParser
{
    /// <summary>The most stanzas of one SPA door: each costs an HMAC per packet from a source it holds.</summary>
    public const int MaxSpaUsers = 64;

    /// <summary>The most source prefixes of one stanza.</summary>
    public const int MaxSpaSources = 256;

    private static readonly string[] SpaFields = ["port", "window", "allow_address", "require_address", "max_open_for", "users"];

    private static readonly string[] SpaUserKeys = ["name", "source", "keys", "open", "open_for", "max_open_for"];

    /// <summary>Keys a careless admin writes to put a key inline; each gets the message that keys live in key files.</summary>
    private static readonly string[] InlineKeyNames =
        ["key", "key_base64", "hmac_key", "hmac_key_base64", "hmac_digest_type", "passphrase", "secret", "password"];

    /// <summary>Door keys that belong to knock sequences and mean nothing to an SPA door.</summary>
    private static readonly string[] KnockOnlyKeys = ["step_time", "sequence_time", "reset_on_wrong_knock", "list", "tcp_flags", "hooks"];

    /// <summary>The directory relative key file paths are resolved in: the profile's own.</summary>
    public string KeyDirectory { get; init; } = Directory.GetCurrentDirectory();

    private Door ParseSpaDoor(YamlNode node, Door door, Dictionary<string, YamlNode> doorFields)
    {
        foreach (string key in KnockOnlyKeys)
        {
            if (doorFields.TryGetValue(key, out YamlNode? value))
            {
                bag.Error(At(value), ProfileCodes.BadValue, $"door '{door.Name}' is an SPA door: '{key}:' belongs to knock sequences; remove it");
            }
        }

        if (!doorFields.TryGetValue("open", out YamlNode? open))
        {
            bag.Error(At(node), ProfileCodes.Missing, $"SPA door '{door.Name}' needs 'open:', the ports an SPA packet may open, e.g. [22, 51820/udp]");
        }
        else if (open is YamlScalarNode { Value: "all" or "none" } word)
        {
            bag.Error(At(open), ProfileCodes.BadValue,
                $"SPA door '{door.Name}': 'open: {word.Value}' is not allowed; an SPA packet asks for ports, so list the ones it may open, e.g. [22, 51820/udp]");
        }

        if (!doorFields.ContainsKey("open_for"))
        {
            door = door with { OpenFor = DoorSpa.DefaultOpenFor };
        }
        else if (door.OpenFor > DoorSpa.MaxAccess)
        {
            bag.Error(At(doorFields["open_for"]), ProfileCodes.BadTime, $"open_for: an SPA door opens for at most {RouterOsTime.Format(DoorSpa.MaxAccess)} (fwknopd's limit)");
        }

        var distinct = new HashSet<OpenPort>();
        foreach (OpenPort openPort in door.Open)
        {
            if (!distinct.Add(openPort))
            {
                bag.Error(At(open!), ProfileCodes.Duplicate, $"SPA door '{door.Name}' lists port {openPort} twice in 'open:'");
            }
        }

        if (Fields(node, "spa", SpaFields) is not { } f)
        {
            return door with { Spa = new DoorSpa { Location = At(node) } };
        }

        var spa = new DoorSpa { Location = At(node) };
        if (f.TryGetValue("port", out YamlNode? portNode) && SpaPortNumber(portNode) is { } port)
        {
            spa = spa with { Port = port };
            if (door.Open.Contains(new OpenPort(port, IpProtocols.Udp)))
            {
                bag.Error(At(portNode), ProfileCodes.SpaPortConflict, $"SPA door '{door.Name}': its SPA port {port}/udp cannot also be a port it opens");
            }
        }

        if (f.TryGetValue("window", out YamlNode? window) && Time(window, "spa.window") is { } windowTime)
        {
            if (windowTime > DoorSpa.MaxWindow)
            {
                bag.Error(At(window), ProfileCodes.BadTime, $"spa.window: at most {RouterOsTime.Format(DoorSpa.MaxWindow)} (fwknopd's limit); the replay cache keeps every packet this long");
            }

            spa = spa with { Window = windowTime };
        }

        if (f.TryGetValue("max_open_for", out YamlNode? max) && Time(max, "spa.max_open_for") is { } maxTime)
        {
            if (maxTime > DoorSpa.MaxAccess)
            {
                bag.Error(At(max), ProfileCodes.BadTime, $"spa.max_open_for: at most {RouterOsTime.Format(DoorSpa.MaxAccess)} (fwknopd's limit)");
            }

            spa = spa with { MaxOpenFor = maxTime };
        }

        if (f.TryGetValue("allow_address", out YamlNode? allow))
        {
            spa = spa with { AllowAddress = Bool(allow) ?? false };
        }

        if (f.TryGetValue("require_address", out YamlNode? require))
        {
            spa = spa with { RequireAddress = Bool(require) ?? false };
        }

        if (!f.TryGetValue("users", out YamlNode? users))
        {
            bag.Error(At(node), ProfileCodes.Missing, $"SPA door '{door.Name}' needs 'users:', each with a name, a source and a key file");
        }
        else
        {
            spa = spa with { Users = ParseSpaUsers(users, door) };
        }

        bag.Warning(At(node), ProfileCodes.SpaServeOnly,
            $"door '{door.Name}' is an SPA door: only 'sesame serve' checks its packets and opens it; simulate and 'export --to routeros|nft' keep its ports shut");
        return door with { Spa = spa };
    }

    /// <summary>The SPA port: a number, or <c>N/udp</c>; SPA packets are UDP.</summary>
    private ushort? SpaPortNumber(YamlNode node)
    {
        if (Text(node, "spa.port") is not { } text)
        {
            return null;
        }

        string number = text.EndsWith("/udp", StringComparison.OrdinalIgnoreCase) ? text[..^4] : text;
        if (!TryPort(number, out ushort port))
        {
            bag.Error(At(node), ProfileCodes.BadPort, $"spa.port '{text}' is not a UDP port: SPA packets go to one UDP port from 1 to 65535 (fwknopd's is 62201)");
            return null;
        }

        return port;
    }

    private EquatableArray<DoorSpaUser> ParseSpaUsers(YamlNode node, Door door)
    {
        if (node is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            bag.Error(At(node), ProfileCodes.WrongShape, $"SPA door '{door.Name}': 'users:' must be a non-empty list (each item starts with '- name: ...')");
            return EquatableArray<DoorSpaUser>.Empty;
        }

        if (sequence.Children.Count > MaxSpaUsers)
        {
            bag.Error(At(sequence.Children[MaxSpaUsers]), ProfileCodes.TooMany, $"SPA door '{door.Name}': {sequence.Children.Count} users; a door has at most {MaxSpaUsers}");
            return EquatableArray<DoorSpaUser>.Empty;
        }

        var users = new List<DoorSpaUser>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (YamlNode item in sequence.Children)
        {
            if (ParseSpaUser(item, door) is { } user)
            {
                if (!names.Add(user.Name))
                {
                    bag.Error(At(item), ProfileCodes.Duplicate, $"SPA door '{door.Name}' has two users named '{user.Name}'");
                }

                users.Add(user);
            }
        }

        return [.. users];
    }

    private DoorSpaUser? ParseSpaUser(YamlNode node, Door door)
    {
        YamlNode at = node;
        if (node is YamlMappingNode map)
        {
            foreach ((YamlNode keyNode, _) in map.Children)
            {
                if (keyNode is YamlScalarNode { Value: { } key } && InlineKeyNames.Contains(key.ToLowerInvariant()))
                {
                    bag.Error(At(keyNode), ProfileCodes.SpaInlineKey, InlineKeyMessage(door));
                }
            }

            // The inline key names are reported above; Fields must not report them again as unknown keys.
            var rest = new YamlMappingNode();
            foreach ((YamlNode keyNode, YamlNode value) in map.Children)
            {
                if (!(keyNode is YamlScalarNode { Value: { } key } && InlineKeyNames.Contains(key.ToLowerInvariant())))
                {
                    rest.Children.Add(keyNode, value);
                }
            }

            node = map.Children.Count == rest.Children.Count ? map : rest;
        }

        if (Fields(node, "an SPA user", SpaUserKeys) is not { } f)
        {
            return null;
        }

        string? name = f.TryGetValue("name", out YamlNode? nameNode) ? SpaUserName(nameNode) : null;
        if (nameNode is null)
        {
            bag.Error(At(at), ProfileCodes.Missing, $"SPA door '{door.Name}': a user needs a 'name:' (it names the user in the daemon's log)");
        }

        EquatableArray<IpRange>? sources = null;
        if (!f.TryGetValue("source", out YamlNode? sourceNode))
        {
            bag.Error(At(at), ProfileCodes.Missing, $"SPA door '{door.Name}': user '{name}' needs 'source:', 'any' or a list of prefixes such as [192.0.2.0/24, 2001:db8::/32]");
        }
        else
        {
            sources = SpaSources(sourceNode);
        }

        string? keyFile = null;
        SpaKeys? keys = null;
        if (!f.TryGetValue("keys", out YamlNode? keysNode))
        {
            bag.Error(At(at), ProfileCodes.Missing, $"SPA door '{door.Name}': user '{name}' needs 'keys:', the key file that 'fwknop --key-gen' writes");
        }
        else
        {
            (keyFile, keys) = KeyFile(keysNode, door);
        }

        var user = new DoorSpaUser(name ?? "user", keyFile ?? "") { Keys = keys, Sources = sources ?? [], Location = At(at) };
        if (f.TryGetValue("open", out YamlNode? open))
        {
            if (open is YamlScalarNode { Value: "all" or "none" })
            {
                bag.Error(At(open), ProfileCodes.BadValue, $"SPA door '{door.Name}': user '{name}': 'open:' is a list of the door's ports; leave it out for all of them");
            }
            else
            {
                user = user with { Open = ParseOpen(open) };
                foreach (OpenPort port in user.Open.Where(p => !door.Open.Contains(p)))
                {
                    bag.Error(At(open), ProfileCodes.BadValue,
                        $"SPA door '{door.Name}': user '{name}' may open {port}, which is not one of the door's ports ({string.Join(", ", door.Open)})");
                }
            }
        }

        if (f.TryGetValue("open_for", out YamlNode? openFor) && Time(openFor, "open_for") is { } openTime)
        {
            user = user with { OpenFor = AccessTime(openFor, openTime) };
        }

        if (f.TryGetValue("max_open_for", out YamlNode? maxFor) && Time(maxFor, "max_open_for") is { } maxTime)
        {
            user = user with { MaxOpenFor = AccessTime(maxFor, maxTime) };
        }

        return name is null || keyFile is null || sources is null ? null : user;
    }

    private TimeSpan AccessTime(YamlNode node, TimeSpan time)
    {
        if (time > DoorSpa.MaxAccess)
        {
            bag.Error(At(node), ProfileCodes.BadTime, $"an SPA user's access lasts at most {RouterOsTime.Format(DoorSpa.MaxAccess)} (fwknopd's limit)");
        }

        return time;
    }

    /// <summary>
    /// A user's name goes into the daemon's log lines (<c>user=NAME</c>) that fail2ban and people read: letters, digits,
    /// <c>. _ -</c>, at most 64, so no name can fake a field or a line.
    /// </summary>
    private string? SpaUserName(YamlNode node)
    {
        string? text = Text(node, "an SPA user's name");
        if (text is null)
        {
            return null;
        }

        if (text.Length is 0 or > 64 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            bag.Error(At(node), ProfileCodes.BadValue,
                $"SPA user name '{(text.Length > 64 ? text[..64] + "…" : text)}' is not usable: 1 to 64 letters, digits, '.', '_' or '-' (it goes into log lines)");
            return null;
        }

        return text;
    }

    /// <summary><c>any</c> (fwknopd's <c>SOURCE ANY</c>) or a list of addresses and prefixes of either family.</summary>
    private EquatableArray<IpRange>? SpaSources(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } word } && word.Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            return EquatableArray<IpRange>.Empty;
        }

        IList<YamlNode> items = node is YamlSequenceNode sequence ? sequence.Children : [node];
        if (items.Count == 0)
        {
            bag.Error(At(node), ProfileCodes.BadValue, "source: an empty list admits no one; write 'any' or prefixes such as [192.0.2.0/24]");
            return null;
        }

        if (items.Count > MaxSpaSources)
        {
            bag.Error(At(items[MaxSpaSources]), ProfileCodes.TooMany, $"source: {items.Count} prefixes; a user has at most {MaxSpaSources}");
            return null;
        }

        var ranges = new List<IpRange>();
        bool ok = true;
        foreach (YamlNode item in items)
        {
            string? text = Text(item, "source");
            if (text is null)
            {
                ok = false;
                continue;
            }

            if (text.Equals("any", StringComparison.OrdinalIgnoreCase))
            {
                bag.Error(At(item), ProfileCodes.BadValue, "source: 'any' stands alone ('source: any'), not inside a list of prefixes");
                ok = false;
            }
            else if (text.Contains('-', StringComparison.Ordinal) || !IpRange.TryParse(text, out IpRange? range, out string error))
            {
                bag.Error(At(item), ProfileCodes.BadValue, $"source: '{text}' is not an address or a prefix such as 192.0.2.0/24 or 2001:db8::/32");
                ok = false;
            }
            else
            {
                ranges.Add(range.Value);
            }
        }

        return ok ? [.. ranges] : null;
    }

    /// <summary>
    /// <c>keys:</c> names a key file; its keys are read now (<see cref="SpaKeyFile.Read"/>), so a missing, world-readable
    /// or broken key file is an error at this line, never a surprise in the daemon. A key written here instead is
    /// refused without repeating it: the profile is no secret, and the message goes to terminals and logs.
    /// </summary>
    private (string? KeyFile, SpaKeys? Keys) KeyFile(YamlNode node, Door door)
    {
        if (node is not YamlScalarNode { Value: { } text })
        {
            bag.Error(At(node), node is YamlMappingNode ? ProfileCodes.SpaInlineKey : ProfileCodes.WrongShape,
                node is YamlMappingNode ? InlineKeyMessage(door) : "keys: names one key file, e.g. 'keys: keys/alice.keys'");
            return (null, null);
        }

        if (text.Length == 0 || text.Any(char.IsControl) || text.Length > 4096)
        {
            bag.Error(At(node), ProfileCodes.BadValue, "keys: is not a usable file name (empty, too long, or with a control character)");
            return (null, null);
        }

        string path = Path.Combine(KeyDirectory, text);
        if (LooksLikeKey(text) && !File.Exists(path))
        {
            bag.Error(At(node), ProfileCodes.SpaInlineKey, InlineKeyMessage(door));
            return (null, null);
        }

        try
        {
            return (text, SpaKeyFile.Read(path));
        }
        catch (SpaKeyFileException ex)
        {
            bag.Error(At(node), ProfileCodes.SpaKeyFile, $"keys: {ex.Message}");
            return (text, null);
        }
    }

    /// <summary>A value that is a key rather than a file name: an fwknop key line, or a long run of base64 with no dot.</summary>
    private static bool LooksLikeKey(string text) =>
        text.Contains("KEY_BASE64", StringComparison.OrdinalIgnoreCase)
        || (text.Length >= 16 && !text.Contains('.', StringComparison.Ordinal)
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')
            && Convert.TryFromBase64String(text, new byte[text.Length], out int length) && length >= 12);

    private static string InlineKeyMessage(Door door) =>
        $"SPA door '{door.Name}': keys are never written in a profile (it is no secret); put them in a key file ('fwknop --key-gen > alice.keys; chmod 600 alice.keys') and name it: 'keys: alice.keys'";
}
