using System.Globalization;
using System.Text.RegularExpressions;
using Sesame.Diagnostics;
using Sesame.Model;

namespace Sesame.Profiles;

public static partial class FwknopImporter
{
    /// <summary>fwknopd's range check on MAX_SPA_PACKET_AGE (RCHK_MAX_SPA_PACKET_AGE).</summary>
    private const int MaxPacketAgeSeconds = 100000;

    /// <summary>
    /// fwknopd.conf: where the packets come (PCAP_FILTER's <c>udp port N</c>, or UDPSERV_PORT / NFQ_PORT when that
    /// capture mode is on), the interface (PCAP_INTF), and the packet age (MAX_SPA_PACKET_AGE). Every other setting is
    /// named in a warning.
    /// </summary>
    private static (DoorProfile Profile, DoorSpa Spa) Daemon(List<FwknopEntry> entries, DoorProfile profile, DoorSpa spa, DiagnosticBag bag)
    {
        var settings = new Dictionary<string, FwknopEntry>(StringComparer.Ordinal);
        foreach (FwknopEntry entry in entries)
        {
            settings[entry.Key] = entry;
        }

        bool udpServer = settings.TryGetValue("ENABLE_UDP_SERVER", out FwknopEntry? udp) && IsYes(udp.Value);
        bool nfq = settings.TryGetValue("ENABLE_NFQ_CAPTURE", out FwknopEntry? nfqEntry) && IsYes(nfqEntry.Value);
        foreach (FwknopEntry entry in settings.Values.OrderBy(e => e.Location.Line))
        {
            switch (entry.Key)
            {
                case "PCAP_FILTER" when !udpServer && !nfq:
                    Match match = Regex.Match(entry.Value, @"^\s*udp\s+(?:dst\s+)?port\s+(\d{1,5})\s*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    if (match.Success && ushort.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) && port > 0)
                    {
                        spa = spa with { Port = port };
                    }
                    else
                    {
                        bag.Warning(entry.ValueLocation, ProfileCodes.FwknopNotCarried,
                            $"PCAP_FILTER '{entry.Value}' is not read: Sesame's SPA door takes one UDP port ('udp port N'); the door uses port {spa.Port} — change 'spa: port:' if the clients send elsewhere");
                    }

                    break;
                case "UDPSERV_PORT" when udpServer:
                case "NFQ_PORT" when nfq:
                    if (Port(entry, bag) is { } serverPort)
                    {
                        spa = spa with { Port = serverPort };
                    }

                    break;
                case "PCAP_FILTER" or "UDPSERV_PORT" or "NFQ_PORT":
                    bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, $"{entry.Key} is not read: fwknopd does not use it in the capture mode this file sets");
                    break;
                case "ENABLE_UDP_SERVER" or "ENABLE_NFQ_CAPTURE":
                    break;
                case "PCAP_INTF" or "NFQ_INTERFACE":
                    if (IsInterfaceName(entry.Value))
                    {
                        profile = profile with { Outside = [entry.Value], Inside = profile.Inside.Contains(entry.Value) ? [] : profile.Inside };
                    }
                    else
                    {
                        bag.Error(entry.ValueLocation, ProfileCodes.FwknopBadValue, $"{entry.Key}: '{entry.Value}' is not a network interface name (1 to 15 characters, no blanks, '/' or ':')");
                    }

                    break;
                case "MAX_SPA_PACKET_AGE":
                    if (Seconds(entry, MaxPacketAgeSeconds, bag) is { } age)
                    {
                        spa = spa with { Window = age };
                    }

                    break;
                case "ENABLE_SPA_PACKET_AGING" when !IsYes(entry.Value):
                    bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried,
                        $"ENABLE_SPA_PACKET_AGING {entry.Value}: Sesame always refuses a packet older than the window ({RouterOsTime.Format(spa.Window)}); clients need a clock within it");
                    break;
                case "ENABLE_SPA_PACKET_AGING":
                    break;
                case "ENABLE_DIGEST_PERSISTENCE" when !IsYes(entry.Value):
                    bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, $"ENABLE_DIGEST_PERSISTENCE {entry.Value}: Sesame always keeps its replay cache across restarts");
                    break;
                case "ENABLE_DIGEST_PERSISTENCE":
                    break;
                default:
                    bag.Warning(entry.Location, ProfileCodes.FwknopNotCarried, $"{entry.Key} is not carried over (Sesame has no equivalent, or sets it itself)");
                    break;
            }
        }

        return (profile, spa);
    }

    private static ushort? Port(FwknopEntry entry, DiagnosticBag bag)
    {
        if (ushort.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port) && port > 0)
        {
            return port;
        }

        bag.Error(entry.ValueLocation, ProfileCodes.FwknopBadValue, $"{entry.Key}: '{entry.Value}' is not a port from 1 to 65535");
        return null;
    }

    /// <summary>Linux's rule for interface names (dev_valid_name): 1 to 15 bytes, not '.' or '..', no '/', ':' or blank.</summary>
    private static bool IsInterfaceName(string name) =>
        name.Length is > 0 and < 16 && name is not ("." or "..") && name.All(c => c > ' ' && c < '\x7f' && c is not ('/' or ':'));
}
