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

    public void Message(string eventName, string details) => Write($"event={eventName} {details}".TrimEnd());

    internal static string Value(string text)
    {
        if (text.Length > 0 && text.AsSpan().IndexOfAny(" \t\"=\\") < 0)
        {
            return text;
        }

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
