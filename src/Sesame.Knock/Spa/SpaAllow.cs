using System.Net;

namespace Sesame.Knock.Spa;

/// <summary>The address part of an access request: <see cref="SpaAllowKind"/> and, for <see cref="SpaAllowKind.Address"/>, the address.</summary>
public readonly record struct SpaAllow(SpaAllowKind Kind, IPAddress? Address = null)
{
    /// <summary>What the packet carries for <see cref="SpaAllowKind.Source"/> (fwknop's <c>-s</c>), also towards an IPv6 server.</summary>
    public const string SourceText = "0.0.0.0";

    public static SpaAllow Source => new(SpaAllowKind.Source);

    /// <summary>
    /// fwknoprc's <c>ALLOW_IP</c> value or <c>-a</c>'s: <c>source</c>, <c>resolve</c> or an IPv4/IPv6 address (no
    /// names: the packet must carry an address).
    /// </summary>
    public static bool TryParse(string text, out SpaAllow allow, out string error)
    {
        error = "";
        allow = default;
        if (text.Equals("source", StringComparison.OrdinalIgnoreCase))
        {
            allow = Source;
            return true;
        }

        if (text.Equals("resolve", StringComparison.OrdinalIgnoreCase))
        {
            allow = new SpaAllow(SpaAllowKind.Resolve);
            return true;
        }

        if (!HostResolver.TryParseLiteral(text, out IPAddress? address) || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && address.ScopeId != 0) || text.StartsWith('['))
        {
            error = $"'{SpaAccess.Printable(text)}' is not an IPv4 or IPv6 address (nor 'source' or 'resolve')";
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        allow = address.Equals(IPAddress.Any) ? Source : new SpaAllow(SpaAllowKind.Address, address);
        return true;
    }
}
