using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sesame.Cli.Metrics;

/// <summary>
/// <c>--metrics</c>'s value: <c>A.B.C.D:PORT</c> or <c>[IPV6]:PORT</c>, addresses only (no name lookups: a daemon that
/// listens where DNS says is not what an admin audits), the port 1–65535.
/// </summary>
internal static class MetricsAddress
{
    public const string Usage = "ADDRESS:PORT, an IPv4 address or an IPv6 address in brackets (127.0.0.1:9464, [::1]:9464)";

    public static bool TryParse(string text, out IPEndPoint? endPoint)
    {
        ArgumentNullException.ThrowIfNull(text);
        endPoint = null;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !TryParsePort(text.AsSpan(colon + 1), out int port))
        {
            return false;
        }

        string host = text[..colon];
        IPAddress? address;
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (!IPAddress.TryParse(host.AsSpan(1, host.Length - 2), out address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }
        }
        else if (!IsDottedQuad(host) || !IPAddress.TryParse(host, out address))
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }

    private static bool TryParsePort(ReadOnlySpan<char> text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && text.Length <= 5 && port is >= 1 and <= 65535;

    /// <summary>Four decimal parts of 0–255 (IPAddress.TryParse also takes "1", "0x7f.1" and "127.1").</summary>
    private static bool IsDottedQuad(string host)
    {
        string[] parts = host.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit)
            && int.Parse(p, CultureInfo.InvariantCulture) <= 255);
    }
}
