using System.Diagnostics;
using Sesame.Net;
using Sesame.Scripting;
using Xunit.Abstractions;

namespace Sesame.Tests.Scripting;

public sealed class SeedScriptTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("check-and-grant")]
    [InlineData("check-and-grant-one-line")]
    public void CheckAndGrant_MovesKnock2ToSecured_WithTimeoutAndComment(string script)
    {
        ScriptRun run = SeedScripts.NewRun();
        run.Host.Add("knock1", "198.51.100.1", TimeSpan.FromSeconds(30));
        run.Host.Add("knock2", "203.0.113.7", TimeSpan.FromSeconds(30));
        run.Host.Add("knock2", "203.0.113.8", TimeSpan.FromSeconds(30));

        ScriptRunResultAssert.Succeeded(run.Script(script));

        var entries = run.Host.Entries();
        Assert.DoesNotContain(entries, e => e.List == "knock2");
        Assert.Single(entries, e => e.List == "knock1");
        var secured = entries.Where(e => e.List == "secured").ToList();
        Assert.Equal(["203.0.113.7", "203.0.113.8"], secured.Select(e => e.Address.ToString()));
        Assert.All(secured, e =>
        {
            Assert.Equal(TimeSpan.FromMinutes(30), e.Timeout);
            Assert.Equal("granted-by-script", e.Comment);
        });
        Assert.Equal(
            ["Port knock: granted access to 203.0.113.7", "Port knock: granted access to 203.0.113.8"],
            run.Log.Entries.Where(e => e.Topic == "info").Select(e => e.Message));
        Assert.All(run.Log.Entries, e => Assert.Equal(script, e.Script));
    }

    [Fact]
    public void LogKnockAttempts_CountsEachList()
    {
        ScriptRun run = SeedScripts.NewRun();
        run.Host.Add("knock1", "198.51.100.1");
        run.Host.Add("knock1", "198.51.100.2");
        run.Host.Add("knock2", "203.0.113.7");
        run.Host.Add("knock1", "2001:db8::1");

        ScriptRunResultAssert.Succeeded(run.Script("log-knock-attempts"));

        ScriptLogEntry line = Assert.Single(run.Log.Entries);
        Assert.Equal("info", line.Topic);
        Assert.Equal("Port knock stats: stage1=2 stage2=1 secured=0", line.Message);
    }

    [Fact]
    public void CleanKnockLists_EmptiesKnock1AndKnock2Only()
    {
        ScriptRun run = SeedScripts.NewRun();
        run.Host.Add("knock1", "198.51.100.1");
        run.Host.Add("knock2", "203.0.113.7");
        run.Host.Add("secured", "203.0.113.9");
        run.Host.Add("knock1", "2001:db8::1");

        ScriptRunResultAssert.Succeeded(run.Script("clean-knock-lists"));

        Assert.Equal(["secured"], run.Host.Entries().Select(e => e.List));
        Assert.Single(run.Host.Entries(IpFamily.V6));
        Assert.Equal("Knock intermediate lists cleared", Assert.Single(run.Log.Entries).Message);
    }

    [Fact]
    public void CheckAndGrant_TenThousandEntries_Fast()
    {
        ScriptRun run = SeedScripts.NewRun();
        for (int i = 0; i < 10_000; i++)
        {
            run.Host.Add("knock2", $"10.{i / 65536}.{i / 256 % 256}.{i % 256}");
        }

        // Parsed on the first run, as the engine does; the measured run is the second one over a fresh list.
        run.Script("log-knock-attempts");
        var warm = Stopwatch.StartNew();
        run.Script("check-and-grant");
        output.WriteLine($"first run {warm.Elapsed.TotalMilliseconds:F1} ms");
        run.Host.Clear();
        for (int i = 0; i < 10_000; i++)
        {
            run.Host.Add("knock2", $"10.{i / 65536}.{i / 256 % 256}.{i % 256}");
        }

        var stopwatch = Stopwatch.StartNew();
        ScriptRunResult result = run.Script("check-and-grant");
        stopwatch.Stop();

        output.WriteLine($"check-and-grant over 10,000 knock2 entries: {stopwatch.Elapsed.TotalMilliseconds:F1} ms, {result.Statements} statements");
        ScriptRunResultAssert.Succeeded(result);
        Assert.Equal(10_000, run.Host.Entries().Count(e => e.List == "secured"));
        Assert.Equal(1, run.Host.GetEntriesCalls);
        // The engine's bound is 100 ms (issue 10, measured by the benchmark); here, with the fake host and a shared
        // machine, only a bound that shows the work is linear.
        Assert.True(stopwatch.ElapsedMilliseconds < 2_000, $"{stopwatch.ElapsedMilliseconds} ms");
    }
}
