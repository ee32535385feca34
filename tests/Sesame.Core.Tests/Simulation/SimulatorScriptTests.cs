using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using Sesame.Scripting;
using Sesame.Simulation;
using Sesame.Tracing;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Simulation;

public sealed class SimulatorScriptTests
{
    private const string Knocker = "203.0.113.7";

    // Port 1000 puts the source in knock2 for 10 s; port 22 is accepted from secured, dropped otherwise.
    private static readonly FilterRule[] KnockRules =
    [
        Rule(FilterAction.AddSrcToAddressList) with
        {
            Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
            DstPort = Negatable<EquatableArray<PortRange>>.Is([new(1000, 1000)]),
            AddressList = "knock2",
            AddressListTimeout = AddressListTimeout.Timed(TimeSpan.FromSeconds(10)),
        },
        Rule(FilterAction.Accept) with
        {
            Protocol = Negatable<byte>.Is(IpProtocols.Tcp),
            DstPort = Negatable<EquatableArray<PortRange>>.Is([new(22, 22)]),
            SrcAddressList = Negatable<string>.Is("secured"),
        },
        Rule(FilterAction.Drop) with { Protocol = Negatable<byte>.Is(IpProtocols.Tcp) },
    ];

    private static FirewallConfig Config(params SystemScheduler[] schedulers) => WithInterfaces(new FirewallConfig
    {
        Ipv4Filter = [.. KnockRules],
        Scripts = [new SystemScript("stats", "…", []), new SystemScript("grant", "…", []), new SystemScript("fail", "…", [])],
        Schedulers = [.. schedulers],
    });

    private static SystemScheduler Scheduler(string name, string interval, string onEvent) =>
        new(name, [new RawProperty("interval", interval), new RawProperty("on-event", onEvent)]);

    private static TracePacket Tcp(double time, string src, ushort port) =>
        new(time, Hook.Input, IpFamily.V4, Address(src), TraceDefaults.DefaultHostV4, IpProtocols.Tcp, 40000, port,
            TcpFlags.Syn, 60, [], "ether1", null, new SourceLocation("t", 1, 1), $"{time} {src} tcp {port}");

    private static TraceRun RunLine(double time, string script, int packetsBefore) =>
        new(time, script, packetsBefore, new SourceLocation("trace", 7, 1));

    private static int Count(IScriptHost host, string list) => host.GetEntries(IpFamily.V4).Count(e => e.List == list);

    private static FakeScriptRunner Runner() => new(new Dictionary<string, Action<IScriptHost, Action<string>>>
    {
        ["stats"] = (host, log) => log($"knock2={Count(host, "knock2")} secured={Count(host, "secured")}"),
        ["grant"] = (host, log) =>
        {
            foreach (ScriptListEntry e in host.GetEntries(IpFamily.V4).Where(e => e.List == "knock2").ToList())
            {
                host.AddEntry(IpFamily.V4, new ScriptListEntryRequest("secured", e.Address, null, TimeSpan.FromMinutes(30), false, false, "granted-by-script"));
                host.RemoveEntry(IpFamily.V4, e.Id);
                log($"granted {e.Address}");
            }
        },
        ["fail"] = (host, _) => throw new ScriptHostException("failure: already have such entry"),
    });

    private static double[] LogTimes(SimulationResult result, string script) =>
        [.. result.Log.Where(l => l.Script == script).Select(l => l.Time)];

