using System.Buffers;
using System.Text;
using System.Text.Json;
using Sesame.Scripting;

namespace Sesame.Linux.Control;

/// <summary>
/// The control socket's protocol: one JSON object per line each way, written and read with System.Text.Json (names and
/// messages are JSON string values, never text spliced into a line). The client sends one request,
/// <c>{"verb":"run","script":"check-and-grant"}</c>; the daemon answers with the run's lines,
/// <c>{"type":"log","topic":"info","script":"…","message":"…"}</c> (<c>topic</c> <c>put</c> for <c>:put</c>), then
/// <c>{"type":"result","ok":true}</c> or <c>{"type":"result","ok":false,"error":"…"}</c>; a request it refuses gets
/// <c>{"type":"error","message":"…"}</c>. Either way the daemon then closes the connection.
/// </summary>
public static partial class ControlProtocol
{
    /// <summary>The default path when the process cannot read its network namespace (no <c>/proc</c>).</summary>
    public const string FallbackPath = "/run/sesame/control.sock";

    /// <summary>
    /// Where <c>sesame serve</c> listens and <c>sesame run</c> looks by default: <c>/run/sesame/control-net&lt;inode&gt;.sock</c>,
    /// one socket per network namespace as there is one table per namespace, the inode being the namespace's (<c>stat -L
    /// -c %i /proc/self/ns/net</c>). A socket path is a file every namespace sees, so one fixed path would let the first
    /// daemon on a machine keep every <c>serve</c> in another namespace from starting, and send a <c>run</c> to another
    /// namespace's daemon. Read for the calling thread (setns is per thread). Not "the host's namespace gets the plain
    /// name": telling which namespace is the host's needs <c>/proc/1/ns/net</c>, which a sandboxed root may not read.
    /// </summary>
    public static string DefaultPath =>
        NamespaceId("/proc/thread-self/ns/net") is { } id ? $"/run/sesame/control-net{id}.sock" : FallbackPath;

    /// <summary>The inode number in a namespace link's target (<c>net:[4026531840]</c>), or null when it cannot be read.</summary>
    private static string? NamespaceId(string link)
    {
        try
        {
            string? target = new FileInfo(link).LinkTarget;
            int open = target?.IndexOf('[') ?? -1;
            int close = target?.IndexOf(']') ?? -1;
            return open >= 0 && close > open + 1 && target![(open + 1)..close].All(char.IsAsciiDigit) ? target[(open + 1)..close] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The longest request line, newline included; anything longer is refused unread.</summary>
    public const int MaxRequestBytes = 4096;

    /// <summary>The longest reply line the client reads (a message is cut to <see cref="MaxMessageChars"/> before it is sent).</summary>
    internal const int MaxReplyBytes = 256 * 1024;

    /// <summary>The most characters of one script line sent to the client.</summary>
    internal const int MaxMessageChars = 64 * 1024;

    /// <summary>The verb that runs a script.</summary>
    public const string Run = "run";

    /// <summary>The verb that asks for the daemon's <see cref="ControlStatus"/>.</summary>
    public const string Status = "status";

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 4 };

    /// <summary>Quotes and apostrophes as they are (the lines are not HTML); control characters, NUL and ESC still escaped.</summary>
    private static readonly JsonWriterOptions Writer = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The longest path a Unix socket address holds (<c>sun_path</c> is 108 bytes with its NUL).</summary>
    private const int MaxPathBytes = 107;

    /// <summary>The full path of <paramref name="path"/> as a socket address.</summary>
    /// <exception cref="ControlException">Empty, holding a NUL, or longer than a socket address holds.</exception>
    public static string CheckPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ControlException($"control socket '{path}': not a path");
        }

        string full = Path.GetFullPath(path);
        if (Encoding.UTF8.GetByteCount(full) > MaxPathBytes)
        {
            throw new ControlException($"control socket {full}: longer than the {MaxPathBytes} bytes a Unix socket path holds");
        }

