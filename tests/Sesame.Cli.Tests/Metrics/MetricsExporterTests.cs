using System.Text;
using Sesame.Cli.Metrics;
using Sesame.Linux.Daemon;
using Sesame.Linux.Nftables;

namespace Sesame.Tests.Metrics;

public sealed class MetricsExporterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_HostileCommentAndListName_EscapedInOneLineEach_NeverSpliced()
    {
        string hostile = "evil\"} 1\nsesame_grants_total 999\n# \\ ; { \u0000 \u001b[2J";
        DaemonKernelState state = State(
            [new DaemonRuleCounter("ip", 0, "input", "drop", hostile, 7, 420)],
            [new DaemonListSize("ip", hostile, "grant", 3, false)]);

        string text = Expose(new DaemonMetrics(), state);
        string[] packets = Lines(text, "sesame_rule_packets_total{");
        string[] entries = Lines(text, "sesame_address_list_entries{");

        string escaped = "evil\\\"} 1\\nsesame_grants_total 999\\n# \\\\ ; { \u0000 \u001b[2J";
        Assert.Equal($"sesame_rule_packets_total{{family=\"ip\",rule=\"0\",chain=\"input\",action=\"drop\",comment=\"{escaped}\"}} 7", Assert.Single(packets));
        Assert.Equal($"sesame_address_list_entries{{family=\"ip\",list=\"{escaped}\",role=\"grant\"}} 3", Assert.Single(entries));
        Assert.Equal("sesame_grants_total 0", Assert.Single(Lines(text, "sesame_grants_total")));
    }

    [Fact]
    public void Write_MegabyteComment_CutTo200Characters()
    {
        string huge = new('x', 1 << 20);
        DaemonKernelState state = State([new DaemonRuleCounter("ipv6", 3, "input", "accept", huge, 1, 60)], []);

        string line = Assert.Single(Lines(Expose(new DaemonMetrics(), state), "sesame_rule_bytes_total{"));

        Assert.Equal($"sesame_rule_bytes_total{{family=\"ipv6\",rule=\"3\",chain=\"input\",action=\"accept\",comment=\"{new string('x', 200)}…\"}} 60", line);
    }

    [Fact]
    public void Label_CutInsideASurrogatePair_KeepsThePairWhole()
    {
        string name = new string('a', 199) + "😀" + "tail";

        string label = MetricsExporter.Label(name);

        Assert.Equal(new string('a', 199) + "…", label);
    }

    [Fact]
    public void Write_KernelCounterWentDown_SeriesStartsAgainAtTheNewValue_GoneRulesEnd()
    {
        DaemonKernelState state = State([new DaemonRuleCounter("ip", 0, "input", "drop", "", 50, 5000), new DaemonRuleCounter("ip", 1, "input", "accept", "", 9, 900)], []);
        var metrics = new DaemonMetrics();
        var exporter = new MetricsExporter(metrics, () => state, TimeProvider.System);
        Write(exporter);

        state = State([new DaemonRuleCounter("ip", 0, "input", "drop", "", 4, 400)], []);
        string text = Write(exporter);

        Assert.Equal("sesame_rule_packets_total{family=\"ip\",rule=\"0\",chain=\"input\",action=\"drop\",comment=\"\"} 4", Assert.Single(Lines(text, "sesame_rule_packets_total{")));
    }

    [Fact]
    public void Write_Reload_LastReloadTimeAndResult_AbsentBeforeTheFirst()
    {
        var metrics = new DaemonMetrics();
        Assert.Empty(Lines(Expose(metrics, null), "sesame_last_reload_success"));

        metrics.RecordReload(false, Now, "bad config");
        string text = Expose(metrics, null);

        Assert.Equal("sesame_last_reload_success 0", Assert.Single(Lines(text, "sesame_last_reload_success")));
        Assert.Equal($"sesame_last_reload_time_seconds {Now.ToUnixTimeSeconds()}", Assert.Single(Lines(text, "sesame_last_reload_time_seconds")));
    }

    [Fact]
    public void Write_KernelReadFails_DaemonCountersStillServed_ErrorCounted()
    {
        var exporter = new MetricsExporter(new DaemonMetrics(), () => throw new NftException("netlink: EPERM"), TimeProvider.System);

        string text = Write(exporter);

        Assert.Equal("sesame_metrics_kernel_read_errors_total 1", Assert.Single(Lines(text, "sesame_metrics_kernel_read_errors_total")));
        Assert.Single(Lines(text, "sesame_grants_total"));
        Assert.Equal(6, Lines(text, "sesame_spa_rejects_total{").Length);
    }

    private static DaemonKernelState State(IReadOnlyList<DaemonRuleCounter> rules, IReadOnlyList<DaemonListSize> lists) =>
        new(Now, rules, lists, [], 0);

    private static string Expose(DaemonMetrics metrics, DaemonKernelState? state) =>
        Write(new MetricsExporter(metrics, () => state, TimeProvider.System));

    private static string Write(MetricsExporter exporter)
    {
        using var stream = new MemoryStream();
        exporter.WriteAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string[] Lines(string text, string prefix) =>
        [.. text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))];
}
