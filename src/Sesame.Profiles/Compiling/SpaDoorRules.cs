using Sesame.Model;
using Sesame.Net;
using Sesame.Spa;

namespace Sesame.Profiles;

/// <summary>
/// The rules and the <see cref="SpaDoor"/> of an SPA door: a drop of the SPA port that hands its packets to the
/// daemon's verifier (<see cref="FilterRule.SpaDoor"/>; the port never answers), and per opened port an address list
/// the daemon fills on a grant, with an ordinary accept rule. Without <c>sesame serve</c> (simulate, RouterOS and nft
/// exports) nothing fills those lists: the port stays shut.
/// </summary>
internal static class SpaDoorRules
{
    public static void Add(List<FilterRule> rules, Door door)
    {
        DoorSpa spa = door.Spa!;
        rules.Add(Interface(ProfileCompiler.Outside() with
        {
            Action = FilterAction.Drop,
            Protocol = Negatable<byte>.Is(IpProtocols.Udp),
            DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(spa.Port, spa.Port)]),
            SpaDoor = door.Name,
            Comment = $"sesame door {door.Name}: SPA packets, checked by sesame serve and dropped (the port never answers)",
            Location = spa.Location,
        }, door));
        foreach (OpenPort port in door.Open)
        {
            rules.Add(Interface(ProfileCompiler.Outside() with
            {
                Protocol = Negatable<byte>.Is(port.Protocol),
                DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(port.Port, port.Port)]),
                SrcAddressList = Negatable<string>.Is(door.SpaList(port)),
                Comment = $"sesame door {door.Name}: open {IpProtocols.ToName(port.Protocol)}/{port.Port} to SPA-granted sources",
                Location = door.Location,
            }, door));
        }
    }

    /// <summary>The door for the daemon: its users with their keys, and the list of each port.</summary>
    public static SpaDoor Door(Door door)
    {
        DoorSpa spa = door.Spa!;
        return new SpaDoor(door.Name)
        {
            Port = spa.Port,
            Window = spa.Window,
            OpenFor = door.OpenFor,
            MaxOpenFor = spa.MaxOpenFor,
            AllowAddress = spa.AllowAddress,
            RequireAddress = spa.RequireAddress,
            Users = [.. spa.Users.Select(u => User(door, u))],
            PortLists = [.. door.Open.Select(p => new SpaPortList(ToSpaPort(p), door.SpaList(p)))],
            Location = door.Location,
        };
    }

    private static SpaUser User(Door door, DoorSpaUser user) =>
        new(user.Name, user.Keys ?? throw new InvalidOperationException($"SPA user '{user.Name}' of door '{door.Name}' has no keys; a profile with errors is not compiled"))
        {
            Sources = user.Sources,
            Ports = [.. (user.Open.Count > 0 ? user.Open : door.Open).Select(ToSpaPort)],
            OpenFor = user.OpenFor,
            MaxOpenFor = user.MaxOpenFor,
            Location = user.Location,
        };

    private static SpaPort ToSpaPort(OpenPort port) => new(port.Protocol, port.Port);

    private static FilterRule Interface(FilterRule rule, Door door) =>
        door.Interface is { } name ? rule with { InInterface = Negatable<string>.Is(name) } : rule;
}
