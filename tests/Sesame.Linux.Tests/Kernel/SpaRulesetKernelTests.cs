using System.Net;
using System.Net.Sockets;
using System.Text;
using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Net;
using Sesame.Spa;

namespace Sesame.Tests.Kernel;

/// <summary>
/// An SPA door's rules in the kernel, without the daemon: the verifier reads them back as compiled, and what reaches the
/// NFLOG group is each packet whole, only within fwknopd's length bounds and only at the per-source rate.
/// </summary>
public sealed class SpaRulesetKernelTests
{
    private const ushort Group = 5799;

    private static readonly NftCompilerOptions WithGroup = new() { NflogGroup = Group };

    [RootFact]
    public void Apply_SpaRulesetTwice_ReadsBackAsCompiled()
    {
        using var ns = new NetNs();
        NftCompilation compilation = NftCompiler.Compile(SpaConfigs.Ssh(SpaKeys.Generate()), WithGroup);

        IReadOnlyList<string> differences = ns.InServer(() =>
        {
            using var nft = new NftContext();
            nft.Apply(compilation);
            nft.Apply(compilation); // serve restarting: the rate sets exist (with the kernel's dynamic flag) and are kept
            nft.Verify(compilation.Ruleset, out IReadOnlyList<string> found);
            return found;
        });

        Assert.Empty(differences);
    }

    [RootFact]
    public void SpaRule_FloodFromOneSource_OnlyTheBurstReachesTheGroup_WholeAndWithinTheLengthBounds()
    {
        using var ns = new NetNs();
        Kernel.Apply(ns, SpaConfigs.Ssh(SpaKeys.Generate()), WithGroup);
        byte[] largest = Encoding.ASCII.GetBytes(new string('A', SpaPacket.MaxLength));

        (int count, int largestSeen, int shortSeen) = ns.InServer(() =>
        {
            using var nflog = new NflogSocket(Group, 4096) { ReceiveTimeout = TimeSpan.FromMilliseconds(300) };
            ns.InClient(() =>
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                var server = new IPEndPoint(ns.ServerV4, SpaDoor.DefaultPort);
                socket.SendTo(largest, server);
                socket.SendTo(new byte[SpaPacket.MinLength - 1], server);
                socket.SendTo(new byte[SpaPacket.MaxLength + 1], server);
                for (int i = 0; i < 500; i++)
                {
                    socket.SendTo(new byte[200], server);
                }

                return 0;
            });

            int packets = 0, largestLength = 0, shortOnes = 0;
            byte[] buffer = new byte[256 * 1024];
            for (int idle = 0, rounds = 0; idle < 2 && rounds < 1000; rounds++)
            {
                int received = nflog.Receive(buffer);
                idle = received == 0 ? idle + 1 : 0;
                var reader = new NflogMessageReader(buffer.AsSpan(0, received));
                while (reader.TryReadNext(out NflogPacket packet))
                {
                    if (!NftLogPrefix.TryParse(Encoding.ASCII.GetString(packet.Prefix), out NftLogKind kind, out _, out _) || kind != NftLogKind.Spa
                        || !IpPacketView.TryParse(packet.Payload, out IpPacketView ip))
                    {
                        continue;
                    }

                    packets++;
                    largestLength = Math.Max(largestLength, ip.Data.Length);
                    shortOnes += ip.Data.Length is < SpaPacket.MinLength or > SpaPacket.MaxLength ? 1 : 0;
                }
            }

            return (packets, largestLength, shortOnes);
        });

        Assert.Equal(SpaPacket.MaxLength, largestSeen);
        Assert.Equal(0, shortSeen);
        // 20 the burst, the largest packet among them; the 500 go out within milliseconds, so the rate adds one or two.
        Assert.InRange(count, 20, 23);
        NftRuleCounter counter = Kernel.Counters(ns).Single(c => c.Family == IpFamily.V4 && c.Index == 1);
        Assert.Equal(503UL, counter.Packets);
    }

    [RootFact]
    public void SpaRule_RateSetFull_NewSourceStillGetsThroughTheSharedOverflowLimit_AndItsFloodIsCut()
    {
        using var ns = new NetNs();
        IPAddress first = ns.AddSecondClientV4();
        Kernel.Apply(ns, SpaConfigs.Ssh(SpaKeys.Generate()), WithGroup with { SpaSourceSetSize = 1, SpaOverflowRate = 5 });

        Dictionary<string, int> seen = ns.InServer(() =>
        {
            using var nflog = new NflogSocket(Group, 4096) { ReceiveTimeout = TimeSpan.FromMilliseconds(300) };
            ns.InClient(() =>
            {
                var server = new IPEndPoint(ns.ServerV4, SpaDoor.DefaultPort);
                using var filler = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                filler.Bind(new IPEndPoint(first, 0));
                filler.SendTo(new byte[200], server); // the set's one place is taken
                using var late = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                late.Bind(new IPEndPoint(ns.ClientV4, 0));
                for (int i = 0; i < 300; i++)
                {
                    late.SendTo(new byte[200], server);
                }

                return 0;
            });

            var bySource = new Dictionary<string, int>(StringComparer.Ordinal);
            byte[] buffer = new byte[256 * 1024];
            for (int idle = 0, rounds = 0; idle < 2 && rounds < 1000; rounds++)
            {
                int received = nflog.Receive(buffer);
                idle = received == 0 ? idle + 1 : 0;
                var reader = new NflogMessageReader(buffer.AsSpan(0, received));
                while (reader.TryReadNext(out NflogPacket packet))
                {
                    if (IpPacketView.TryParse(packet.Payload, out IpPacketView ip))
                    {
                        string source = IpRange.ToAddress(ip.Family, ip.Source).ToString();
                        bySource[source] = bySource.GetValueOrDefault(source) + 1;
                    }
                }
            }

            return bySource;
        });

        Assert.Equal(1, seen.GetValueOrDefault(first.ToString()));
        // Not in the full set: its packets share the overflow limit (5 a second, burst 5) instead of being all dropped.
        Assert.InRange(seen.GetValueOrDefault(ns.ClientV4.ToString()), 5, 7);
    }
}
