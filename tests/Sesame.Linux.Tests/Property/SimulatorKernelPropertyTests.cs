using System.Diagnostics;
using System.Globalization;
using CsCheck;
using Sesame.Tests.Kernel;
using Xunit.Abstractions;

namespace Sesame.Tests.Property;

/// <summary>
/// The engine (the reference semantics) and the kernel running the compiled ruleset agree on generated knock configs
/// and traces: per packet, the rules it matched; per rule, packets and bytes; at the end, the address lists. One lab
/// (namespace pair) for the whole run, the table replaced between cases. <c>SESAME_PROPERTY_CASES</c> sets the number of
/// cases (default 1000; <c>tests/property/run.sh</c> runs 10,000), <c>SESAME_PROPERTY_SEED</c> replays a CsCheck seed.
/// On a difference CsCheck keeps sampling for a smaller failing case and reports the smallest, with a config and a
/// trace for <c>sesame simulate</c>.
/// </summary>
public sealed class SimulatorKernelPropertyTests(ITestOutputHelper output)
{
    private const int DefaultCases = 1000;

    /// <summary>Attempts of a case whose timing came too near an expiry, before it counts as inconclusive.</summary>
    private const int Attempts = 3;

    [RootFact]
    public void KnockCases_EngineAndKernel_Agree()
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("SESAME_PROPERTY_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : DefaultCases;
        string? seed = Environment.GetEnvironmentVariable("SESAME_PROPERTY_SEED") is { Length: > 0 } s ? s : null;
        using var lab = new KnockLab();
        int agreed = 0;
        int inconclusive = 0;
        int retried = 0;
        int packets = 0;
        var clock = Stopwatch.StartNew();
        KnockCaseGen.Case.Sample(c =>
        {
            for (int attempt = 1; attempt <= Attempts; attempt++)
            {
                if (KnockRun.Run(lab, c) == KnockOutcome.Agreed)
                {
                    agreed++;
                    packets += c.Steps.Length;
                    return;
                }

                retried++;
            }

            inconclusive++;
        }, seed: seed, iter: cases, threads: 1, print: Describe, writeLine: output.WriteLine);

        string summary = string.Create(CultureInfo.InvariantCulture,
            $"{cases} cases in {clock.Elapsed.TotalSeconds:F1} s: {agreed} agreed ({packets} packets), {inconclusive} inconclusive, {retried} attempts repeated for timing");
        output.WriteLine(summary);
        Console.Error.WriteLine("property: " + summary);
        // A case is inconclusive only when three runs in a row land near an expiry; many would mean the check says little.
        Assert.True(inconclusive * 20 <= cases, summary);
    }

    /// <summary>
    /// The case as CsCheck prints it: config and planned trace with the addresses of subnet 1; the failure message under
    /// it has the run's own addresses and the measured times, ready for <c>sesame simulate</c>.
    /// </summary>
    private static string Describe(KnockCase c)
    {
        KnockAddresses addresses = c.Config.Ipv6 ? KnockAddresses.ExampleV6 : KnockAddresses.ExampleV4;
        var s = new System.Text.StringBuilder();
        s.Append('\n').Append(KnockScript.Config(c.Config, addresses)).Append("# planned trace (the failure message has the measured one)\n");
        double time = 0;
        for (int i = 0; i < c.Steps.Length; i++)
        {
            time += c.Steps[i].GapMs / 1000.0;
            s.Append(KnockScript.TraceLine(c.Steps[i], c.Config.Ipv6, addresses, time, 20000 + i)).Append('\n');
        }

        return s.ToString();
    }
}
