using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sesame.Cli.Metrics;
using Sesame.Linux.Daemon;

namespace Sesame.Tests.Metrics;

/// <summary>deploy/grafana/sesame-dashboard.json: valid JSON, its data source an input, and every metric it queries one the daemon exports.</summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly string Dashboard = RepoPaths.Combine("deploy", "grafana", "sesame-dashboard.json");

    [Fact]
    public async Task Dashboard_EveryQueriedMetric_IsExported_DataSourceIsTheInput()
    {
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Dashboard));
        JsonElement root = json.RootElement;
        Assert.Equal("DS_PROMETHEUS", root.GetProperty("__inputs")[0].GetProperty("name").GetString());

        var metrics = new DaemonMetrics();
        metrics.RecordReload(true, DateTimeOffset.UnixEpoch, null);
        var state = new DaemonKernelState(DateTimeOffset.UnixEpoch, [new DaemonRuleCounter("ip", 0, "input", "drop", "", 1, 1)],
            [new DaemonListSize("ip", "secured", "grant", 1, false)], [], 0);
        using var stream = new MemoryStream();
        await new MetricsExporter(metrics, () => state, TimeProvider.System).WriteAsync(stream, CancellationToken.None);
        HashSet<string> exported = [.. Encoding.UTF8.GetString(stream.ToArray()).Split('\n')
            .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2])];

        int queries = 0;
        foreach (JsonElement panel in root.GetProperty("panels").EnumerateArray())
        {
            Assert.Equal("${DS_PROMETHEUS}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            foreach (JsonElement target in panel.GetProperty("targets").EnumerateArray())
            {
                foreach (Match name in MetricName().Matches(target.GetProperty("expr").GetString()!))
                {
                    queries++;
                    Assert.True(exported.Contains(name.Value), $"{panel.GetProperty("title")}: {name.Value} is not exported");
                }
            }
        }

        Assert.True(queries >= 10);
    }

    [GeneratedRegex("sesame_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
