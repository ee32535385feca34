using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Tests.Kernel;

namespace Sesame.Tests.Property;

/// <summary>
/// The kernel side of the property run, set up once: a <see cref="NetNs"/> pair with three client sources per family,
/// a thread in the server namespace holding one libnftables context, and raw sockets in the client namespace (one per
/// source and protocol), so a packet costs one <c>sendto</c>. A small table of the lab's own, ahead of Sesame's, drops
/// what the namespaces send by themselves (IPv6 MLD and router solicitations from link-local addresses), which would
/// otherwise reach the generated rules and their counters.
/// </summary>
internal sealed class KnockLab : IDisposable
{
    private readonly NetNs _ns;
    private readonly NamespaceThread _server;
    private readonly Dictionary<(bool Ipv6, int Source, KnockProtocol Protocol), Socket> _sockets = [];
    private NftContext? _nft;
    private int _sourcePort;

    public KnockLab()
    {
        _ns = new NetNs();
        try
        {
            string x = _ns.Subnet.ToString(CultureInfo.InvariantCulture);
            string mac = $"02:5e:5b:00:{_ns.Subnet.ToString("x2", CultureInfo.InvariantCulture)}:01";
            var v4 = new List<IPAddress> { _ns.ClientV4 };
            var v6 = new List<IPAddress> { _ns.ClientV6 };
            Ip("-n", _ns.Server, "route", "add", $"10.202.{x}.0/24", "dev", "ether1");
            for (int i = 1; i <= 2; i++)
            {
                var a4 = IPAddress.Parse($"10.202.{x}.{i}");
                var a6 = IPAddress.Parse($"fd00:5e5b:{x}::1{i}");
                Ip("-n", _ns.Client, "addr", "add", $"{a4}/32", "dev", "v0");
                Ip("-n", _ns.Client, "addr", "add", $"{a6}/128", "dev", "v0", "nodad");
                Ip("-n", _ns.Server, "neigh", "replace", a4.ToString(), "lladdr", mac, "dev", "ether1", "nud", "permanent");
                Ip("-n", _ns.Server, "neigh", "replace", a6.ToString(), "lladdr", mac, "dev", "ether1", "nud", "permanent");
                v4.Add(a4);
                v6.Add(a6);
            }

            V4 = new KnockAddresses(_ns.ServerV4, [.. v4], $"10.202.{x}.0/24");
            V6 = new KnockAddresses(_ns.ServerV6, [.. v6], $"fd00:5e5b:{x}::10/124");
            _server = new NamespaceThread(_ns.Server);
            _server.Invoke(() =>
            {
                _nft = new NftContext();
                _nft.Run(
                    "add table inet property_noise\n" +
                    "add chain inet property_noise input { type filter hook input priority -10; policy accept; }\n" +
                    $"add rule inet property_noise input meta nfproto ipv6 ip6 saddr != fd00:5e5b:{x}::/64 drop\n" +
                    $"add rule inet property_noise input meta nfproto ipv4 ip saddr != {{ {_ns.ClientV4}, 10.202.{x}.0/24 }} drop\n");
                return 0;
            });
            _ns.InClient(() =>
            {
                foreach (bool ipv6 in (ReadOnlySpan<bool>)[false, true])
                {
                    KnockAddresses a = ipv6 ? V6 : V4;
                    for (int s = 0; s < a.Sources.Length; s++)
                    {
                        foreach (KnockProtocol p in (ReadOnlySpan<KnockProtocol>)[KnockProtocol.Tcp, KnockProtocol.Udp, KnockProtocol.Icmp])
                        {
                            ProtocolType type = p switch
                            {
                                KnockProtocol.Tcp => ProtocolType.Tcp,
                                KnockProtocol.Udp => ProtocolType.Udp,
                                _ => ipv6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp,
                            };
                            var socket = new Socket(ipv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork, SocketType.Raw, type)
                            {
                                ReceiveBufferSize = 4096, // it receives copies of replies nobody reads
                            };
                            socket.Bind(new IPEndPoint(a.Sources[s], 0));
                            _sockets[(ipv6, s, p)] = socket;
                        }
                    }
                }

                return 0;
            });
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public KnockAddresses V4 { get; } = null!;

    public KnockAddresses V6 { get; } = null!;

    /// <summary>Replaces <c>table inet sesame</c>: deleted with whatever its sets learnt, then the compiled config applied.</summary>
    public void Apply(FirewallConfig config) => _server.Invoke(() =>
    {
        _nft!.Run("add table inet sesame\ndelete table inet sesame\n");
        _nft.Apply(NftCompiler.Compile(config));
        return 0;
    });

    /// <summary>
    /// The rules' counters. <c>list counters table inet sesame</c> takes 0.5 ms here where <see cref="NftContext.ListCounters"/>
    /// (a terse listing of the whole ruleset, which stays fast with flooded sets) takes 8 ms, and it is read after every packet.
    /// </summary>
    public IReadOnlyList<NftRuleCounter> Counters() => _server.Invoke(() => NftJsonReader.ReadCounters(_nft!.RunJson("list counters table inet sesame")));

    public IReadOnlyList<NftAddressListElement> Lists() => _server.Invoke(() => _nft!.ListAddressLists());

    /// <summary>
    /// A source port (and echo id) used once in a long while: each step is a new connection attempt, as <c>simulate</c>
    /// assumes, and the namespace's conntrack, which outlives the table, has forgotten the port's last use (ICMP after
    /// 30 s) before it comes round again, 40,000 packets later.
    /// </summary>
    public int NextSourcePort() => 20000 + (_sourcePort++ % 40000);

    /// <summary>Sends one step from its source; TCP and UDP from <paramref name="sourcePort"/>, echoes with it as the id.</summary>
    public void Send(KnockStep step, bool ipv6, int sourcePort)
    {
        KnockAddresses a = ipv6 ? V6 : V4;
        IPAddress src = a.Sources[step.Source];
        byte[] payload = Encoding.ASCII.GetBytes(KnockScript.Payload(step.PayloadLength));
        byte[] packet = step.Protocol switch
        {
            KnockProtocol.Tcp => RawPackets.Tcp(src, a.Server, sourcePort, step.Port, step.Flags, (uint)sourcePort * 2654435761u),
            KnockProtocol.Udp => RawPackets.Udp(src, a.Server, sourcePort, step.Port, payload),
            _ => RawPackets.Echo(src, a.Server, (ushort)sourcePort, 1, payload),
        };
        int sent = _sockets[(ipv6, step.Source, step.Protocol)].SendTo(packet, new IPEndPoint(a.Server, 0));
        if (sent != packet.Length)
        {
            throw new InvalidOperationException($"sent {sent} of {packet.Length} bytes");
        }
    }

    public void Dispose()
    {
        foreach (Socket socket in _sockets.Values)
        {
            socket.Dispose();
        }

        if (_server is not null)
        {
            _server.Invoke(() =>
            {
                _nft?.Dispose();
                return 0;
            });
            _server.Dispose();
        }

        _ns.Dispose();
    }

    private static void Ip(params string[] args)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
            throw new TimeoutException($"ip {string.Join(' ', args)} did not finish");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {string.Join(' ', args)}: {process.StandardError.ReadToEnd().Trim()}");
        }
    }
}
