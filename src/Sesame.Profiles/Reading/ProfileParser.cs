using Sesame.Diagnostics;
using Sesame.Model;
using YamlDotNet.RepresentationModel;

namespace Sesame.Profiles;

/// <summary>Walks the YAML nodes of a profile; reports every problem and keeps going, so one run lists them all.</summary>
internal sealed partial class ProfileParser(string fileName, DiagnosticBag bag)
{
    public DoorProfile Parse(YamlNode root)
    {
        var profile = new DoorProfile();
        if (Fields(root, "the profile", ["interfaces", "router", "doors", "blacklist", "fleet"]) is not { } fields)
        {
            return profile;
        }

        if (fields.TryGetValue("interfaces", out YamlNode? interfaces))
        {
            profile = ParseInterfaces(interfaces, profile);
        }

        if (fields.TryGetValue("router", out YamlNode? router) && Fields(router, "router", ["accept_established", "drop_outside_input"]) is { } r)
        {
            profile = profile with
            {
                AcceptEstablished = r.TryGetValue("accept_established", out YamlNode? a) ? Bool(a) ?? true : true,
                DropOutsideInput = r.TryGetValue("drop_outside_input", out YamlNode? d) ? Bool(d) ?? true : true,
                RouterLocation = At(router),
            };
        }

        if (fields.TryGetValue("blacklist", out YamlNode? blacklist))
        {
            profile = profile with { Blacklist = ParseBlacklist(blacklist) };
        }

        if (fields.TryGetValue("fleet", out YamlNode? fleet))
        {
            profile = profile with { Fleet = ParseFleet(fleet) };
        }

        if (!fields.TryGetValue("doors", out YamlNode? doors))
        {
            bag.Error(At(root), ProfileCodes.Missing, "the profile has no 'doors:' list; a profile describes at least one door");
            return profile;
        }

        return profile with { Doors = ParseDoors(doors, profile) };
    }

    private DoorProfile ParseInterfaces(YamlNode node, DoorProfile profile)
    {
        if (Fields(node, "interfaces", ["outside", "inside"]) is not { } fields)
        {
            return profile;
        }

        if (fields.TryGetValue("outside", out YamlNode? outside))
        {
            EquatableArray<string> names = Names(outside, "interfaces.outside");
            if (names.Count == 0)
            {
                bag.Error(At(outside), ProfileCodes.Missing, "interfaces.outside names no interface; knocks are heard only on outside interfaces");
            }

            profile = profile with { Outside = names };
        }

        if (fields.TryGetValue("inside", out YamlNode? inside))
        {
            profile = profile with { Inside = Names(inside, "interfaces.inside") };
        }

        foreach (string shared in profile.Outside.Intersect(profile.Inside, StringComparer.Ordinal))
        {
            bag.Error(At(node), ProfileCodes.Duplicate, $"interface '{shared}' is both outside and inside");
        }

        return profile;
    }

    private Blacklist? ParseBlacklist(YamlNode node)
    {
        if (Fields(node, "blacklist", ["enabled", "list", "trap", "scan"]) is not { } fields)
        {
            return null;
        }

        var blacklist = new Blacklist
        {
            Enabled = fields.TryGetValue("enabled", out YamlNode? e) && (Bool(e) ?? false),
            Location = At(node),
            Trap = fields.TryGetValue("trap", out YamlNode? trap) ? ParseBlacklistPorts(trap, "blacklist.trap") : null,
            Scan = fields.TryGetValue("scan", out YamlNode? scan) ? ParseBlacklistPorts(scan, "blacklist.scan") : null,
        };
        if (fields.TryGetValue("list", out YamlNode? list) && Name(list, "blacklist.list") is { } name)
        {
            blacklist = blacklist with { List = name };
        }

        if (blacklist.Trap is null && blacklist.Scan is null)
        {
            bag.Error(At(node), ProfileCodes.Missing, "the blacklist has neither 'trap:' nor 'scan:' ports, so nothing would ever be listed");
        }

        return blacklist;
    }

    private BlacklistPorts? ParseBlacklistPorts(YamlNode node, string where)
    {
        if (Fields(node, where, ["ports", "for"]) is not { } fields)
        {
            return null;
        }

        if (!fields.TryGetValue("ports", out YamlNode? ports))
        {
            bag.Error(At(node), ProfileCodes.Missing, $"{where} needs 'ports:'");
            return null;
        }

        TimeSpan time = where.EndsWith("trap", StringComparison.Ordinal) ? TimeSpan.FromMinutes(1000) : TimeSpan.FromMinutes(1);
        if (fields.TryGetValue("for", out YamlNode? forNode))
        {
            time = Time(forNode, $"{where}.for") ?? time;
        }

        return new BlacklistPorts(PortRanges(ports, $"{where}.ports"), time);
    }
}
