using System.Text.Json;

namespace Sesame.Linux.Control;

/// <summary>
/// The <c>status</c> verb on the wire: the request <c>{"verb":"status"}</c>, and the reply, one <see cref="ControlStatus"/>
/// object (<c>"type":"status"</c>) or the protocol's <c>{"type":"error",…}</c> line.
/// </summary>
internal static class ControlStatusLine
{
    public static byte[] Request() => "{\"verb\":\"status\"}\n"u8.ToArray();

    public static byte[] Reply(ControlStatus status)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(status, ControlJsonContext.Default.ControlStatus);
        byte[] line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>The status in a reply line.</summary>
    /// <exception cref="ControlException">The daemon refused (its message), or the line is not a status reply.</exception>
    public static ControlStatus Parse(ReadOnlySpan<byte> line)
    {
        ControlStatus? status = null;
        try
        {
            status = JsonSerializer.Deserialize(line, ControlJsonContext.Default.ControlStatus);
        }
        catch (JsonException)
        {
        }

        if (status is { Type: "status", Counters: not null, Lists: not null, Granted: not null })
        {
            return status;
        }

        if (ControlProtocol.ParseReply(line) is ControlReply.Refused refused)
        {
            throw new ControlException(refused.Message);
        }

        throw new ControlException("the daemon's reply is not a status (is the socket a sesame serve's?)");
    }
}
