using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>
/// A start or stop command read exactly: which tool, whether it adds the accept rule or removes it again, and the ports
/// it accepts from <c>%IP%</c> (empty: all input from the address).
/// </summary>
internal sealed record OpenRule(string Tool, bool Removes, EquatableArray<OpenPort> Ports)
{
    /// <summary>
    /// The family the rule admits: ufw takes IPv4 and IPv6 sources alike; iptables, an nft <c>ip saddr</c> match and a
    /// firewalld rich rule with <c>family=ipv4</c> refuse an IPv6 %IP%, so knockd never let an IPv6 knocker in through them.
    /// </summary>
    public DoorFamily Family => Tool == "ufw" ? DoorFamily.Both : DoorFamily.Ipv4;

    /// <summary>
    /// True when <paramref name="stop"/> removes the rule this one added. Only ports are compared, in order (iptables -D
    /// needs the same list); a stop that misses the rule leaves knockd's door open for good, so closing after
    /// cmd_timeout is never wider than knockd either way.
    /// </summary>
    public bool IsUndoneBy(OpenRule stop) => !Removes && stop.Removes && stop.Tool == Tool && Ports.Equals(stop.Ports);
}
