using Sesame.Engine;
using Sesame.Model;
using Sesame.RouterOS;
using Sesame.Simulation;
using Sesame.Tracing;

namespace Sesame.Tests.Seeds;

/// <summary>Parses a seed fixture (tests/fixtures/seeds) and runs a trace through it, as <c>sesame simulate</c> does.</summary>
internal sealed class SeedRun
{
    private SeedRun(SimulationResult result) => Result = result;

    public SimulationResult Result { get; }

    public static FirewallConfig Load(string fixture)
    {
        string path = Path.Combine(SeedFixtures.Directory, fixture);
        ScriptResult parsed = RouterOsScript.Parse(File.ReadAllText(path), fixture);
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return parsed.Config;
    }

    public static SeedRun Of(string fixture, string trace) => Of(Load(fixture), trace);

    public static SeedRun Of(FirewallConfig config, string trace)
    {
        Trace t = TraceReader.Read(trace, "trace", TraceDefaults.FromConfig(config));
        Assert.False(t.HasErrors, string.Join("\n", t.Diagnostics));
        return new SeedRun(Simulator.Run(config, t.Packets));
    }

    /// <summary>The config with every filter rule enabled: "enable these rules once you have verified …".</summary>
    public static FirewallConfig AllEnabled(FirewallConfig config) =>
        config with { Ipv4Filter = [.. config.Ipv4Filter.Select(r => r with { Disabled = false })] };

    public Verdict[] Verdicts => [.. Result.Packets.Select(p => p.Result.Verdict)];

    public Verdict VerdictOf(int packet) => Result.Packets[packet].Result.Verdict;

    /// <summary>Remaining timeout of an address in a list at the end of the trace (MaxValue: no timeout), or null when it is not there.</summary>
    public TimeSpan? Remaining(string list, string address) =>
        Result.Lists.FirstOrDefault(e => e.List == list && e.Address?.ToString() == address) is { } entry
            ? entry.Remaining ?? TimeSpan.MaxValue
            : null;

    public bool InList(string list, string address) => Remaining(list, address) is not null;

    public string[] Added(int packet) =>
        [.. Result.Packets[packet].Changes.Where(c => c.Kind != AddressListChangeKind.Expired).Select(c => c.List)];
}
