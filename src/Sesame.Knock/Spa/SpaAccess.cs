using System.Collections.Immutable;
using System.Globalization;
using Sesame.Model;
using Sesame.Spa;

namespace Sesame.Knock.Spa;

/// <summary>The access an SPA packet asks for, in fwknop's <c>-A</c> spelling: <c>tcp/22</c>, <c>tcp/22,udp/53</c>.</summary>
public static class SpaAccess
{
    /// <summary>At most this many ports in one request: a longer list would push the packet past one datagram's worth.</summary>
    public const int MaxPorts = 32;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> names the bad part.</summary>
    public static bool TryParse(string text, out ImmutableArray<SpaPort> ports, out string error)
    {
        ports = [];
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "no port given (PROTO/PORT[,PROTO/PORT…], e.g. tcp/22)";
            return false;
        }

        string[] items = text.Split(',');
        if (items.Length > MaxPorts)
        {
            error = $"{items.Length} ports; at most {MaxPorts} in one request";
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<SpaPort>(items.Length);
        foreach (string raw in items)
        {
            string item = raw.Trim();
            int slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                error = $"'{Printable(item)}' is not PROTO/PORT (tcp/22, udp/53)";
                return false;
            }

            string protocol = item[..slash].ToLowerInvariant();
            string portText = item[(slash + 1)..];
            byte number = protocol switch { "tcp" => IpProtocols.Tcp, "udp" => IpProtocols.Udp, _ => 0 };
            if (number == 0)
            {
                error = $"'{Printable(item)}': the protocol is tcp or udp";
                return false;
            }

            if (!ushort.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) || port == 0)
            {
                error = $"'{Printable(item)}': '{Printable(portText)}' is not a port (1..65535)";
                return false;
            }

            var spaPort = new SpaPort(number, port);
            if (!builder.Contains(spaPort))
            {
                builder.Add(spaPort);
            }
        }

        ports = builder.ToImmutable();
        return true;
    }

    /// <summary>The list as fwknop writes it in the packet: <c>tcp/22,udp/53</c>.</summary>
    public static string Format(IEnumerable<SpaPort> ports) => string.Join(',', ports);

    /// <summary>A value quoted back in a message: control characters as <c>\xNN</c>, cut at 64 characters.</summary>
    internal static string Printable(string text)
    {
        string cut = text.Length > 64 ? text[..64] + "…" : text;
        var builder = new System.Text.StringBuilder(cut.Length);
        foreach (char c in cut)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
