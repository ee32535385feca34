using System.Text;
using Sesame.Linux.Control;

namespace Sesame.Tests.Control;

public sealed class ControlProtocolConfigTests
{
    [Theory]
    [InlineData("/etc/sesame/new.rsc")]
    [InlineData("/tmp/a\nb\"}, {\"verb\":\"reload\"}.rsc")]
    [InlineData("/tmp/\u001b[2J;owned #}.yaml")]
    public void ApplyRequest_HostilePath_OneLineThatParsesBackToTheSameRequest(string path)
    {
        byte[] line = ControlProtocol.ApplyRequest(path, TimeSpan.FromSeconds(60), "192.0.2.9 50022 192.0.2.1 22");

        Assert.Equal(1, line.Count(b => b == (byte)'\n'));
        Assert.DoesNotContain((byte)0x1b, line);
        Assert.True(ControlProtocol.TryParseRequest(line.AsSpan(0, line.Length - 1), out ControlRequest? request, out string error), error);
        Assert.Equal(ControlProtocol.Apply, request!.Verb);
        Assert.Equal(path, request.Path);
        Assert.Equal(TimeSpan.FromSeconds(60), request.ConfirmWithin);
        Assert.Equal("192.0.2.9 50022 192.0.2.1 22", request.SshConnection);
    }

    [Theory]
    [InlineData(ControlProtocol.Reload)]
    [InlineData(ControlProtocol.Confirm)]
    public void SimpleRequest_ParsesBack(string verb)
    {
        byte[] line = ControlProtocol.SimpleRequest(verb);

        Assert.True(ControlProtocol.TryParseRequest(line.AsSpan(0, line.Length - 1), out ControlRequest? request, out string error), error);
        Assert.Equal(verb, request!.Verb);
    }

    [Theory]
    [InlineData("""{"verb":"apply","path":"relative.rsc"}""", "absolute file path")]
    [InlineData("""{"verb":"apply","path":""}""", "absolute file path")]
    [InlineData("""{"verb":"apply","path":"/a\u0000b"}""", "absolute file path")]
    [InlineData("""{"verb":"apply","path":7}""", "absolute file path")]
    [InlineData("""{"verb":"apply","confirm-ms":0}""", "confirm-ms")]
    [InlineData("""{"verb":"apply","confirm-ms":999}""", "confirm-ms")]
    [InlineData("""{"verb":"apply","confirm-ms":86400001}""", "confirm-ms")]
    [InlineData("""{"verb":"apply","confirm-ms":1.5}""", "confirm-ms")]
    [InlineData("""{"verb":"apply","confirm-ms":"60s"}""", "confirm-ms")]
    [InlineData("""{"verb":"apply","ssh-connection":5}""", "ssh-connection")]
    [InlineData("""{"verb":"status!"}""", "unknown verb")]
    public void TryParseRequest_BadConfigRequest_RefusedWithAMessage(string json, string expected)
    {
        Assert.False(ControlProtocol.TryParseRequest(Encoding.UTF8.GetBytes(json), out ControlRequest? request, out string error));
        Assert.Null(request);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseRequest_SshConnectionTooLong_Refused()
    {
        string json = $$"""{"verb":"apply","ssh-connection":"{{new string('1', 300)}}"}""";

        Assert.False(ControlProtocol.TryParseRequest(Encoding.UTF8.GetBytes(json), out _, out string error));
        Assert.Contains("ssh-connection", error, StringComparison.Ordinal);
    }
}
