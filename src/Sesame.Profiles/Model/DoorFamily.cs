namespace Sesame.Profiles;

/// <summary>
/// Which address family a door admits by (profile key <c>family:</c>). Whatever it says, the other family's input stays
/// shut: a door that admits IPv4 only has no IPv6 knock rules, so the IPv6 filter's drop keeps its ports closed.
/// </summary>
public enum DoorFamily
{
    /// <summary>IPv4 and IPv6 alike, each family's knocks admitting that family's source (the default).</summary>
    Both,

    /// <summary>Only IPv4 knocks open it (an import of an iptables command, which never admitted an IPv6 source).</summary>
    Ipv4,

    /// <summary>Only IPv6 knocks open it.</summary>
    Ipv6,
}
