using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Sesame.Text;

namespace Sesame.Knock;

/// <summary>A validated knock command: the steps, how to send them, what to do after.</summary>
public sealed class KnockPlan
{
    private const int MaxInterfaceName = 15;

    private KnockPlan(IReadOnlyList<KnockStep> steps, KnockSettings settings, AddressFamily family, int? waitPort, TimeSpan waitTimeout, string[]? then)
    {
        Steps = steps;
        Settings = settings;
        Family = family;
        WaitPort = waitPort;
        WaitTimeout = waitTimeout;
        Then = then;
    }

    public IReadOnlyList<KnockStep> Steps { get; }

    public KnockSettings Settings { get; }

    /// <summary>The address family the host must resolve to (from -4/-6 or the source address), or Unspecified.</summary>
    public AddressFamily Family { get; }

    public int? WaitPort { get; }

    public TimeSpan WaitTimeout { get; }

    /// <summary>The <c>--then</c> command's argv, or null.</summary>
    public IReadOnlyList<string>? Then { get; }

    /// <summary>Checks every argument and returns the plan, or null with one message per bad argument, each naming it.</summary>
    public static KnockPlan? Validate(KnockOptions options, out List<string> errors)
    {
        errors = [];
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add("HOST is empty");
        }

        if (options.Knocks.Count == 0)
        {
            errors.Add("no KNOCK given (PORT[:tcp|udp|icmp][:PAYLOAD]…)");
        }

        var steps = new List<KnockStep>(options.Knocks.Count);
        KnockProtocol defaultProtocol = options.DefaultUdp ? KnockProtocol.Udp : KnockProtocol.Tcp;
        foreach (string knock in options.Knocks)
        {
            if (KnockSpec.TryParse(knock, defaultProtocol, out KnockStep step, out string error))
            {
                steps.Add(step);
            }
            else
            {
                errors.Add($"KNOCK '{knock}': {error}");
            }
        }

        AddressFamily family = ParseFamily(options.Ipv4, options.Ipv6, options.Source, options.Interface, errors, out IPAddress? source);

        if (options.DelayMs < 0)
        {
            errors.Add($"--delay {options.DelayMs}: a delay is 0 or more milliseconds");
        }

        if (options.ConnectTimeoutMs < 0 || options.ConnectTimeoutMs > KnockSettings.MaxConnectTimeout.TotalMilliseconds)
        {
            errors.Add($"--connect-timeout {options.ConnectTimeoutMs}: 0..{KnockSettings.MaxConnectTimeout.TotalMilliseconds} ms (a longer wait would let the kernel retransmit the SYN, a second knock)");
        }

        int? waitPort = ParseWait(options.Wait, options.WaitTimeoutMs, errors);
        string[]? then = ParseThen(options.Then, errors);

        if (errors.Count > 0)
        {
            return null;
        }

        var settings = new KnockSettings
        {
            Delay = TimeSpan.FromMilliseconds(options.DelayMs),
            ConnectTimeout = TimeSpan.FromMilliseconds(options.ConnectTimeoutMs),
            RawTcp = options.Raw,
            Source = source,
            Interface = options.Interface,
        };
        return new KnockPlan(steps, settings, family, waitPort, TimeSpan.FromMilliseconds(options.WaitTimeoutMs), then);
    }

    /// <summary><c>--wait PORT[/tcp]</c> and <c>--wait-timeout</c>: the port, or null; a message per bad value in <paramref name="errors"/>.</summary>
    internal static int? ParseWait(string? waitText, int waitTimeoutMs, List<string> errors)
    {
        int? waitPort = null;
        if (waitText is not null)
        {
            string portText = waitText.EndsWith("/tcp", StringComparison.OrdinalIgnoreCase) ? waitText[..^4] : waitText;
            if (waitText.Contains('/', StringComparison.Ordinal) && portText == waitText)
            {
                errors.Add($"--wait '{waitText}': only a TCP port can be waited for (PORT or PORT/tcp)");
            }
            else if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
            {
                errors.Add($"--wait '{waitText}': '{portText}' is not a port (1..65535)");
            }
            else
            {
                waitPort = port;
            }
        }

        if (waitTimeoutMs <= 0)
        {
            errors.Add($"--wait-timeout {waitTimeoutMs}: a timeout is more than 0 milliseconds");
        }

        return waitPort;
    }

    /// <summary><c>--then COMMAND</c> split into words (no shell), or null.</summary>
    internal static string[]? ParseThen(string? thenText, List<string> errors)
    {
        if (thenText is null)
        {
            return null;
        }

        if (CommandLineSplitter.TrySplit(thenText, out string[] argv, out string error))
        {
            return argv;
        }

        errors.Add($"--then '{thenText}': {error}");
        return null;
    }

    /// <summary><c>-4</c>/<c>-6</c>/<c>--source</c>/<c>--interface</c>: the family the host must have and the local address, checked.</summary>
    internal static AddressFamily ParseFamily(bool ipv4, bool ipv6, string? sourceText, string? interfaceName, List<string> errors, out IPAddress? source)
    {
        AddressFamily family = AddressFamily.Unspecified;
        source = null;
        if (ipv4 && ipv6)
        {
            errors.Add("-4 and -6 exclude each other");
        }
        else if (ipv4 || ipv6)
        {
            family = ipv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        }

        if (sourceText is not null)
        {
            if (!HostResolver.TryParseLiteral(sourceText, out source))
            {
                errors.Add($"--source '{sourceText}' is not an IPv4 or IPv6 address");
            }
            else if (family != AddressFamily.Unspecified && source.AddressFamily != family)
            {
                errors.Add($"--source {source} is not an {HostResolver.FamilyName(family)} address");
                source = null;
            }
            else
            {
                family = source.AddressFamily;
            }
        }

        if (interfaceName is { } name && (name.Length is 0 or > MaxInterfaceName || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsWhiteSpace)))
        {
            errors.Add($"--interface '{name}' is not an interface name (1..{MaxInterfaceName} characters, no '/' or blanks)");
        }

        return family;
    }

    /// <summary>Checks what depends on the resolved address: its family against the source's, ICMP sizes against the IP header.</summary>
    public bool TryCheckTarget(IPAddress target, out string error)
    {
        error = "";
        if (Family != AddressFamily.Unspecified && target.AddressFamily != Family)
        {
            error = $"HOST {target} is not an {HostResolver.FamilyName(Family)} address" + (Settings.Source is null ? "" : $" like --source {Settings.Source}");
            return false;
        }

        foreach (KnockStep step in Steps)
        {
            if (!KnockSpec.TryCheckFor(step, target.AddressFamily, out error))
            {
                error = $"KNOCK '{step}': {error}";
                return false;
            }
        }

        return true;
    }
}