        return full;
    }

    /// <summary>The request line for a run of <paramref name="script"/>, newline included.</summary>
    public static byte[] RunRequest(string script) => Line(w =>
    {
        w.WriteString("verb", Run);
        w.WriteString("script", script);
    });

    /// <summary>Reads a request line (without its newline); false with a message fit to send back when it is not one.</summary>
    internal static bool TryParseRequest(ReadOnlySpan<byte> line, out ControlRequest? request, out string error)
    {
        request = null;
        error = "";
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            error = "the request is not UTF-8 text";
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray(), Options);
        }
        catch (JsonException)
        {
            error = "the request is not a JSON object on one line";
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the request is not a JSON object on one line";
                return false;
            }

            if (!root.TryGetProperty("verb", out JsonElement verb) || verb.ValueKind != JsonValueKind.String)
            {
                error = "the request has no \"verb\" string";
                return false;
            }

            string name = verb.GetString()!;
            if (name == Status)
            {
                request = new ControlRequest(name, "");
                return true;
            }

            if (IsConfigVerb(name))
            {
                return TryParseConfigRequest(name, root, out request, out error);
            }

            if (name != Run)
            {
                error = $"unknown verb '{name}' (the daemon knows: {Run}, {Status}, {Reload}, {Apply}, {Confirm})";
                return false;
            }

            if (!root.TryGetProperty("script", out JsonElement script) || script.ValueKind != JsonValueKind.String || script.GetString() is not { Length: > 0 } scriptName)
            {
                error = "run needs a \"script\" name";
                return false;
            }

            request = new ControlRequest(name, scriptName);
            return true;
        }
    }

    internal static byte[] LogReply(ScriptLogEntry entry) => Line(w =>
    {
        w.WriteString("type", "log");
        w.WriteString("topic", entry.Topic);
        w.WriteString("script", entry.Script);
        w.WriteString("message", entry.Message.Length <= MaxMessageChars ? entry.Message : entry.Message[..MaxMessageChars] + "…");
    });

    internal static byte[] ResultReply(ScriptRunResult result) => Line(w =>
    {
        w.WriteString("type", "result");
        w.WriteBoolean("ok", result.Succeeded);
        if (!result.Succeeded)
        {
            w.WriteString("error", result.Error ?? "the run failed");
        }

        w.WriteNumber("statements", result.Statements);
    });

    internal static byte[] ErrorReply(string message) => Line(w =>
    {
        w.WriteString("type", "error");
        w.WriteString("message", message);
    });

    /// <summary>What one reply line says.</summary>
    /// <exception cref="ControlException">It is not a reply of this protocol.</exception>
    internal static ControlReply ParseReply(ReadOnlySpan<byte> line)
    {
        try
        {
            if (!System.Text.Unicode.Utf8.IsValid(line))
            {
                throw new JsonException();
            }

            using JsonDocument document = JsonDocument.Parse(line.ToArray(), Options);
            JsonElement root = document.RootElement;
            string? Str(string name) => root.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            switch (Str("type"))
            {
                case "log":
                    return new ControlReply.Log(new ScriptLogEntry(DateTimeOffset.UtcNow, Str("topic") ?? "info", Str("script") ?? "", Str("message") ?? ""));
                case "result":
                    bool ok = root.TryGetProperty("ok", out JsonElement okValue) && okValue.ValueKind == JsonValueKind.True;
                    long statements = root.TryGetProperty("statements", out JsonElement s) && s.TryGetInt64(out long n) ? n : 0;
                    return new ControlReply.Result(new ScriptRunResult(ok, ok ? null : Str("error") ?? "the run failed", statements));
                case "error":
                    return new ControlReply.Refused(Str("message") ?? "the daemon refused the request");
            }
        }
        catch (JsonException)
        {
        }

        throw new ControlException("the daemon's reply is not of this protocol (is the socket a sesame serve's?)");
    }

    private static byte[] Line(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
