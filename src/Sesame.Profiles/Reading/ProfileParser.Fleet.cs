using Sesame.Diagnostics;
using Sesame.Model;
using YamlDotNet.RepresentationModel;

namespace Sesame.Profiles;

/// <summary>
/// The <c>fleet:</c> section (docs/fleet.md): where the fleet's database is and which lists travel. Its values are held
/// to the command line's rules (<see cref="FleetNames"/>); a password is never written here, not even in a profile that
/// is not shared: it goes in <c>password-file:</c>.
/// </summary>
internal sealed partial class ProfileParser
{
    private static readonly string[] FleetKeys = ["connection", "password-file", "node", "share", "local"];

    /// <summary>Keys a careless admin writes to put a password inline; each gets the message that it goes in a file.</summary>
    private static readonly string[] InlinePasswordNames = ["password", "passwd", "pwd", "psw", "secret"];

    /// <summary>The most lists <c>share:</c> or <c>local:</c> names: a profile has a few dozen lists at most.</summary>
    public const int MaxFleetLists = 256;

    private FleetSection? ParseFleet(YamlNode node)
    {
        var fleet = new FleetSection { Location = At(node) };
        if (node is YamlMappingNode map)
        {
            var rest = new YamlMappingNode();
            foreach ((YamlNode keyNode, YamlNode value) in map.Children)
            {
                if (keyNode is YamlScalarNode { Value: { } key } && InlinePasswordNames.Contains(key.ToLowerInvariant()))
                {
                    bag.Error(At(keyNode), ProfileCodes.FleetInlinePassword, InlinePasswordMessage);
                }
                else
                {
                    rest.Children.Add(keyNode, value);
                }
            }

            node = rest.Children.Count == map.Children.Count ? map : rest;
        }

        if (Fields(node, "fleet", FleetKeys) is not { } f)
        {
            return null;
        }

        if (f.TryGetValue("connection", out YamlNode? connection) && Text(connection, "fleet.connection") is { } text)
        {
            if (text.Trim().Length == 0 || text.Length > FleetNames.MaxConnectionLength || text.Any(char.IsControl))
            {
                bag.Error(At(connection), ProfileCodes.BadValue,
                    $"fleet.connection is not a usable connection string (empty, longer than {FleetNames.MaxConnectionLength} characters, or with a control character)");
            }
            else if (FleetNames.HasPassword(text))
            {
                // Never repeated: the message goes to terminals and logs.
                bag.Error(At(connection), ProfileCodes.FleetInlinePassword, InlinePasswordMessage);
            }
            else
            {
                fleet = fleet with { Connection = text };
            }
        }

        if (f.TryGetValue("password-file", out YamlNode? passwordFile))
        {
            fleet = fleet with { PasswordFile = FleetPasswordFile(passwordFile) };
        }

        if (f.TryGetValue("node", out YamlNode? nodeName) && Text(nodeName, "fleet.node") is { } name)
        {
            if (FleetNames.IsNodeName(name))
            {
                fleet = fleet with { Node = name };
            }
            else
            {
                bag.Error(At(nodeName), ProfileCodes.BadValue, $"fleet.node '{FleetNames.Shown(name)}' is not a node name: {FleetNames.NodeRule}");
            }
        }

        if (f.TryGetValue("share", out YamlNode? share))
        {
            fleet = fleet with { Share = FleetLists(share, "fleet.share") };
        }

        if (f.TryGetValue("local", out YamlNode? local))
        {
            fleet = fleet with { Local = FleetLists(local, "fleet.local") };
        }

        foreach (FleetListName both in fleet.Local.Where(l => fleet.Share.Any(s => s.Name == l.Name)))
        {
            bag.Error(both.Location, ProfileCodes.FleetList, $"list '{FleetNames.Shown(both.Name)}' is both in fleet.share and fleet.local; a list is shared or kept local, not both");
        }

        return fleet;
    }

    /// <summary>The password file, resolved from the profile's directory; it must exist and not be readable by others.</summary>
    private string? FleetPasswordFile(YamlNode node)
    {
        if (Text(node, "fleet.password-file") is not { } text)
        {
            return null;
        }

        if (text.Length == 0 || text.Length > 4096 || text.Any(char.IsControl))
        {
            bag.Error(At(node), ProfileCodes.BadValue, "fleet.password-file is not a usable file name (empty, too long, or with a control character)");
            return null;
        }

        string path = Path.GetFullPath(Path.Combine(KeyDirectory, text));
        if (FleetNames.PasswordFileProblem(path) is { } problem)
        {
            // A value that names no file may be the password itself: the message does not repeat it.
            bag.Error(At(node), ProfileCodes.FleetPasswordFile, $"fleet.password-file: the file {problem}");
            return null;
        }

        return path;
    }

    private EquatableArray<FleetListName> FleetLists(YamlNode node, string what)
    {
        IList<YamlNode> items = node is YamlSequenceNode sequence ? sequence.Children : [node];
        if (items.Count > MaxFleetLists)
        {
            bag.Error(At(items[MaxFleetLists]), ProfileCodes.TooMany, $"{what} names {items.Count} lists; at most {MaxFleetLists}");
            return EquatableArray<FleetListName>.Empty;
        }

        var lists = new List<FleetListName>();
        foreach (YamlNode item in items)
        {
            if (Text(item, what) is not { } name)
            {
                continue;
            }

            if (!FleetNames.IsListName(name))
            {
                bag.Error(At(item), ProfileCodes.BadValue,
                    $"{what}: '{FleetNames.Shown(name)}' is not a list name (1 to {FleetNames.MaxListLength} characters, no control characters)");
            }
            else if (lists.Any(l => l.Name == name))
            {
                bag.Error(At(item), ProfileCodes.Duplicate, $"{what} names list '{name}' twice");
            }
            else
            {
                lists.Add(new FleetListName(name, At(item)));
            }
        }

        return [.. lists];
    }

    /// <summary>
    /// After the compile: every list <c>share:</c> and <c>local:</c> name must be one of the profile's, or the node would
    /// share a list it does not have, or keep one local by a typo while the real one travels.
    /// </summary>
    internal static void CheckFleetLists(FleetSection fleet, FirewallConfig config, DiagnosticBag bag)
    {
        IReadOnlySet<string> known = FleetNames.ListsOf(config);
        foreach ((FleetListName list, string what) in fleet.Share.Select(l => (l, "fleet.share")).Concat(fleet.Local.Select(l => (l, "fleet.local"))))
        {
            if (!known.Contains(list.Name))
            {
                bag.Error(list.Location, ProfileCodes.FleetList,
                    $"{what}: the profile has no address list '{FleetNames.Shown(list.Name)}'{Suggestion.DidYouMean(list.Name, known)}; {FleetNames.Known(known)}");
            }
        }
    }

    private const string InlinePasswordMessage =
        "fleet: a password is never written in a profile (it is printed, pasted and checked in); put it in a file ('chmod 600 fleet.pass') and name it: 'password-file: fleet.pass'";
}
