using System.Text;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Profiles;

/// <summary>
/// Compiles a door profile to the rule model, in the layout the seeds teach: established connections first, the
/// blacklist drop at the very top of the knock rules, each door's knock steps (step N needs the list of step N-1) and
/// its accept rule, the blacklist's trap and scan rules, and last the drop of other outside input that the seeds
/// assume the router has. Rules carry comments naming their door.
/// </summary>
public static class ProfileCompiler
{
    public const string OutsideList = "WAN";
    public const string InsideList = "LAN";

    /// <summary>The list every door's last knock fills when there are several doors, so one scan rule can spare them all.</summary>
    public const string KnockedList = "knocked";

    public static FirewallConfig Compile(DoorProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var rules = new List<FilterRule>();
        var layer7 = new List<Layer7Protocol>();
        if (profile.AcceptEstablished)
        {
            rules.Add(new FilterRule
            {
                Chain = "input",
                Action = FilterAction.Accept,
                ConnectionState = Negatable<ConnectionStates>.Is(ConnectionStates.Established | ConnectionStates.Related | ConnectionStates.Untracked),
                Comment = "sesame: keep established sessions (they outlive the knock)",
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
            });
        }

        bool shareKnocked = profile.Doors.Count > 1 && blacklist?.Scan is not null;
        foreach (Door door in profile.Doors)
        {
            DoorRules.Add(rules, layer7, door, shareKnocked);
        }

        if (blacklist is not null)
        {
            AddBlacklistRules(rules, blacklist, profile.Doors.Count == 1 ? profile.Doors[0].GrantedList : KnockedList);
        }

        if (profile.DropOutsideInput)
        {
            rules.Add(Outside() with { Action = FilterAction.Drop, Comment = "sesame: drop other input from outside (the router's own drop; keep the rules above before it)" });
        }

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
            Ipv4Filter = [.. rules],
        };
    }

    internal static FilterRule Outside() => new()
    {
        Chain = "input",
        Action = FilterAction.Accept,
        InInterfaceList = Negatable<string>.Is(OutsideList),
    };

    private static void AddBlacklistRules(List<FilterRule> rules, Blacklist blacklist, string spared)
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
                SrcAddressList = Negatable<string>.Not(spared),
                Comment = "sesame blacklist: scanned ports slow a scan down" + EnableHint(blacklist),
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
