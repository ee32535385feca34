using Sesame.Model;
using Sesame.RouterOS;
using Sesame.Simulation;
using Sesame.Tests.Kernel;
using Sesame.Tests.WireSupport;
using Sesame.Tracing;

namespace Sesame.Tests.Wire;

/// <summary>
/// The slides' Layer7 passphrase door (seed 001): the client's real packets, captured in the server namespace and
/// turned into a trace, are judged by the engine running the seed config — right passphrases secure the client.
/// </summary>
public sealed class Layer7PassphraseTests
{
    [RootFact]
    public void Knock_RightPassphrases_ClientSecured() =>
        Assert.True(Secured("1234:udp:supersecretpassword1", "4321:udp:supersecretpassword2"));

    [RootFact]
    public void Knock_RightPassphrasesWrittenWithEscapes_ClientSecured() =>
        Assert.True(Secured("1234:udp:supersecret\\x70assword1", "4321:udp:\\x73upersecretpassword2"));

    [RootFact]
    public void Knock_WrongSecondPassphrase_NotSecured() =>
        Assert.False(Secured("1234:udp:supersecretpassword1", "4321:udp:supersecretpassword3"));

    [RootFact]
    public void Knock_PassphraseWithTrailingNewline_NotSecured() =>
        Assert.False(Secured("1234:udp:supersecretpassword1\\n", "4321:udp:supersecretpassword2"));

    private static bool Secured(params string[] knocks)
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        Capture capture = Capture.Start(pair, folder.Path, "udp");

        ProcessResult run = pair.Sesame(["knock", pair.ServerV4.ToString(), .. knocks]);
        List<CapturedPacket> packets = capture.Stop(p => p.Count(x => x.Src.Equals(pair.ClientV4)) >= knocks.Length);
        Assert.True(run.Exit == 0, run.ToString());

        string trace = PcapTrace.From(packets, pair.ClientV4);
        FirewallConfig config = LoadSeed("001-slides-layer7.rsc");
        Trace parsed = TraceReader.Read(trace, "capture", TraceDefaults.FromConfig(config));
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics) + "\n" + trace);
        Assert.Equal(2, parsed.Packets.Count);
        SimulationResult result = Simulator.Run(config, parsed.Packets);
        return result.Lists.Any(e => e.List == "secured" && e.Address?.ToString() == pair.ClientV4.ToString());
    }

    private static FirewallConfig LoadSeed(string name)
    {
        string path = RepoPaths.Combine("tests", "fixtures", "seeds", name);
        ScriptResult parsed = RouterOsScript.Parse(File.ReadAllText(path), name);
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        return parsed.Config;
    }
}
