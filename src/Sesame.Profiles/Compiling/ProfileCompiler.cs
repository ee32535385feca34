using System.Text;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Profiles;

/// <summary>
/// Compiles a door profile to the rule model, in the layout the seeds teach: established connections first, the
/// blacklist drop at the very top of the knock rules, each door's knock steps (step N needs the list of step N-1) and
/// its accept rule, the blacklist's trap and scan rules, and last the drop of other outside input that the seeds
/// assume the router has. Rules carry comments naming their door, and the door's line and column in the profile.
/// </summary>
/// <remarks>
/// Both families get the same door (ROUTEROS.md §2.1: IPv4 and IPv6 are separate rule sets and address lists): the
/// IPv6 filter repeats the IPv4 rules with the same list names, so an IPv6 knock sequence fills the IPv6 lists and
/// admits the IPv6 source, and an IPv4 sequence admits only the IPv4 source. The IPv6 filter also accepts ICMPv6 after
/// the blacklist drop: neighbour discovery does for IPv6 what ARP does for IPv4, outside the IPv4 filter. A door with a passphrase knock has no IPv6
/// rules: RouterOS has no Layer7 matcher in <c>/ipv6 firewall filter</c> (§4.1), so that door cannot be opened over
/// IPv6, while the IPv6 blacklist and drop of outside input still apply.
/// </remarks>
public static class ProfileCompiler
{
    public const string OutsideList = "WAN";
    public const string InsideList = "LAN";

    /// <summary>The list every door's last knock fills when there are several doors, so one scan rule can spare them all.</summary>
    public const string KnockedList = "knocked";

    public static FirewallConfig Compile(DoorProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var layer7 = new List<Layer7Protocol>();
        List<FilterRule> ipv4 = Rules(profile, layer7);
        List<FilterRule> ipv6 = Rules(profile, layer7: null);

        var lists = new List<InterfaceList> { new(OutsideList) };
        var members = profile.Outside.Select(i => new InterfaceListMember(OutsideList, i)).ToList();
        if (profile.Inside.Count > 0)
        {
            lists.Add(new InterfaceList(InsideList));
            members.AddRange(profile.Inside.Select(i => new InterfaceListMember(InsideList, i)));
        }

        return new FirewallConfig
        {
            InterfaceLists = [.. lists],
            InterfaceListMembers = [.. members],
            Layer7Protocols = [.. layer7],
            Ipv4Filter = [.. ipv4],
            Ipv6Filter = [.. ipv6],
            SpaDoors = [.. profile.Doors.Where(d => d.Spa is not null).Select(SpaDoorRules.Door)],
        };
    }

    /// <summary>
    /// True when the door is written in <c>/ipv6 firewall filter</c>: it admits IPv6 (<see cref="Door.Family"/>) and none
    /// of its knocks needs Layer7.
    /// </summary>
    public static bool HasIpv6Rules(Door door)
    {
        ArgumentNullException.ThrowIfNull(door);
        return door.Family != DoorFamily.Ipv4 && door.Knocks.All(k => k.Passphrase is null);
    }

    /// <summary>True when the door is written in <c>/ip firewall filter</c>.</summary>
    public static bool HasIpv4Rules(Door door)
    {
        ArgumentNullException.ThrowIfNull(door);
        return door.Family != DoorFamily.Ipv6;
    }

    /// <summary>
    /// The input rules of one family. <paramref name="layer7"/> collects the passphrase patterns for the IPv4 filter;
    /// null builds the IPv6 filter, which leaves out the doors that need them.
    /// </summary>
    private static List<FilterRule> Rules(DoorProfile profile, List<Layer7Protocol>? layer7)
    {
        var rules = new List<FilterRule>();
        if (profile.AcceptEstablished)
        {
            rules.Add(new FilterRule
            {
                Chain = "input",
                Action = FilterAction.Accept,
                ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established | ConnectionStates.Related | ConnectionStates.Untracked),
                Comment = "sesame: keep established sessions (they outlive the knock)",
                Location = profile.RouterLocation,
            });
        }

