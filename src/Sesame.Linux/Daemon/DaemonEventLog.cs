using System.Globalization;
using System.Text;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Linux.Daemon;

/// <summary>
/// One line per event, <c>sesame event=grant list=secured src=203.0.113.7 timeout=30m rule=3</c>: key=value, values
/// quoted only when they hold a blank, a quote or '=' — the form fail2ban's and most SIEMs' key=value parsers read.
/// </summary>
internal sealed class DaemonEventLog(TextWriter writer)
{
    private readonly Lock _lock = new();

    public void AddressList(EventKind kind, string list, IpRange address, TimeSpan? timeout, IpFamily family, int rule, string via)
    {
        string timeoutText = timeout is { } t ? RouterOsTime.Format(t) : "none";
        Write($"event={Name(kind)} list={Value(list)} src={address} timeout={timeoutText} family={FamilyName(family)} rule={rule.ToString(CultureInfo.InvariantCulture)} via={via}");
    }

    public void Expired(EventKind kind, string list, IpRange address, bool hadTimeout) =>
        Write($"event={(hadTimeout ? "expire" : "remove")} role={Name(kind)} list={Value(list)} src={address}");

    public void Layer7Miss(string list, IpRange address, int rule, IpFamily family) =>
        Write($"event=layer7-miss list={Value(list)} src={address} family={FamilyName(family)} rule={rule.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>An SPA packet granted: <c>event=spa-grant door=… user=… src=… address=… ports=tcp/22,… open-for=30s</c>.</summary>
    public void SpaGrant(string door, string? user, IpRange source, IpRange address, string ports, TimeSpan openFor, TimeSpan? verify = null, TimeSpan? grant = null) =>
        Write($"event=spa-grant door={Value(door)} user={Value(Cut(user ?? "-"))} src={source} address={address} ports={Value(ports)} open-for={RouterOsTime.Format(openFor)}{(verify is { } v && grant is { } g ? string.Create(CultureInfo.InvariantCulture, $" verify-ms={v.TotalMilliseconds:0.000} grant-ms={g.TotalMilliseconds:0.000}") : "")}");

    /// <summary>
    /// An SPA packet refused: <c>event=spa-reject door=… src=… reason=hmac|decrypt|format|stale|replay|denied detail="…"</c>
    /// (and <c>user=…</c> when a key opened it), one line a packet for fail2ban. The detail is the verifier's, which holds no key.
    /// </summary>
    public void SpaReject(string door, IpRange source, string reason, string detail, string? user) =>
        Write($"event=spa-reject door={Value(door)} src={source} reason={reason} detail={Value(Cut(detail))}{(user is null ? "" : " user=" + Value(Cut(user)))}");

    /// <summary>A script's <c>:log</c> or <c>:put</c> line: <c>event=script-log script=… topic=… message="…"</c>.</summary>
    public void ScriptLog(string script, string topic, string message) =>
        Write($"event=script-log script={Value(Cut(script))} topic={Value(Cut(topic))} message={Quoted(Cut(message))}");

    /// <summary>A script run that failed: <c>event=script-error script=… message="…"</c> (the message names the line).</summary>
    public void ScriptError(string script, string message) =>
        Write($"event=script-error script={Value(Cut(script))} message={Quoted(Cut(message))}");

    /// <summary>The most characters of a script's text one log line carries (a script can log a megabyte).</summary>
    internal const int MaxScriptText = 2000;

    private static string Cut(string text) => text.Length <= MaxScriptText ? text : text[..MaxScriptText] + "…";

    /// <summary>An entry a script added to (or removed from) a list, in the form of the daemon's other list events.</summary>
    public void ScriptAddressList(EventKind kind, string list, IpRange address, TimeSpan? timeout, bool added, string script)
    {
        string family = FamilyName(address.Family);
        if (added)
        {
            string timeoutText = timeout is { } t ? RouterOsTime.Format(t) : "none";
            Write($"event={Name(kind)} list={Value(list)} src={address} timeout={timeoutText} family={family} via=script script={Value(script)}");
        }
        else
        {
            Write($"event=remove role={Name(kind)} list={Value(list)} src={address} family={family} via=script script={Value(script)}");
        }
    }

    public void Message(string eventName, string details) => Write($"event={eventName} {details}".TrimEnd());

    internal static string Value(string text)
    {
        if (text.Length > 0 && text.AsSpan().IndexOfAny(" \t\"=\\") < 0 && !text.Any(char.IsControl))
        {
            return text;
        }

        return Quoted(text);
    }

    /// <summary>Always in quotes, with <c>"</c> and <c>\</c> escaped and control characters (newline, ESC, NUL) as blanks.</summary>
    internal static string Quoted(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in text)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.Append('"').ToString();
    }

    private static string Name(EventKind kind) => kind switch
    {
        EventKind.Grant => "grant",
        EventKind.Blacklist => "blacklist",
        _ => "stage",
    };

    /// <summary>The family as the log lines name it, after RouterOS's menus: <c>ip</c>, <c>ipv6</c>.</summary>
    internal static string FamilyName(IpFamily family) => family == IpFamily.V4 ? "ip" : "ipv6";

    private void Write(string line)
    {
        lock (_lock)
        {
            writer.WriteLine("sesame " + line);
            writer.Flush();
        }
    }
}
