using System.Globalization;
using Sesame.Model;

namespace Sesame.Profiles;

/// <summary>Port lists as the firewall tools write them: <c>22</c>, <c>22,80</c>, ranges with the tool's separator; named services are not read.</summary>
internal static class PortList
{
    /// <summary>A door lists single ports; a range is written out port by port up to this many in all, and beyond it the command becomes a hook.</summary>
    public const int MaxPorts = 64;

    /// <summary>Adds the ports of <paramref name="list"/> (items split by <paramref name="separator"/>, ranges by <paramref name="range"/>) or returns why not.</summary>
    public static string? Add(string list, char separator, char range, byte protocol, List<OpenPort> ports)
    {
        string[] items = list.Split(separator);
        foreach (string item in items)
        {
            int dash = item.IndexOf(range, StringComparison.Ordinal);
            string first = dash < 0 ? item : item[..dash];
            string last = dash < 0 ? item : item[(dash + 1)..];
            if (!TryPort(first, out ushort low) || !TryPort(last, out ushort high) || high < low)
            {
                return $"'{item}' is not a port or a range of ports (named services are not read)";
            }

            for (int port = low; port <= high; port++)
            {
                var open = new OpenPort((ushort)port, protocol);
                if (!ports.Contains(open))
                {
                    ports.Add(open);
                }

                if (ports.Count > MaxPorts)
                {
                    return $"it opens more than {MaxPorts} ports, and a door lists single ports";
                }
            }
        }

        return null;
    }

    private static bool TryPort(string text, out ushort port) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port != 0 && text.Length <= 5;

    public static bool IsNumber(string text) => text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit);

    public static byte? Protocol(string name) => name switch
    {
        "tcp" => IpProtocols.Tcp,
        "udp" => IpProtocols.Udp,
        _ => null,
    };
}
