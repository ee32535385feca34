using System.Text;
using Sesame.Linux.Control;
using Sesame.Scripting;

namespace Sesame.Tests.Control;

public sealed class ControlProtocolTests
{
    [Theory]
    [InlineData("check-and-grant")]
    [InlineData("a\nb")]
    [InlineData("a\u0000b")]
    [InlineData("\u001b[2J\u001b]0;owned\u0007")]
    [InlineData("\"}, {\"verb\":\"run\",\"script\":\"x")]
    [InlineData("日本語 \\ ; # $x")]
    public void RunRequest_HostileName_OneLineThatParsesBackToTheSameName(string name)
    {
        byte[] line = ControlProtocol.RunRequest(name);

        Assert.Equal((byte)'\n', line[^1]);
        Assert.Equal(1, line.Count(b => b == (byte)'\n'));
        Assert.DoesNotContain((byte)0, line);
        Assert.DoesNotContain((byte)0x1b, line);
        Assert.True(ControlProtocol.TryParseRequest(line.AsSpan(0, line.Length - 1), out ControlRequest? request, out string error), error);
        Assert.Equal(new ControlRequest("run", name), request);
    }

    [Theory]
    [InlineData("garbage", "not a JSON object")]
    [InlineData("", "not a JSON object")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("\"run\"", "not a JSON object")]
    [InlineData("{\"verb\":\"run\"", "not a JSON object")]
    [InlineData("{\"verb\":1}", "no \"verb\" string")]
    [InlineData("{}", "no \"verb\" string")]
    [InlineData("{\"verb\":\"explode\"}", "unknown verb 'explode'")]
    [InlineData("{\"verb\":\"run\"}", "run needs a \"script\" name")]
    [InlineData("{\"verb\":\"run\",\"script\":\"\"}", "run needs a \"script\" name")]
    [InlineData("{\"verb\":\"run\",\"script\":[\"a\"]}", "run needs a \"script\" name")]
    [InlineData("{\"verb\":\"run\",\"script\":{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}}", "not a JSON object")]
    public void TryParseRequest_NotARequest_FalseWithAMessage(string text, string expected)
    {
        Assert.False(ControlProtocol.TryParseRequest(Encoding.UTF8.GetBytes(text), out ControlRequest? request, out string error));
        Assert.Null(request);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseRequest_InvalidUtf8_False()
    {
        byte[] text = [.. "{\"verb\":\"run\",\"script\":\""u8, 0xff, 0xfe, .. "\"}"u8];

        Assert.False(ControlProtocol.TryParseRequest(text, out _, out string error));
        Assert.Equal("the request is not UTF-8 text", error);
        Assert.Throws<ControlException>(() => ControlProtocol.ParseReply([.. "{\"type\":\"error\",\"message\":\""u8, 0xff, .. "\"}"u8]));
    }

    [Fact]
    public void Replies_WrittenThenParsed_SayTheSame()
    {
        var entry = new ScriptLogEntry(DateTimeOffset.UnixEpoch, "info", "grant\n", "granted \u001b[2J \"x\"");

        ControlReply log = ControlProtocol.ParseReply(Line(ControlProtocol.LogReply(entry)));
        ControlReply ok = ControlProtocol.ParseReply(Line(ControlProtocol.ResultReply(new ScriptRunResult(true, null, 12))));
        ControlReply failed = ControlProtocol.ParseReply(Line(ControlProtocol.ResultReply(new ScriptRunResult(false, "script grant: line 2 column 1: bad", 3))));
        ControlReply refused = ControlProtocol.ParseReply(Line(ControlProtocol.ErrorReply("no such script")));

        ScriptLogEntry parsed = Assert.IsType<ControlReply.Log>(log).Entry;
        Assert.Equal((entry.Topic, entry.Script, entry.Message), (parsed.Topic, parsed.Script, parsed.Message));
        Assert.Equal(new ScriptRunResult(true, null, 12), Assert.IsType<ControlReply.Result>(ok).Run);
        Assert.Equal(new ScriptRunResult(false, "script grant: line 2 column 1: bad", 3), Assert.IsType<ControlReply.Result>(failed).Run);
        Assert.Equal("no such script", Assert.IsType<ControlReply.Refused>(refused).Message);
    }

    [Fact]
    public void LogReply_HugeMessage_Cut()
    {
        byte[] line = ControlProtocol.LogReply(new ScriptLogEntry(DateTimeOffset.UnixEpoch, "put", "s", new string('x', 1 << 20)));

        Assert.True(line.Length < ControlProtocol.MaxReplyBytes);
        Assert.Equal(ControlProtocol.MaxMessageChars + 1, Assert.IsType<ControlReply.Log>(ControlProtocol.ParseReply(Line(line))).Entry.Message.Length);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("{\"type\":\"other\"}")]
    [InlineData("{}")]
    public void ParseReply_NotAReply_ControlException(string text)
    {
        Assert.Throws<ControlException>(() => ControlProtocol.ParseReply(Encoding.UTF8.GetBytes(text)));
    }

    private static byte[] Line(byte[] reply) => reply[..^1];
}
