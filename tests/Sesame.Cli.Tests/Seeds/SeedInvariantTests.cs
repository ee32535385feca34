using System.Globalization;
using System.Text;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Simulation;

namespace Sesame.Tests.Seeds;

/// <summary>Random traffic through every seed configuration keeps the engine's promises.</summary>
public sealed class SeedInvariantTests
{
    public static TheoryData<string> Fixtures() =>
        [.. SeedFixtures.Names];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Simulate_RandomTraffic_VerdictsAgreeWithTheDecidingRule(string fixture)
    {
        FirewallConfig config = SeedRun.AllEnabled(SeedRun.Load(fixture));
        SimulationResult result = SeedRun.Of(config, RandomTrace(new Random(7))).Result;

        foreach (SimulatedPacket p in result.Packets)
        {
            if (p.Result.RuleIndex < 0)
            {
                Assert.Equal(Verdict.Accept, p.Result.Verdict);
                continue;
            }

            FilterRule rule = config.Ipv4Filter[p.Result.RuleIndex];
            Assert.False(rule.Disabled);
            Assert.Equal(rule.Action switch
            {
                FilterAction.Accept => Verdict.Accept,
                FilterAction.Reject => Verdict.Reject,
                FilterAction.Tarpit => Verdict.Tarpit,
                _ => Verdict.Drop, // drop, or a jump nested too deep, which drops (docs/semantics.md)
            }, p.Result.Verdict);
        }

        // Every packet that matched a rule is counted by it: the sum over the deciding rules never exceeds the counters.
        foreach (SimulatedRule rule in result.Rules)
        {
            int decided = result.Packets.Count(p => p.Result.RuleIndex == rule.Index);
            Assert.True(rule.Counter.Packets >= decided, $"rule {rule.Index}: counted {rule.Counter.Packets}, decided {decided}");
        }

        // No list entry outlives its timeout.
        Assert.All(result.Lists, e => Assert.True(e.Remaining is null || e.Remaining > TimeSpan.Zero));
    }

    private static string RandomTrace(Random random)
    {
        int[] ports = [21, 22, 23, 222, 333, 555, 666, 777, 888, 1234, 4321, 8291, 10000, 40000, 60001];
        var sb = new StringBuilder();
        double time = 0;
        for (int i = 0; i < 2000; i++)
        {
            time += random.NextDouble() * 3;
            string src = $"203.0.113.{random.Next(1, 12)}";
            string protocol = random.Next(4) == 0 ? "udp" : "tcp";
            string payload = protocol == "udp" && random.Next(2) == 0
                ? (random.Next(2) == 0 ? " payload=\"supersecretpassword1\"" : " payload=\"passphrase\"")
                : "";
            string flags = protocol == "tcp" && random.Next(5) == 0 ? " flags=ack" : "";
            sb.Append(CultureInfo.InvariantCulture, $"{time:0.###} {src} {protocol} {ports[random.Next(ports.Length)]} sport={random.Next(40000, 40010)}{payload}{flags}\n");
        }

        return sb.ToString();
    }
}
