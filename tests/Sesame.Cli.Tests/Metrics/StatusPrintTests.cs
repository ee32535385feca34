using System.Text.Json;
using Sesame.Cli.Commands;
using Sesame.Linux.Control;
using Sesame.Linux.Daemon;

namespace Sesame.Tests.Metrics;

public sealed class StatusPrintTests
{
    private const string Hostile = "evil\u001b[2J\nfake line\u202e";

    [Fact]
    public void Print_HostileListName_EscapedNoControlCharacterReachesTheTerminal()
    {
        ControlStatus status = Status();
        var output = new StringWriter();

        StatusCommand.Print(status, output);

        string text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u202e', text);
        Assert.DoesNotContain("\nfake line", text, StringComparison.Ordinal);
        Assert.Contains("evil\\x1B[2J\\nfake line\\u202E", text, StringComparison.Ordinal);
        Assert.Contains("192.0.2.7", text, StringComparison.Ordinal);
        Assert.Contains("1m30s left", text, StringComparison.Ordinal);
        Assert.Contains("and 41 more", text, StringComparison.Ordinal);
        Assert.Contains("granted: 43\n", text.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("last reload: reload FAILED at 2026-12-06 09:00:00Z: line 3: \\x1B", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_GrantListCountedToTheCap_SaysOrMore()
    {
        ControlStatus status = Status() with { Lists = [new DaemonListSize("ip", "secured", "grant", 65536, true)], GrantedNotShown = 65534 };
        var output = new StringWriter();

        StatusCommand.Print(status, output);

        Assert.Contains("granted: 65536 or more", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("65536+", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_HostileNames_ValidJsonThatReadsBackTheSameNames()
    {
        using JsonDocument json = JsonDocument.Parse(Status().ToJson());

        Assert.Equal(Hostile, json.RootElement.GetProperty("lists")[0].GetProperty("list").GetString());
        Assert.Equal(Hostile, json.RootElement.GetProperty("granted")[0].GetProperty("list").GetString());
        Assert.Equal(90.4, json.RootElement.GetProperty("granted")[0].GetProperty("secondsLeft").GetDouble());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("granted")[1].GetProperty("secondsLeft").ValueKind);
        Assert.False(json.RootElement.GetProperty("lastReload").GetProperty("ok").GetBoolean());
    }

    private static ControlStatus Status() => new(
        "status",
        new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero),
        3600,
        new DaemonReload(false, new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero), "line 3: \u001b[31m"),
        new Dictionary<string, long> { ["grants"] = 42 },
        [new DaemonListSize("ip", Hostile, "grant", 43, false)],
        0,
        [new ControlStatusGrant(Hostile, "ip", "192.0.2.7", 90.4), new ControlStatusGrant("secured", "ipv6", "2001:db8::7", null)],
        41,
        null);
}
