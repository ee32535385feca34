using Sesame.Checking;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Simulation;
using Sesame.Tracing;

namespace Sesame.Tests.Checking;

public sealed class ScanRiskTests
{
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 0.5)]
    [InlineData(3, 1.0 / 6)]
    [InlineData(4, 1.0 / 24)]
    public void Probability_NoTimeoutsNoBlacklist_IsOneInNFactorial(int knocks, double expected)
    {
        double p = ScanRisk.Probability(knocks, new TimeSpan?[knocks - 1], 0);

        Assert.Equal(expected, p, 1e-9);
    }

    [Fact]
    public void Probability_BlacklistOfAllOtherPorts_NeedsTheKnocksFirst()
    {
        // 10 ports, 2 knocks, 8 blacklisted: only orders that start with knock 1 then knock 2 complete: 1 / (10 * 9).
        Assert.Equal(1.0 / 90, ScanRisk.Probability(2, [null], 8, ports: 10), 1e-12);
    }

    [Fact]
    public void Probability_SeedsDoorWithAndWithoutBlacklist_AsDocumented()
    {
        TimeSpan?[] steps = [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)];

        Assert.Equal(0.11363, ScanRisk.Probability(3, steps, 0), 1e-4);
        Assert.True(ScanRisk.Probability(3, steps, 50006) < 1e-13);
    }

    /// <summary>
    /// Full random scans through the engine, with a fixed seed: a 3-knock door over a 200-port space at 10 probes/s
    /// with 5 s steps (a 50-probe window, so the time limit matters), with and without a blacklist of 3 ports whose
    /// drop sits above the knocks, compared with the computed chance (within four standard deviations).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Probability_MatchesFullScansThroughTheEngine(int blacklisted)
    {
        const int Ports = 200;
        const double Rate = 10;
        const int Trials = 1500;
        FirewallConfig config = new()
        {
            Ipv4Filter =
            [
                new FilterRule { Chain = "input", Action = FilterAction.Drop, SrcAddressList = Negatable<string>.Is("blacklist") },
                Knock(150, "k1", null, TimeSpan.FromSeconds(5)),
                Knock(40, "k2", "k1", TimeSpan.FromSeconds(5)),
                Knock(90, "secured", "k2", TimeSpan.FromMinutes(30)),
                new FilterRule { Chain = "input", Action = FilterAction.Accept, SrcAddressList = Negatable<string>.Is("secured") },
                new FilterRule
                {
                    Chain = "input",
                    Action = FilterAction.AddSrcToAddressList,
                    AddressList = "blacklist",
                    AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromMinutes(10)),
                    Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
                    DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(1, (ushort)blacklisted)]),
                    Disabled = blacklisted == 0,
                },
                new FilterRule { Chain = "input", Action = FilterAction.Drop },
            ],
        };
        var random = new Random(20240531);
        int opened = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            int[] order = [.. Enumerable.Range(1, Ports)];
            random.Shuffle(order);
            TracePacket[] scan = [.. order.Select((port, i) => Syn(i / Rate, (ushort)port))];
            SimulationResult result = Simulator.Run(config, scan);
            opened += result.Lists.Any(e => e.List == "secured") ? 1 : 0;
        }

        double expected = ScanRisk.Probability(3, [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], blacklisted, Rate, Ports);
        double observed = (double)opened / Trials;
        double sd = Math.Sqrt(expected * (1 - expected) / Trials);
        Assert.InRange(observed, expected - (4 * sd), expected + (4 * sd));
        Assert.InRange(expected, 0.001, 0.2);
    }

    private static FilterRule Knock(ushort port, string list, string? after, TimeSpan timeout) => new()
    {
        Chain = "input",
        Action = FilterAction.AddSrcToAddressList,
        AddressList = list,
        AddressListTimeout = AddressListTimeout.Timed(timeout),
        Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
        DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(port, port)]),
        SrcAddressList = after is null ? null : Negatable<string>.Is(after),
    };

    private static TracePacket Syn(double time, ushort port) =>
        new(time, Hook.Input, IpFamily.V4, 0xCB007107u, TraceDefaults.DefaultHostV4, IpProtocols.Tcp, 40000, port, TcpFlags.Syn, 60, [], "ether1", null,
            Sesame.Diagnostics.SourceLocation.None, "");
}
