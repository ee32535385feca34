using System.Text;
using Sesame.Linux.Control;
using Sesame.Linux.Daemon;

namespace Sesame.Tests.Control;

public sealed class ControlStatusLineTests
{
    [Fact]
    public void TryParseRequest_StatusVerb_IsARequestWithoutScript()
    {
        byte[] line = ControlStatusLine.Request();

        Assert.Equal((byte)'\n', line[^1]);
        Assert.True(ControlProtocol.TryParseRequest(line.AsSpan(0, line.Length - 1), out ControlRequest? request, out string error), error);
        Assert.Equal(new ControlRequest("status", ""), request);
    }

    [Fact]
    public void Reply_ThenParse_RoundTripsHostileNamesOnOneLine()
    {
        const string hostile = "a\nb\"}{\u0000\u001b[2J";
        var status = new ControlStatus("status", DateTimeOffset.UnixEpoch, 12.5, new DaemonReload(true, DateTimeOffset.UnixEpoch, null),
            new Dictionary<string, long> { ["grants"] = 3 }, [new DaemonListSize("ipv6", hostile, "grant", 2, true)], 0,
            [new ControlStatusGrant(hostile, "ipv6", "2001:db8::1", 29.5)], 1, null);

        byte[] line = ControlStatusLine.Reply(status);
        ControlStatus back = ControlStatusLine.Parse(line.AsSpan(0, line.Length - 1));

        Assert.Equal(1, line.Count(b => b == (byte)'\n'));
        Assert.Equal(hostile, back.Lists[0].List);
        Assert.True(back.Lists[0].Truncated);
        Assert.Equal(hostile, back.Granted[0].List);
        Assert.Equal(29.5, back.Granted[0].SecondsLeft);
        Assert.Equal(3, back.Counters["grants"]);
        Assert.True(back.LastReload!.Ok);
    }

    [Fact]
    public void Parse_ErrorLine_ThrowsWithTheDaemonsMessage()
    {
        byte[] error = ControlProtocol.ErrorReply("unknown verb 'status'");

        ControlException e = Assert.Throws<ControlException>(() => ControlStatusLine.Parse(error.AsSpan(0, error.Length - 1)));

        Assert.Equal("unknown verb 'status'", e.Message);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("{\"type\":\"status\"}")]
    [InlineData("{\"type\":\"log\",\"message\":\"x\"}")]
    public void Parse_NotAStatus_ThrowsControlException(string line)
    {
        Assert.Throws<ControlException>(() => ControlStatusLine.Parse(Encoding.UTF8.GetBytes(line)));
    }
}