    [Fact]
    public void Run_SchedulerEveryFiveMinutes_RunsAt300And600AndSoOn()
    {
        FirewallConfig config = Config(Scheduler("knock-logger", "5m", "stats"));

        SimulationResult result = Simulator.Run(config, [Tcp(0, Knocker, 1000)], new SimulationOptions { Runner = Runner(), Until = 1000 });

        Assert.Equal([300.0, 600.0, 900.0], LogTimes(result, "stats"));
        Assert.Equal([300.0, 600.0, 900.0], result.ScriptRuns.Select(r => r.Time));
        Assert.All(result.ScriptRuns, r => Assert.Equal("scheduler knock-logger", r.Trigger));
        Assert.Equal(1000, result.EndTime);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Run_WithoutUntil_StopsAtTheLastLine()
    {
        FirewallConfig config = Config(Scheduler("knock-logger", "5m", "stats"));

        SimulationResult result = Simulator.Run(config, [Tcp(0, Knocker, 1000), Tcp(650, Knocker, 22)], new SimulationOptions { Runner = Runner() });

        Assert.Equal([300.0, 600.0], LogTimes(result, "stats"));
        Assert.Equal(650, result.EndTime);
    }

    [Fact]
    public void Run_UntilBeforeLastPacket_Ignored()
    {
        SimulationResult result = Simulator.Run(Config(), [Tcp(0, Knocker, 1000), Tcp(50, Knocker, 22)], new SimulationOptions { Runner = Runner(), Until = 10 });

        Assert.Equal(50, result.EndTime);
    }

    [Fact]
    public void Run_ExpiryBetweenSchedulerRuns_SeenAtItsTime()
    {
        // knock2 entries live 10 s: a 5 s stats job sees the entry at 5; it expires at 10, before the run at 10.
        FirewallConfig config = Config(Scheduler("every5", "5s", "stats"));

        SimulationResult result = Simulator.Run(config, [Tcp(0, Knocker, 1000)], new SimulationOptions { Runner = Runner(), Until = 15 });

        Assert.Equal(["knock2=1 secured=0", "knock2=0 secured=0", "knock2=0 secured=0"], result.Log.Select(l => l.Message));
        Assert.Equal([5.0, 10.0, 15.0], LogTimes(result, "stats"));
        SimulatedExpiry expiry = Assert.Single(result.Expiries);
        Assert.Equal(10, expiry.Time);
        // At one instant an expiry comes before a scheduler run, and a run's log lines follow the run.
        Assert.Equal(
            ["packet", "run", "log", "expiry", "run", "log", "run", "log"],
            result.Events.Select(Kind));
    }

    [Fact]
    public void Run_EntryExpiringAtRunTime_GoneWhenTheScriptLooks()
    {
        FirewallConfig config = Config(Scheduler("every10", "10s", "stats"));

        SimulationResult result = Simulator.Run(config, [Tcp(0, Knocker, 1000)], new SimulationOptions { Runner = Runner(), Until = 10 });

        Assert.Equal("knock2=0 secured=0", Assert.Single(result.Log).Message);
        Assert.IsType<SimulatedExpiry>(result.Events[1]);
    }

    [Fact]
    public void Run_SimultaneousSchedulers_RunInConfigOrder()
    {
        FirewallConfig config = Config(
            Scheduler("first", "1m", "stats"),
            Scheduler("second", "30s", "stats"),
            Scheduler("third", "1m", "stats"));

        SimulationResult result = Simulator.Run(config, [], new SimulationOptions { Runner = Runner(), Until = 120 });

        Assert.Equal(
            ["30 second", "60 first", "60 second", "60 third", "90 second", "120 first", "120 second", "120 third"],
            result.ScriptRuns.Select(r => $"{r.Time} {r.Trigger[10..]}"));
    }

    [Fact]
    public void Run_TraceRunLine_RunsBetweenPacketsAndGrants()
    {
        TracePacket[] packets = [Tcp(0, Knocker, 1000), Tcp(1, Knocker, 22), Tcp(3, Knocker, 22)];

        SimulationResult result = Simulator.Run(Config(), packets, new SimulationOptions
        {
            Runner = Runner(),
            Runs = [RunLine(2, "grant", packetsBefore: 2)],
        });

        Assert.Equal(["drop", "drop", "accept"], result.Packets.Select(p => p.Result.Verdict.ToString().ToLowerInvariant()));
        SimulatedScriptRun run = Assert.Single(result.ScriptRuns);
        Assert.Equal(2, run.Time);
        Assert.Equal("trace:7", run.Trigger);
        Assert.True(run.Result.Succeeded);
        Assert.Equal(["packet", "packet", "run", "change", "change", "log", "packet"], result.Events.Select(Kind));
        SimulatedScriptChange[] changes = [.. result.Events.OfType<SimulatedScriptChange>()];
        Assert.Equal((AddressListChangeKind.Added, "secured", "granted-by-script"), (changes[0].Change.Kind, changes[0].Change.List, changes[0].Change.Comment));
        Assert.Equal((AddressListChangeKind.Removed, "knock2"), (changes[1].Change.Kind, changes[1].Change.List));
        Assert.All(changes, c => Assert.Equal("grant", c.Change.Script));
        AddressListEntryState secured = Assert.Single(result.Lists);
        Assert.Equal("secured", secured.List);
        Assert.Equal("granted-by-script", secured.Comment);
        Assert.Equal(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1), secured.Remaining);
    }

    [Fact]
    public void Run_TraceRunLineAtPacketTime_KeepsFileOrder()
    {
        // The run line comes after the knock and before the SSH packet, all at time 5.
        TracePacket[] packets = [Tcp(5, Knocker, 1000), Tcp(5, Knocker, 22)];

        SimulationResult result = Simulator.Run(Config(), packets, new SimulationOptions { Runner = Runner(), Runs = [RunLine(5, "grant", 1)] });

        Assert.Equal(Verdict.Accept, result.Packets[1].Result.Verdict);
    }

