namespace Sesame.Model;

/// <summary>IP protocol names RouterOS accepts for <c>protocol=</c>, with their numbers.</summary>
public static class IpProtocols
{
    public const byte Icmp = 1;
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte IcmpV6 = 58;

    private static readonly (string Name, byte Number)[] Names =
    [
        ("icmp", 1), ("igmp", 2), ("ggp", 3), ("ip-encap", 4), ("st", 5), ("tcp", 6), ("egp", 8), ("pup", 12),
        ("udp", 17), ("hmp", 20), ("xns-idp", 22), ("rdp", 27), ("iso-tp4", 29), ("dccp", 33), ("xtp", 36),
        ("ddp", 37), ("idpr-cmtp", 38), ("ipv6-encap", 41), ("ipv6-route", 43), ("ipv6-frag", 44), ("idrp", 45),
        ("rsvp", 46), ("gre", 47), ("ipsec-esp", 50), ("ipsec-ah", 51), ("icmpv6", 58), ("ipv6-nonxt", 59),
        ("ipv6-opts", 60), ("rspf", 73), ("vmtp", 81), ("ospf", 89), ("ipip", 94), ("encap", 98), ("pim", 103),
        ("vrrp", 112), ("l2tp", 115), ("sctp", 132), ("udp-lite", 136),
    ];

    public static bool TryParse(string text, out byte number)
    {
        foreach ((string name, byte n) in Names)
        {
            if (name == text)
            {
                number = n;
                return true;
            }
        }

        return byte.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number);
    }

    /// <summary>The RouterOS name of a protocol number, or the number itself.</summary>
    public static string ToName(byte number)
    {
        foreach ((string name, byte n) in Names)
        {
            if (n == number)
            {
                return name;
            }
        }

        return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static bool HasPorts(byte number) => number is Tcp or Udp or 33 or 132 or 136;
}
