using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Sesame.Model;
using Sesame.RouterOS;
using Sesame.Scripting;

namespace Sesame.Benchmarks;

/// <summary>
/// The seeds' scripts run by the real interpreter (<see cref="RouterOsScripts.CreateRunner"/>) through
/// <see cref="FirewallScriptHost"/>: <c>check-and-grant</c> over <see cref="Knock2"/> entries in <c>knock2</c> (each is
/// found, read, added to <c>secured</c> with a comment, removed and logged; the target is ≤ 100 ms), and
/// <c>:len [find list=knock2]</c> over <see cref="ScriptHostBenchmark.Entries"/>. One operation = one run; the lists are
/// refilled before each run, outside the measurement.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 20, invocationCount: 1)]
public class GrantScriptBenchmark
{
    public const int Knock2 = 10_000;

    private const string CountKnock2 = ":log info (\"stage2=\" . [:len [/ip firewall address-list find list=knock2]])";

    private FirewallConfig _config = null!;
    private IScriptRunner _runner = null!;
    private FirewallScriptHost _host = null!;
    private readonly CountingLog _log = new();

    [GlobalSetup]
    public void Setup()
    {
        _config = SeedConfig.Build() with
        {
            // The seed's script as the fixture (tests/fixtures/seeds/004-manual-new.rsc) holds it, read by the front end.
            Scripts = [SeedFixture.Parse("004-manual-new.rsc").Scripts.Single(s => s.Name == "check-and-grant"), new SystemScript("count-knock2", CountKnock2, [])],
        };
        _runner = RouterOsScripts.CreateRunner(_config);
    }

    [IterationSetup(Target = nameof(CheckAndGrantRun))]
    public void FillKnock2() => _host = ScriptHostBenchmark.Build(Knock2).Host;

    [IterationSetup(Target = nameof(CountKnock2Run))]
    public void FillBig() => _host = ScriptHostBenchmark.Build(ScriptHostBenchmark.Entries).Host;

    [Benchmark]
    public long CheckAndGrantRun() => Run("check-and-grant", Knock2);

    [Benchmark]
    public long CountKnock2Run() => Run("count-knock2", 1);

    private long Run(string script, int expectedLines)
    {
        _log.Lines = 0;
        ScriptRunResult result = _runner.Run(ScriptInvocation.Named(script), _host, _log);
        if (!result.Succeeded || _log.Lines != expectedLines)
        {
            throw new InvalidOperationException($"{script}: {result.Error ?? "wrong number of log lines"} ({_log.Lines})");
        }

        return result.Statements;
    }

    private sealed class CountingLog : IScriptLog
    {
        public int Lines { get; set; }

        public void Write(ScriptLogEntry entry) => Lines++;
    }
}
