using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Time;

namespace Sesame.Tests.Model;

/// <summary>
/// The mirror's promise checked on random configs through the engine: the same packets from IPv6 sources are never
/// accepted where their IPv4 twins (from sources outside every prefix the config names) are not, and when the mirror
/// widened nothing the two families get exactly the same verdicts.
/// </summary>
public sealed class Ipv6MirrorPropertyTests
{
    private static readonly string[] Lists = ["a", "b", "c"];
    private static readonly byte[] Protocols = [IpProtocols.Tcp, IpProtocols.Udp, IpProtocols.Icmp];
    private static readonly ushort[] Ports = [22, 555, 888, 23];
    private static readonly IpRange[] Sources = [Range("10.0.0.0/8"), Range("192.0.2.0/24"), Range("0.0.0.0/0")];

    /// <summary>The router's own IPv4 address in the engine (TraceDefaults), and another.</summary>
    private static readonly IpRange[] Destinations = [Range("192.0.2.1"), Range("198.51.100.1")];

    private static IpRange Range(string text) => IpRange.TryParse(text, out IpRange? range) ? range.Value : throw new ArgumentException(text);

    [Fact]
    public void Apply_RandomConfigs_Ipv6NeverAcceptsWhatIpv4Drops()
    {
        var random = new Random(20261206);
        int mirrored = 0, exact = 0;
        for (int n = 0; n < 400; n++)
        {
            FirewallConfig config = RandomConfig(random);
            Ipv6MirrorResult result = Ipv6Mirror.Apply(config);
            if (result.HasErrors)
            {
                continue;
            }

            mirrored++;
            (Verdict[] v4, Verdict[] v6) = Run(result.Config, random);
            for (int i = 0; i < v4.Length; i++)
            {
                Assert.False(v6[i] == Verdict.Accept && v4[i] != Verdict.Accept, $"config {n}, packet {i}: IPv6 accepted what IPv4 dropped");
            }

            if (!result.Diagnostics.Any(d => d.Message.Contains("drops every packet", StringComparison.Ordinal)))
            {
                exact++;
                Assert.Equal(v4, v6);
            }
        }

        Assert.True(mirrored > 200, $"only {mirrored} configs mirrored");
        Assert.True(exact > 100 && exact < mirrored, $"{exact} of {mirrored} exact");
    }

    private static FirewallConfig RandomConfig(Random random)
    {
        var rules = new List<FilterRule>();
        int count = random.Next(2, 9);
        for (int i = 0; i < count; i++)
        {
            rules.Add(RandomRule(random, random.Next(5) == 0 ? "u" : "input"));
        }

        return new FirewallConfig { Ipv4Filter = [.. rules] };
    }

    private static FilterRule RandomRule(Random random, string chain)
    {
        FilterAction action = random.Next(6) switch
        {
            0 or 1 => FilterAction.Accept,
            2 => FilterAction.Drop,
            3 or 4 => FilterAction.AddSrcToAddressList,
            _ => chain == "input" ? FilterAction.Jump : FilterAction.Return,
        };
        var rule = new FilterRule
        {
            Chain = chain,
            Action = action,
            AddressList = action == FilterAction.AddSrcToAddressList ? Lists[random.Next(Lists.Length)] : null,
            AddressListTimeout = action == FilterAction.AddSrcToAddressList && random.Next(2) == 0 ? AddressListTimeout.Timed(TimeSpan.FromSeconds(5)) : null,
            JumpTarget = action == FilterAction.Jump ? "u" : null,
        };
        if (random.Next(2) == 0)
        {
            byte protocol = Protocols[random.Next(Protocols.Length)];
            bool negated = random.Next(5) == 0;
            rule = rule with { Protocol = new Negatable<byte>(negated, protocol) };
            if (!negated && protocol != IpProtocols.Icmp && random.Next(2) == 0)
            {
                ushort port = Ports[random.Next(Ports.Length)];
                rule = rule with { DstPort = new Negatable<EquatableArray<PortRange>>(random.Next(4) == 0, [new PortRange(port, port)]) };
            }
        }

        if (random.Next(2) == 0)
        {
            rule = rule with { SrcAddressList = new Negatable<string>(random.Next(3) == 0, Lists[random.Next(Lists.Length)]) };
        }

        if (random.Next(4) == 0)
        {
            rule = rule with { SrcAddress = new Negatable<IpRange>(random.Next(2) == 0, Sources[random.Next(Sources.Length)]) };
        }

        // dst-address on a drop: widened over IPv6. (On an accept it is left out; see Ipv6Mirror for why that is not
        // modelled here: a left-out accept lets IPv6 packets reach rules below it, which this model counts as more.)
        if (action == FilterAction.Drop && random.Next(3) == 0)
        {
            rule = rule with { DstAddress = new Negatable<IpRange>(random.Next(3) == 0, Destinations[random.Next(Destinations.Length)]) };
        }

        return rule;
    }

    /// <summary>The same 40 packets from three IPv4 sources outside every prefix above, and from three IPv6 sources.</summary>
    private static (Verdict[] V4, Verdict[] V6) Run(FirewallConfig config, Random random)
    {
        var clock = new ManualTimeProvider();
        var firewall = new Firewall(config, clock, ConnectionTracking.Auto);
        int inInterface = firewall.ResolveInterface("ether1");
        var v4 = new Verdict[40];
        var v6 = new Verdict[40];
        for (int i = 0; i < v4.Length; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(0.5));
            firewall.ExpireDue();
            int source = random.Next(3);
            byte protocol = Protocols[random.Next(Protocols.Length)];
            ushort port = protocol == IpProtocols.Icmp ? (ushort)0 : Ports[random.Next(Ports.Length)];
            Packet packet = new()
            {
                Hook = Hook.Input,
                Protocol = protocol,
                SrcPort = protocol == IpProtocols.Icmp ? (ushort)0 : (ushort)(40000 + i),
                DstPort = port,
                TcpFlags = protocol == IpProtocols.Tcp ? TcpFlags.Syn : default,
                Length = 60,
                InInterface = inInterface,
                OutInterface = -1,
            };
            v4[i] = firewall.Process(packet with { Family = IpFamily.V4, Src = 0xCB007101u + (uint)source, Dst = 0xC0000201u }).Verdict;
            v6[i] = firewall.Process(packet with
            {
                Family = IpFamily.V6,
                Protocol = protocol == IpProtocols.Icmp ? IpProtocols.IcmpV6 : protocol,
                Src = new UInt128(0x20010DB800050000ul, (ulong)source + 1),
                Dst = new UInt128(0x20010DB800000000ul, 1),
            }).Verdict;
        }

        return (v4, v6);
    }
}