    [Fact]
    public void Run_ScriptFails_SimulationGoesOn()
    {
        FirewallConfig config = Config(Scheduler("broken", "10s", "fail"), Scheduler("logger", "10s", "stats"));

        SimulationResult result = Simulator.Run(config, [Tcp(0, Knocker, 1000), Tcp(25, Knocker, 22)], new SimulationOptions { Runner = Runner() });

        Assert.Equal(2, result.Packets.Count);
        Assert.Equal([false, true, false, true], result.ScriptRuns.Select(r => r.Result.Succeeded));
        Assert.Equal(2, result.Log.Count(l => l.Topic == "script,error"));
        Assert.Equal(2, result.Log.Count(l => l.Script == "stats"));
    }

    [Fact]
    public void Run_RunnerThrows_RecordedAsFailedRun()
    {
        var runner = new FakeScriptRunner(new Dictionary<string, Action<IScriptHost, Action<string>>>
        {
            ["stats"] = (_, _) => throw new InvalidOperationException("interpreter bug"),
        });

        SimulationResult result = Simulator.Run(Config(Scheduler("s", "10s", "stats")), [Tcp(30, Knocker, 22)], new SimulationOptions { Runner = runner });

        Assert.Equal(3, result.ScriptRuns.Count);
        Assert.All(result.ScriptRuns, r => Assert.False(r.Result.Succeeded));
        Assert.Contains("interpreter bug", result.Log[0].Message, StringComparison.Ordinal);
        Assert.Single(result.Packets);
    }

    [Fact]
    public void Run_NoRunner_NoteSaysScriptsDoNotRun()
    {
        FirewallConfig config = Config(Scheduler("knock-logger", "5m", "stats"));

        SimulationResult result = Simulator.Run(config, [Tcp(0, Knocker, 1000)], new SimulationOptions
        {
            Until = 900,
            Runs = [RunLine(0, "grant", 1)],
        });

        Assert.Empty(result.ScriptRuns);
        string note = Assert.Single(result.Notes);
        Assert.Contains("scripts do not run", note, StringComparison.Ordinal);
        Assert.Contains("1 scheduler(s) and 1 run line(s)", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoRunnerNoScripts_NoNote()
    {
        Assert.Empty(Simulator.Run(Config(), [Tcp(0, Knocker, 22)]).Notes);
    }

    [Fact]
    public void Run_TooManyRuns_BoundedAndSaid()
    {
        FirewallConfig config = Config(Scheduler("fast", "1s", "stats"));

        SimulationResult result = Simulator.Run(config, [], new SimulationOptions { Runner = Runner(), Until = 100, MaxScriptRuns = 10 });

        Assert.Equal(10, result.ScriptRuns.Count);
        Assert.Contains("90 script run(s) were not run", Assert.Single(result.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Delay_LaterLogLinesCarryLaterTimesButTheWorldWaits()
    {
        var runner = new FakeScriptRunner(new Dictionary<string, Action<IScriptHost, Action<string>>>
        {
            ["stats"] = (host, log) =>
            {
                log("before");
                host.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
                log($"after knock2={Count(host, "knock2")}");
            },
        });

        SimulationResult result = Simulator.Run(Config(), [Tcp(0, Knocker, 1000), Tcp(40, Knocker, 22)], new SimulationOptions
        {
            Runner = runner,
            Runs = [RunLine(5, "stats", 1)],
        });

        Assert.Equal([5.0, 35.0], result.Log.Select(l => l.Time));
        // The entry (10 s) had not expired for the script: the engine's clock stayed at 5 during the delay.
        Assert.Equal("after knock2=1", result.Log[1].Message);
        Assert.Equal(10, Assert.Single(result.Expiries).Time);
    }

    [Fact]
    public void Run_ExplicitScheduleOneShot_RunsOnce()
    {
        var job = new ScheduledJob("once", ScriptInvocation.Named("stats") with { Scheduler = "once" }, TimeSpan.Zero, 0) { AtStartup = true };

        SimulationResult result = Simulator.Run(Config(), [], new SimulationOptions { Runner = Runner(), Until = 100, Schedule = [job] });

        Assert.Equal(3.0, Assert.Single(result.ScriptRuns).Time);
    }

    private static string Kind(SimulationEvent e) => e switch
    {
        SimulatedPacket => "packet",
        SimulatedExpiry => "expiry",
        SimulatedScriptRun => "run",
        SimulatedScriptChange => "change",
        SimulatedLogEntry => "log",
        _ => "?",
    };
}
