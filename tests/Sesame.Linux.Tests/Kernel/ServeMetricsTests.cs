using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Sesame.Tests.Kernel;

/// <summary>
/// <c>serve --metrics</c> and <c>sesame status</c> against a real <c>sesame serve</c> in network namespaces: the exposition's
/// per-rule counters are the kernel's (compared with <c>sesame print rules --json</c> read right after, nothing sent in
/// between), list sizes are <c>sesame print lists</c>'s, the daemon's counters move with real knocks.
/// </summary>
public sealed partial class ServeMetricsTests(ITestOutputHelper output)
{
    private const int Port = 9464;

    /// <summary>Two knocks to a grant, a blacklist on 23, and a comment an exposition must escape.</summary>
    private const string Door = """
        /ip firewall filter
        add action=add-src-to-address-list address-list=knock1 address-list-timeout=30s chain=input dst-port=888 protocol=tcp comment="stage \"one\" \\ }# {x=\"1\"}"
        add action=add-src-to-address-list address-list=secured address-list-timeout=1h chain=input dst-port=555 protocol=tcp src-address-list=knock1
        add action=accept chain=input dst-port=22 protocol=tcp src-address-list=secured
        add action=add-src-to-address-list address-list=blocked address-list-timeout=1h chain=input dst-port=23 protocol=tcp
        add action=drop chain=input src-address-list=blocked
        add action=drop chain=input dst-port=22 protocol=tcp
        """;