        Blacklist? blacklist = profile.Blacklist;
        if (blacklist is not null)
        {
            rules.Add(Outside() with
            {
                Action = FilterAction.Drop,
                Disabled = !blacklist.Enabled,
                SrcAddressList = Negatable<string>.Is(blacklist.List),
                Comment = "sesame blacklist: drop listed sources" + EnableHint(blacklist),
                Location = blacklist.Location,
            });
        }

        if (layer7 is null)
        {
            // Neighbour discovery is IPv6's ARP, which the IPv4 filter never sees: dropped with the rest of the outside
            // input, it would take IPv6 down on the outside interfaces, knocks included. No port opens by it.
            rules.Add(new FilterRule
            {
                Chain = "input",
                Action = FilterAction.Accept,
                Protocol = Negatable<byte>.Is(IpProtocols.IcmpV6),
                Comment = "sesame: ICMPv6 (neighbour discovery is IPv6's ARP; it opens no port)",
            });
        }

        // An SPA door admits by port (its accept rules come before the scan rule), not by a list of admitted sources:
        // only knock doors fill the list the scan rule spares.
        var knockDoors = profile.Doors.Where(d => d.Spa is null).ToList();
        bool shareKnocked = knockDoors.Count > 1 && blacklist?.Scan is not null;
        foreach (Door door in profile.Doors)
        {
            if (layer7 is not null ? HasIpv4Rules(door) : HasIpv6Rules(door))
            {
                DoorRules.Add(rules, layer7, door, shareKnocked);
            }
        }

        if (blacklist is not null)
        {
            AddBlacklistRules(rules, blacklist, knockDoors.Count switch { 0 => null, 1 => knockDoors[0].GrantedList, _ => KnockedList });
        }

        if (profile.DropOutsideInput)
        {
            rules.Add(Outside() with
            {
                Action = FilterAction.Drop,
                Comment = "sesame: drop other input from outside (the router's own drop; keep the rules above before it)",
                Location = profile.RouterLocation,
            });
        }

        return rules;
    }

    internal static FilterRule Outside() => new()
    {
        Chain = "input",
        Action = FilterAction.Accept,
        InInterfaceList = Negatable<string>.Is(OutsideList),
    };

    private static void AddBlacklistRules(List<FilterRule> rules, Blacklist blacklist, string? spared)
    {
        if (blacklist.Trap is { } trap)
        {
            rules.Add(Outside() with
            {
                Action = FilterAction.AddSrcToAddressList,
                Disabled = !blacklist.Enabled,
                AddressList = blacklist.List,
                AddressListTimeout = AddressListTimeout.Timed(trap.For),
                Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
                DstPort = Negatable<EquatableArray<PortRange>>.Is(trap.Ports),
                Comment = "sesame blacklist: trap ports (no trusted user knocks them)" + EnableHint(blacklist),
                Location = blacklist.Location,
            });
        }

        if (blacklist.Scan is { } scan)
        {
            rules.Add(Outside() with
            {
                Action = FilterAction.AddSrcToAddressList,
                Disabled = !blacklist.Enabled,
                AddressList = blacklist.List,
                AddressListTimeout = AddressListTimeout.Timed(scan.For),
                Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
                DstPort = Negatable<EquatableArray<PortRange>>.Is(scan.Ports),
                SrcAddressList = spared is null ? null : Negatable<string>.Not(spared),
                Comment = "sesame blacklist: scanned ports slow a scan down" + EnableHint(blacklist),
                Location = blacklist.Location,
            });
        }
    }

    private static string EnableHint(Blacklist blacklist) => blacklist.Enabled ? "" : "; enable after a successful knock";

    /// <summary>A Layer7 pattern that matches exactly the passphrase: POSIX ERE metacharacters escaped.</summary>
    internal static string PassphrasePattern(string passphrase)
    {
        var sb = new StringBuilder("^");
        foreach (char c in passphrase)
        {
            if (@"\^$.|?*+()[]{}".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append('$').ToString();
    }
}
