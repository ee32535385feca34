using System.Text;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Time;

namespace Sesame.Tests.Engine;

/// <summary>A firewall on a manual clock with WAN = ether1 and LAN = bridge, and shorthand for sending packets.</summary>
internal sealed class FirewallHarness
{
    public const string RouterAddress = "192.0.2.1";

    public FirewallHarness(FirewallConfig config)
    {
        Firewall = new Firewall(config, Time) { Observer = Observer };
    }

    public FirewallHarness(params FilterRule[] rules)
        : this(WithInterfaces(new FirewallConfig { Ipv4Filter = [.. rules] }))
    {
    }

    public ManualTimeProvider Time { get; } = new();

    public RecordingObserver Observer { get; } = new();

    public Firewall Firewall { get; }

    public static FirewallConfig WithInterfaces(FirewallConfig config) => config with
    {
        InterfaceLists = [new InterfaceList("WAN"), new InterfaceList("LAN")],
        InterfaceListMembers = [new InterfaceListMember("WAN", "ether1"), new InterfaceListMember("LAN", "bridge")],
    };

    public static FilterRule Rule(FilterAction action, string chain = "input") => new() { Chain = chain, Action = action };

    public static IpRange Range(string text) => IpRange.TryParse(text, out IpRange? r) ? r.Value : throw new ArgumentException(text);

    public static UInt128 Address(string text) => Range(text).First;

    public void Advance(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    public PacketResult Tcp(string src, ushort dstPort, TcpFlags flags = TcpFlags.Syn, ushort srcPort = 40000, string iface = "ether1", string dst = RouterAddress, Hook hook = Hook.Input, int length = 60) =>
        Send(src, IpProtocols.Tcp, dstPort, flags, srcPort, null, iface, dst, hook, length);

    public PacketResult Udp(string src, ushort dstPort, string? payload, ushort srcPort = 40000, string iface = "ether1", string dst = RouterAddress, Hook hook = Hook.Input) =>
        Send(src, IpProtocols.Udp, dstPort, TcpFlags.None, srcPort, payload, iface, dst, hook, 28 + (payload?.Length ?? 0));

    public PacketResult Send(string src, byte protocol, ushort dstPort, TcpFlags flags, ushort srcPort, string? payload, string iface, string dst, Hook hook, int length)
    {
        IpRange s = Range(src);
        int ifId = Firewall.ResolveInterface(iface);
        var packet = new Packet
        {
            Hook = hook,
            Family = s.Family,
            Src = s.First,
            Dst = Address(dst),
            Protocol = protocol,
            SrcPort = srcPort,
            DstPort = dstPort,
            TcpFlags = flags,
            Length = length,
            Payload = payload is null ? ReadOnlyMemory<byte>.Empty : Encoding.Latin1.GetBytes(payload),
            InInterface = hook == Hook.Output ? -1 : ifId,
            OutInterface = hook == Hook.Input ? -1 : ifId,
        };
        return Firewall.Process(packet);
    }

    public bool InList(string list, string address, IpFamily family = IpFamily.V4)
    {
        IpRange a = Range(address);
        foreach (AddressListEntryState e in Firewall.GetAddressLists(family))
        {
            if (e.List == list && e.Address == a)
            {
                return true;
            }
        }

        return false;
    }

    public AddressListEntryState Entry(string list, string address, IpFamily family = IpFamily.V4)
    {
        IpRange a = Range(address);
        return Firewall.GetAddressLists(family).Single(e => e.List == list && e.Address == a);
    }
}
