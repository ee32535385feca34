using System.Text.Json;
using Sesame.Cli.Output;
using Sesame.Fleet;

namespace Sesame.Tests.Output;

/// <summary><c>sesame fleet status</c>'s table and JSON, from a status made here (no database).</summary>
public sealed class FleetStatusWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 11, 45, 10, 500, TimeSpan.Zero);

    private static FleetStatus Status(params FleetNode[] nodes) =>
        new(Now, nodes, [new FleetListSize("blacklist", 1204), new FleetListSize("secured", 3)], 98765);

    private static FleetNode Node(string name, TimeSpan ago, bool connected, long seq = 98765, string? version = "1.4.0") =>
        new(name, Now.AddDays(-2), Now - ago, seq, connected, version);

    private static string Text(FleetStatus status)
    {
        var output = new StringWriter { NewLine = "\n" };
        FleetStatusWriter.WriteText(status, output);
        return output.ToString();
    }

    private static JsonElement Json(FleetStatus status)
    {
        var output = new StringWriter();
        FleetStatusWriter.WriteJson(status, output);
        return JsonDocument.Parse(output.ToString()).RootElement.Clone();
    }

    [Fact]
    public void WriteText_Fleet_IsATableOfNodesAndOneOfLists()
    {
        string text = Text(Status(
            Node("web-1", TimeSpan.FromSeconds(3.9), connected: true),
            Node("db-backup.example", TimeSpan.FromSeconds(125), connected: false, seq: 98000, version: null)));

        Assert.Equal("""
            fleet: 2 nodes, 1 connected; last change 98765; database time 2026-12-06 11:45:10Z

            NODE               LAST SEEN  CONNECTED  LAST SEQ  VERSION
            web-1              3s ago     yes           98765  1.4.0
            db-backup.example  2m5s ago   no            98000  -

            LIST       ENTRIES
            blacklist     1204
            secured          3

            """, text);
    }

    [Fact]
    public void WriteText_EmptyFleet_SaysSo()
    {
        string text = Text(new FleetStatus(Now, [], [], 0));

        Assert.Contains("fleet: 0 nodes, 0 connected; last change 0", text, StringComparison.Ordinal);
        Assert.Contains("(no node has joined)", text, StringComparison.Ordinal);
        Assert.Contains("(no shared list holds an entry)", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5, "0s ago")]
    [InlineData(0.2, "0s ago")]
    [InlineData(59.99, "59s ago")]
    [InlineData(3600, "1h ago")]
    [InlineData(90061, "1d1h1m1s ago")]
    public void Ago_Seconds_AreWholeAndNeverNegative(double seconds, string expected)
    {
        Assert.Equal(expected, FleetStatusWriter.Ago(TimeSpan.FromSeconds(seconds)));
    }

    public static TheoryData<string> HostileNames => new()
    {
        "\u001b[2J\u001b]0;owned\u0007", "web\nfleet: 0 nodes", "web\r1", "\u202Eweb", "web\0", new string('n', 1 << 20),
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void WriteText_HostileDatabaseValues_AreEscapedAndCut(string hostile)
    {
        FleetStatus status = new(Now, [Node(hostile, TimeSpan.FromSeconds(1), true, version: hostile)], [new FleetListSize(hostile, 1)], 1);

        string text = Text(status);

        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain('\0', text);
        Assert.DoesNotContain('\u202E', text);
        Assert.Equal(8, text.Split('\n').Length);
        Assert.True(text.Length < 1200, $"{text.Length} characters");
    }

    [Fact]
    public void WriteText_EscapedName_IsShownAsItsEscape()
    {
        string text = Text(Status(Node("evil\u001b[2J", TimeSpan.Zero, true)));

        Assert.Contains("evil\\x1B[2J  0s ago", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteJson_Fleet_HasEveryValue()
    {
        JsonElement json = Json(Status(
            Node("web-1", TimeSpan.FromSeconds(3.25), connected: true),
            Node("web-2", TimeSpan.FromMinutes(2), connected: false, seq: 12, version: null)));

        Assert.Equal(Now, json.GetProperty("now").GetDateTimeOffset());
        Assert.Equal(98765, json.GetProperty("lastSeq").GetInt64());
        JsonElement[] nodes = [.. json.GetProperty("nodes").EnumerateArray()];
        Assert.Equal(2, nodes.Length);
        Assert.Equal("web-1", nodes[0].GetProperty("name").GetString());
        Assert.Equal(Now.AddDays(-2), nodes[0].GetProperty("firstSeen").GetDateTimeOffset());
        Assert.Equal(Now.AddSeconds(-3.25), nodes[0].GetProperty("lastSeen").GetDateTimeOffset());
        Assert.Equal(3250, nodes[0].GetProperty("lastSeenAgoMs").GetInt64());
        Assert.True(nodes[0].GetProperty("connected").GetBoolean());
        Assert.Equal(98765, nodes[0].GetProperty("lastSeq").GetInt64());
        Assert.Equal("1.4.0", nodes[0].GetProperty("version").GetString());
        Assert.False(nodes[1].GetProperty("connected").GetBoolean());
        Assert.Equal(JsonValueKind.Null, nodes[1].GetProperty("version").ValueKind);
        Assert.Equal(
            ["blacklist=1204", "secured=3"],
            json.GetProperty("lists").EnumerateArray().Select(l => $"{l.GetProperty("list").GetString()}={l.GetProperty("entries").GetInt64()}"));
    }

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void WriteJson_HostileDatabaseValues_RoundTripWithoutRawControls(string hostile)
    {
        FleetStatus status = new(Now, [Node(hostile, TimeSpan.Zero, true, version: hostile)], [new FleetListSize(hostile, 1)], 1);
        var output = new StringWriter();

        FleetStatusWriter.WriteJson(status, output);

        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.DoesNotContain('\u202E', output.ToString());
        JsonElement json = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.Equal(hostile, json.GetProperty("nodes")[0].GetProperty("name").GetString());
        Assert.Equal(hostile, json.GetProperty("lists")[0].GetProperty("list").GetString());
    }

    [Fact]
    public void WriteJson_LoneSurrogate_IsReplacedNotAnError()
    {
        JsonElement json = Json(Status(Node("web\uD800", TimeSpan.Zero, true)));

        Assert.Equal("web\uFFFD", json.GetProperty("nodes")[0].GetProperty("name").GetString());
    }
}