    [RootFact]
    public void Metrics_AfterRealKnocks_RuleCountersAreTheKernelsListSizesMatchPrintAndGrantsAreCounted()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Door);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path, "--metrics", $"127.0.0.1:{Port}");
        Assert.False(ns.TryConnect(ns.ServerV4, 888, 41000));
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "knock1", ns.ClientV4)));
        Assert.False(ns.TryConnect(ns.ServerV4, 555, 41001));
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)));
        ns.TryConnect(ns.ServerV4, 22, 41002, timeoutMs: 1000); // accepted, no listener: a RST; the rule counts it
        Assert.False(ns.TryConnect(ns.ServerV4, 23, 41003));
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "blocked", ns.ClientV4)));
        Assert.True(daemon.WaitForOutput($"sesame event=blacklist list=blocked src={ns.ClientV4}"), daemon.Output);

        // Nothing is sent between the two reads: the exposition and print rules see the same kernel counters.
        (int status, string metrics) = Get(ns, IPAddress.Loopback, "GET /metrics HTTP/1.1");
        (int printExit, string printed, string printError) = SesameProcess.Run(ns.Server, "print", "rules", "--json");
        output.WriteLine(metrics);

        Assert.Equal(200, status);
        Assert.True(printExit == 0, printError);
        var expected = new Dictionary<(string, int), (ulong, ulong)>();
        using (JsonDocument rules = JsonDocument.Parse(printed))
        {
            foreach (JsonElement rule in rules.RootElement.GetProperty("rules").EnumerateArray())
            {
                expected[(rule.GetProperty("family").GetString()!, rule.GetProperty("index").GetInt32())] =
                    (rule.GetProperty("packets").GetUInt64(), rule.GetProperty("bytes").GetUInt64());
            }
        }

        Dictionary<(string, int), ulong> packets = RuleSeries(metrics, "sesame_rule_packets_total");
        Dictionary<(string, int), ulong> bytes = RuleSeries(metrics, "sesame_rule_bytes_total");
        Assert.Equal(6, expected.Count);
        Assert.Equal(expected.Keys.Order(), packets.Keys.Order());
        foreach (((string family, int index) key, (ulong p, ulong b)) in expected)
        {
            Assert.True(p == packets[key] && b == bytes[key], $"rule {key}: print says {p} packets {b} bytes, metrics {packets[key]} / {bytes[key]}");
        }

        Assert.True(packets[("ip", 0)] >= 1 && packets[("ip", 1)] >= 1 && packets[("ip", 3)] >= 1);

        // The hostile comment is a label value, escaped by the library: one line, quotes and backslash escaped.
        Assert.Contains("comment=\"stage \\\"one\\\" \\\\ }# {x=\\\"1\\\"}\"", metrics, StringComparison.Ordinal);

        (int listsExit, string lists, _) = SesameProcess.Run(ns.Server, "print", "lists", "--json");
        Assert.Equal(0, listsExit);
        using (JsonDocument listed = JsonDocument.Parse(lists))
        {
            foreach (string list in (string[])["knock1", "secured", "blocked"])
            {
                int printedCount = listed.RootElement.GetProperty("lists").GetProperty(list).GetArrayLength();
                Assert.Equal(1, printedCount);
                Assert.Matches($"sesame_address_list_entries{{family=\"ip\",list=\"{list}\",role=\"[a-z]+\"}} {printedCount}\n", metrics);
            }
        }

        Assert.Contains("sesame_address_list_entries{family=\"ip\",list=\"secured\",role=\"grant\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("sesame_address_list_entries{family=\"ip\",list=\"blocked\",role=\"blacklist\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("sesame_grants_total 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("sesame_blacklistings_total 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("sesame_knock_stage_entries_total 1\n", metrics, StringComparison.Ordinal);
        Assert.True(Value(metrics, "sesame_knocks_reported_total") >= 3, metrics);
        Assert.True(Value(metrics, "sesame_nflog_packets_total") >= 3, metrics);
        Assert.Equal(0, Value(metrics, "sesame_nflog_dropped_total"));
        Assert.InRange(Value(metrics, "sesame_uptime_seconds"), 0, 120);
        Assert.DoesNotContain(metrics.Split('\n'), l => l.StartsWith("sesame_last_reload_success", StringComparison.Ordinal));

        // Only /metrics, only GET and HEAD.
        Assert.Equal(404, Get(ns, IPAddress.Loopback, "GET / HTTP/1.1").Status);
        Assert.Equal(404, Get(ns, IPAddress.Loopback, "GET /metricsfoo HTTP/1.1").Status);
        Assert.Equal(404, Get(ns, IPAddress.Loopback, "GET /metrics/x HTTP/1.1").Status);
        Assert.Equal(405, Get(ns, IPAddress.Loopback, "POST /metrics HTTP/1.1").Status);
        Assert.Equal(400, Get(ns, IPAddress.Loopback, "\u001b[2J").Status);
        Assert.False(daemon.HasExited);
    }

    [RootFact]
    public void Status_AfterAGrant_ShowsTheSourceItsTimeLeftAndTheLists()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Door);
        using SesameProcess daemon = SesameProcess.StartServe(ns, config.Path);
        ns.TryConnect(ns.ServerV4, 888, 41000);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "knock1", ns.ClientV4)));
        ns.TryConnect(ns.ServerV4, 555, 41001);
        Assert.True(Kernel.WaitFor(() => Kernel.InList(ns, "secured", ns.ClientV4)));
        Assert.True(daemon.WaitForOutput($"sesame event=grant list=secured src={ns.ClientV4}"), daemon.Output);

        (int exit, string text, string error) = SesameProcess.Run(ns.Server, "status", "--control", daemon.ControlPath!);
        (int jsonExit, string json, _) = SesameProcess.Run(ns.Server, "status", "--control", daemon.ControlPath!, "--json");
        output.WriteLine(text);

        Assert.True(exit == 0, error);
        Assert.Matches($@"granted: 1\n  {Regex.Escape(ns.ClientV4.ToString())} +59m[0-9]+s left +list=secured\n", text.Replace("\r", "", StringComparison.Ordinal));
        Assert.Matches(@"  secured +ip +grant +1\n", text);
        Assert.Matches(@"  knock1 +ip +stage +1\n", text);
        Assert.Contains(" grants=1", text, StringComparison.Ordinal);
        Assert.Contains("last reload: none since start", text, StringComparison.Ordinal);
        Assert.Equal(0, jsonExit);
        using JsonDocument status = JsonDocument.Parse(json);
        JsonElement granted = Assert.Single(status.RootElement.GetProperty("granted").EnumerateArray());
        Assert.Equal(ns.ClientV4.ToString(), granted.GetProperty("address").GetString());
        Assert.InRange(granted.GetProperty("secondsLeft").GetDouble(), 3500, 3600);
        Assert.Equal(1, status.RootElement.GetProperty("counters").GetProperty("grants").GetInt64());
    }

    [RootFact]
    public void Status_NoDaemon_ExitOneSaysSo()
    {
        using var ns = new NetNs();
        string path = Path.Combine(Path.GetTempPath(), $"sesame-ctl-{Guid.NewGuid():N}.sock");

        (int exit, _, string error) = SesameProcess.Run(ns.Server, "status", "--control", path);

        Assert.Equal(1, exit);
        Assert.Contains("no daemon answers on", error, StringComparison.Ordinal);
    }

    [RootFact]
    public void Serve_WithoutMetrics_ListensOnNoTcpPort_AndIpv6MetricsAnswerOnTheirAddress()
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Door);
        using (SesameProcess daemon = SesameProcess.StartServe(ns, config.Path))
        {
            ProcessResult listening = ns.Run(ns.Server, TimeSpan.FromSeconds(10), "ss", "-Hltn");
            Assert.Equal("", listening.Out.Trim());
        }

        using SesameProcess v6 = SesameProcess.StartServe(ns, config.Path, "--metrics", $"[::1]:{Port}");
        (int status, string metrics) = Get(ns, IPAddress.IPv6Loopback, "GET /metrics HTTP/1.1");
        Assert.Equal(200, status);
        Assert.Contains("sesame_rule_packets_total{", metrics, StringComparison.Ordinal);
        InvalidOperationException refused = Assert.Throws<InvalidOperationException>(() => Get(ns, IPAddress.Loopback, "GET /metrics HTTP/1.1"));
        Assert.IsType<SocketException>(refused.InnerException);
    }

    [RootTheory]
    [InlineData("127.0.0.1", "the port is in use")]
    [InlineData("192.0.2.1", "the address is not one of this host's")]
    public void Serve_MetricsCannotBind_ExitOneNothingApplied(string address, string reason)
    {
        using var ns = new NetNs();
        using var config = new TempConfig(Door);
        using Socket taken = ns.Listen(Port);

        (int exit, _, string error) = SesameProcess.Run(ns.Server, "serve", config.Path, "--metrics", $"{address}:{Port}");

        Assert.Equal(1, exit);
        Assert.Contains($"sesame: --metrics {address}:{Port}: cannot listen: {reason}", error, StringComparison.Ordinal);
        Assert.Contains("nothing was applied", error, StringComparison.Ordinal);
        Assert.Null(NftShell.Structure(ns.Server));
    }

    /// <summary>One request from inside the server namespace; the status and body of the answer.</summary>
    private static (int Status, string Body) Get(NetNs ns, IPAddress address, string requestLine) => ns.InServer(() =>
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        socket.Connect(new IPEndPoint(address, Port));
        socket.Send(Encoding.UTF8.GetBytes($"{requestLine}\r\nHost: metrics.example\r\n\r\n"));
        var received = new MemoryStream();
        byte[] buffer = new byte[65536];
        for (int n; (n = socket.Receive(buffer)) > 0;)
        {
            received.Write(buffer, 0, n);
        }

        string answer = Encoding.UTF8.GetString(received.ToArray());
        int body = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (int.Parse(answer.AsSpan(9, 3), CultureInfo.InvariantCulture), answer[(body + 4)..]);
    });

    private static Dictionary<(string Family, int Index), ulong> RuleSeries(string metrics, string name)
    {
        var result = new Dictionary<(string, int), ulong>();
        foreach (string line in metrics.Split('\n'))
        {
            if (line.StartsWith(name + "{", StringComparison.Ordinal) && RuleLabels().Match(line) is { Success: true } m)
            {
                result[(m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))] =
                    ulong.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return result;
    }

    private static double Value(string metrics, string name) =>
        double.Parse(metrics.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..], CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z_]+\\{family=\"(ip|ipv6)\",rule=\"([0-9]+)\"")]
    private static partial Regex RuleLabels();
}
