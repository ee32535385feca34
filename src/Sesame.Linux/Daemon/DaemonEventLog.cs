using Microsoft.Extensions.Logging;
using Sesame.Linux.Logging;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// The daemon's events, one <c>[LoggerMessage]</c> method each (the partial files by concern), so every line has a fixed
/// event id and name, a level and named values: <c>sesame event=grant list=secured src=203.0.113.7 timeout=30m rule=3</c>
/// once <see cref="KeyValueLine"/> renders it. docs/serve.md lists every event, its level and its keys.
/// </summary>
internal sealed partial class DaemonEventLog
{
    /// <summary>The most characters of a script's text one log line carries (a script can log a megabyte).</summary>
    internal const int MaxScriptText = 2000;

    private readonly ILogger _logger;

    /// <summary>Lines written to <paramref name="writer"/> as they happen (in-process runs and tests).</summary>
    public DaemonEventLog(TextWriter writer)
        : this(new TextWriterLoggerProvider(writer).CreateLogger("Sesame.Daemon"))
    {
    }

    public DaemonEventLog(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <summary>An address entered a list: <c>event=grant|blacklist|stage list=… src=… timeout=… family=… rule=… via=…</c>.</summary>
    public void AddressList(EventKind kind, string list, IpRange address, TimeSpan? timeout, IpFamily family, int rule, string via) =>
        ListEntered(kind, list, address, timeout, family, rule, via, script: null);

    public void Expired(EventKind kind, string list, IpRange address, bool hadTimeout)
    {
        LogLevel level = LeftLevel(kind);
        if (hadTimeout)
        {
            Expire(level, Name(kind), list, address);
        }
        else
        {
            Remove(level, Name(kind), list, address, family: null, via: null, script: null);
        }
    }

    /// <summary>An SPA packet granted: <c>event=spa-grant door=… user=… src=… address=… ports=tcp/22,… open-for=30s</c>.</summary>
    public void SpaGrant(string door, string? user, IpRange source, IpRange address, string ports, TimeSpan openFor, TimeSpan? verify = null, TimeSpan? grant = null) =>
        SpaGranted(door, Cut(user ?? "-"), source, address, ports, openFor,
            verify is not null && grant is not null ? verify.Value.TotalMilliseconds : null,
            verify is not null && grant is not null ? grant.Value.TotalMilliseconds : null);

    /// <summary>
    /// An SPA packet refused: <c>event=spa-reject door=… src=… reason=hmac|decrypt|format|stale|replay|denied detail="…"</c>
    /// (and <c>user=…</c> when a key opened it), one line a packet for fail2ban. The detail is the verifier's, which holds no key.
    /// </summary>
    public void SpaReject(string door, IpRange source, string reason, string detail, string? user) =>
        SpaRejected(door, source, reason, Cut(detail), user is null ? null : Cut(user));

    /// <summary>A script's <c>:log</c> or <c>:put</c> line: <c>event=script-log script=… topic=… message="…"</c>.</summary>
    public void ScriptLog(string script, string topic, string message) =>
        ScriptLine(TopicLevel(topic), Cut(script), Cut(topic), new QuotedText(Cut(message)));

    /// <summary>A script run that failed: <c>event=script-error script=… message="…"</c> (the message names the line).</summary>
    public void ScriptError(string script, string message) => ScriptFailed(Cut(script), new QuotedText(Cut(message)));

    /// <summary>An entry a script added to (or removed from) a list, in the form of the daemon's other list events.</summary>
    public void ScriptAddressList(EventKind kind, string list, IpRange address, TimeSpan? timeout, bool added, string script)
    {
        if (added)
        {
            ListEntered(kind, list, address, timeout, address.Family, rule: null, "script", script);
        }
        else
        {
            Remove(LeftLevel(kind), Name(kind), list, address, address.Family, "script", script);
        }
    }

    internal static string Value(string text) => KeyValueLine.Value(text);

    /// <summary>Always in quotes, with <c>"</c> and <c>\</c> escaped and control characters (newline, ESC, NUL) as blanks.</summary>
    internal static string Quoted(string text) => KeyValueLine.Quoted(text);

    /// <summary>The family as the log lines name it, after RouterOS's menus: <c>ip</c>, <c>ipv6</c>.</summary>
    internal static string FamilyName(IpFamily family) => family == IpFamily.V4 ? "ip" : "ipv6";

    internal static string Cut(string text) => text.Length <= MaxScriptText ? text : text[..MaxScriptText] + "…";

    private void ListEntered(EventKind kind, string list, IpRange address, TimeSpan? timeout, IpFamily family, int? rule, string via, string? script)
    {
        TimeSpan time = timeout ?? Timeout.InfiniteTimeSpan;
        switch (kind)
        {
            case EventKind.Grant:
                Grant(list, address, time, family, rule, via, script);
                break;
            case EventKind.Blacklist:
                Blacklist(list, address, time, family, rule, via, script);
                break;
            default:
                Stage(list, address, time, family, rule, via, script);
                break;
        }
    }

    /// <summary>A knock stage's entry leaving is chatter (every knock does it); a grant's or a blacklisting's ending is not.</summary>
    private static LogLevel LeftLevel(EventKind kind) => kind == EventKind.Stage ? LogLevel.Debug : LogLevel.Information;

    /// <summary>A script's <c>:log</c> topic as a level (RouterOS's topics: error, warning, info, debug; <c>:put</c> is info).</summary>
    private static LogLevel TopicLevel(string topic) => topic switch
    {
        "error" or "critical" => LogLevel.Error,
        "warning" => LogLevel.Warning,
        "debug" => LogLevel.Debug,
        _ => LogLevel.Information,
    };

    private static string Name(EventKind kind) => kind switch
    {
        EventKind.Grant => "grant",
        EventKind.Blacklist => "blacklist",
        _ => "stage",
    };
}
