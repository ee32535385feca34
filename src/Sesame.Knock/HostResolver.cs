using System.Net;
using System.Net.Sockets;

namespace Sesame.Knock;

/// <summary>Resolves the knock target once, so every knock of a sequence goes to the same address.</summary>
public static class HostResolver
{
    /// <summary>
    /// An address literal is used as is (no DNS); a name is looked up and the first address of the wanted family is
    /// taken (any family when <paramref name="family"/> is <see cref="AddressFamily.Unspecified"/>).
    /// Throws <see cref="KnockException"/> when the name does not resolve to such an address.
    /// </summary>
    public static IPAddress Resolve(string host, AddressFamily family)
    {
        if (TryParseLiteral(host, out IPAddress? literal))
        {
            return literal;
        }

        IPAddress[] addresses;
        try
        {
            addresses = Dns.GetHostAddresses(host, family);
        }
        catch (SocketException ex)
        {
            throw new KnockException($"cannot resolve '{host}': {ex.Message}", ex);
        }

        foreach (IPAddress address in addresses)
        {
            if (family == AddressFamily.Unspecified || address.AddressFamily == family)
            {
                return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            }
        }

        throw new KnockException($"'{host}' has no {FamilyName(family)} address");
    }

    /// <summary>An IPv4 or IPv6 literal, IPv6 also in brackets (<c>[fd00::1]</c>) and with a zone (<c>fe80::1%eth0</c>).</summary>
    public static bool TryParseLiteral(string host, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        string text = host.Length > 2 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        address = null;
        if (text.Length == 0 || !(char.IsAsciiHexDigit(text[0]) || text[0] == ':'))
        {
            return false;
        }

        // IPAddress.TryParse also takes "1" or "0x7f.1" as IPv4; a knock target literal must look like one.
        if (!IPAddress.TryParse(text, out IPAddress? parsed)
            || (parsed.AddressFamily == AddressFamily.InterNetwork && text.Count(c => c == '.') != 3))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    public static string FamilyName(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => "IPv4",
        AddressFamily.InterNetworkV6 => "IPv6",
        _ => "IP",
    };
}
