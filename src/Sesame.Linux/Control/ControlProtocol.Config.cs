using System.Text.Json;

namespace Sesame.Linux.Control;

/// <summary>
/// The configuration verbs: <c>{"verb":"reload"}</c> (read the daemon's configuration file again),
/// <c>{"verb":"apply","path":"/etc/sesame/new.rsc","confirm-ms":60000,"ssh-connection":"192.0.2.9 50022 192.0.2.1 22"}</c>
/// (serve that file; with <c>confirm-ms</c>, roll back unless confirmed in time) and <c>{"verb":"confirm"}</c>. The daemon
/// answers with <c>{"type":"log","topic":"error|warning|info","script":"","message":"…"}</c> lines, then
/// <c>{"type":"result","ok":true}</c> or <c>{"type":"result","ok":false,"error":"…"}</c>.
/// </summary>
public static partial class ControlProtocol
{
    /// <summary>The verb that re-reads the daemon's configuration file.</summary>
    public const string Reload = "reload";

    /// <summary>The verb that serves another configuration file, optionally until a confirmation.</summary>
    public const string Apply = "apply";

    /// <summary>The verb that keeps the configuration an apply put in.</summary>
    public const string Confirm = "confirm";

    /// <summary>The longest confirmation window an apply may ask for.</summary>
    public static readonly TimeSpan MaxConfirmWithin = TimeSpan.FromHours(24);

    /// <summary>The longest <c>SSH_CONNECTION</c> value sent (four fields: two addresses and two ports).</summary>
    private const int MaxSshConnectionChars = Checking.SshSession.MaxLength + 1;

    /// <summary>The request line for <c>reload</c> or <c>confirm</c>, newline included.</summary>
    public static byte[] SimpleRequest(string verb)
    {
        ArgumentException.ThrowIfNullOrEmpty(verb);
        return Line(w => w.WriteString("verb", verb));
    }

    /// <summary>The request line for <c>apply</c>, newline included.</summary>
    /// <param name="path">The configuration file, absolute; null for the daemon's own.</param>
    public static byte[] ApplyRequest(string? path, TimeSpan? confirmWithin, string? sshConnection) => Line(w =>
    {
        w.WriteString("verb", Apply);
        if (path is not null)
        {
            w.WriteString("path", path);
        }

        if (confirmWithin is { } within)
        {
            w.WriteNumber("confirm-ms", (long)within.TotalMilliseconds);
        }

        if (sshConnection is not null)
        {
            w.WriteString("ssh-connection", sshConnection);
        }
    });

    private static bool IsConfigVerb(string verb) => verb is Reload or Apply or Confirm;

    private static bool TryParseConfigRequest(string verb, JsonElement root, out ControlRequest? request, out string error)
    {
        request = null;
        error = "";
        if (verb != Apply)
        {
            request = new ControlRequest(verb, "");
            return true;
        }

        string? path = null;
        if (root.TryGetProperty("path", out JsonElement p))
        {
            path = p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            if (path is null || path.Length == 0 || path[0] != '/' || path.Contains('\0', StringComparison.Ordinal))
            {
                error = "apply: \"path\" must be an absolute file path";
                return false;
            }
        }

        TimeSpan? within = null;
        if (root.TryGetProperty("confirm-ms", out JsonElement c))
        {
            if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt64(out long ms) || ms < 1000 || ms > (long)MaxConfirmWithin.TotalMilliseconds)
            {
                error = $"apply: \"confirm-ms\" must be a whole number of milliseconds from 1000 to {(long)MaxConfirmWithin.TotalMilliseconds}";
                return false;
            }

            within = TimeSpan.FromMilliseconds(ms);
        }

        string? ssh = null;
        if (root.TryGetProperty("ssh-connection", out JsonElement s))
        {
            ssh = s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (ssh is null || ssh.Length > MaxSshConnectionChars)
            {
                error = $"apply: \"ssh-connection\" must be a string of at most {MaxSshConnectionChars} characters";
                return false;
            }
        }

        request = new ControlRequest(verb, "") { Path = path, ConfirmWithin = within, SshConnection = ssh };
        return true;
    }

    internal static byte[] NoteReply(ControlNote note) => Line(w =>
    {
        w.WriteString("type", "log");
        w.WriteString("topic", note.Topic);
        w.WriteString("script", "");
        w.WriteString("message", note.Message.Length <= MaxMessageChars ? note.Message : note.Message[..MaxMessageChars] + "…");
    });

    internal static byte[] OutcomeReply(ControlOutcome outcome) => Line(w =>
    {
        w.WriteString("type", "result");
        w.WriteBoolean("ok", outcome.Succeeded);
        if (!outcome.Succeeded)
        {
            w.WriteString("error", outcome.Error ?? "refused");
        }
    });
}
