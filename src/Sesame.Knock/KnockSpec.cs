using System.Globalization;
using System.Net.Sockets;

namespace Sesame.Knock;

/// <summary>
/// Parses the <c>KNOCK</c> arguments: <c>PORT[:tcp|udp|icmp][:PAYLOAD]</c>, so knockd's and knock.exe's
/// <c>1234:tcp 4321:udp</c> are valid as they are. ICMP has no port: <c>0:icmp</c> (or just <c>icmp</c>), with
/// <c>0:icmp:PAYLOAD</c> for an echo carrying data, or <c>0:icmp:size=N</c> for an echo whose whole IP packet is N bytes
/// long, which is what a RouterOS <c>protocol=icmp packet-size=N</c> knock matches (ROUTEROS.md §7.5).
/// A payload that must start with "size=" is written <c>\x73ize=</c>.
/// </summary>
public static class KnockSpec
{
    /// <summary>The largest UDP or ICMP payload an IPv4 datagram can carry (65535 − 20 − 8).</summary>
    public const int MaxPayload = 65507;

    private const string SizePrefix = "size=";

    public static bool TryParse(string text, KnockProtocol defaultProtocol, out KnockStep step, out string error)
    {
        step = new KnockStep(defaultProtocol, 0, ReadOnlyMemory<byte>.Empty);
        error = "";
        string[] parts = text.Split(':', 3);
        string portText = parts[0];
        KnockProtocol protocol = defaultProtocol;
        if (parts.Length == 1 && string.Equals(portText, "icmp", StringComparison.OrdinalIgnoreCase))
        {
            portText = "0";
            protocol = KnockProtocol.Icmp;
        }
        else if (parts.Length >= 2 && string.Equals(parts[0], "icmp", StringComparison.OrdinalIgnoreCase))
        {
            // "icmp:PAYLOAD" and "icmp:size=N": the port-less spelling of "0:icmp:…".
            portText = "0";
            protocol = KnockProtocol.Icmp;
            parts = ["0", "icmp", text[5..]];
        }
        else if (parts.Length >= 2)
        {
            switch (parts[1].ToLowerInvariant())
            {
                case "tcp": protocol = KnockProtocol.Tcp; break;
                case "udp": protocol = KnockProtocol.Udp; break;
                case "icmp": protocol = KnockProtocol.Icmp; break;
                default:
                    error = $"unknown protocol '{parts[1]}' (the protocols are tcp, udp and icmp)";
                    return false;
            }
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            error = portText.Length == 0 ? "the port is missing" : $"'{portText}' is not a port (1..65535)";
            return false;
        }

        if (protocol == KnockProtocol.Icmp && port != 0)
        {
            error = $"ICMP has no port: write 0:icmp, not {port}:icmp";
            return false;
        }

        if (protocol != KnockProtocol.Icmp && port == 0)
        {
            error = "port 0 cannot be knocked on (1..65535)";
            return false;
        }

        string payloadText = parts.Length == 3 ? parts[2] : "";
        if (protocol == KnockProtocol.Icmp && payloadText.StartsWith(SizePrefix, StringComparison.OrdinalIgnoreCase))
        {
            string sizeText = payloadText[SizePrefix.Length..];
            if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size is < 28 or > 65535)
            {
                error = $"ICMP packet size '{sizeText}' is not an IP packet length (28..65535 for IPv4, 48..65535 for IPv6)";
                return false;
            }

            step = new KnockStep(protocol, 0, ReadOnlyMemory<byte>.Empty, size);
            return true;
        }

        if (!PayloadText.TryDecode(payloadText, out byte[] payload, out string? payloadError))
        {
            error = payloadError!;
            return false;
        }

        if (protocol == KnockProtocol.Tcp && payload.Length > 0)
        {
            error = "a TCP knock carries no payload (it is a bare SYN); use udp for a passphrase";
            return false;
        }

        if (payload.Length > MaxPayload)
        {
            error = $"the payload is {payload.Length} bytes; at most {MaxPayload} fit in one packet";
            return false;
        }

        step = new KnockStep(protocol, port, payload);
        return true;
    }

    /// <summary>Checks what depends on the address family: an ICMP size must hold the IPv6 header (48 bytes) for IPv6 targets.</summary>
    public static bool TryCheckFor(KnockStep step, AddressFamily family, out string error)
    {
        error = "";
        if (step.PacketSize is int size && size < IcmpEcho.HeaderLength(family))
        {
            error = $"ICMP packet size {size} is smaller than the {IcmpEcho.HeaderLength(family)} bytes of an {(family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4")} echo request's headers";
            return false;
        }

        return true;
    }
}
