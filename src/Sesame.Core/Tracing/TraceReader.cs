using System.Globalization;
using Sesame.Diagnostics;
using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;

namespace Sesame.Tracing;

/// <summary>
/// Reads the trace format of DESIGN.md: <c>&lt;time&gt; &lt;src&gt; &lt;protocol&gt; &lt;dst-port|-&gt; [key=value …]</c>, one packet
/// a line, or <c>&lt;time&gt; run &lt;script-name&gt;</c> (the name double-quoted when it holds blanks), <c>#</c> comments. Every bad line is reported with its line and column; reading goes on to find them all.
/// Diagnostic codes SES04xx.
/// </summary>
public static class TraceReader
{
    private const int Ipv4Header = 20;
    private const int Ipv6Header = 40;

    /// <summary>The largest IP packet (the total-length field is 16 bits); a longer payload cannot be a packet.</summary>
    private const int MaxPacketLength = 65535;

    /// <summary>
    /// The longest line: room for a largest packet's payload written entirely as <c>\xNN</c> escapes, and the fields.
    /// Longer lines are refused before they are split.
    /// </summary>
    public const int MaxLineLength = (4 * MaxPacketLength) + 1024;

    /// <summary>The latest time a trace may give: 10^9 s (about 31 years), well inside what a <see cref="TimeSpan"/> holds.</summary>
    public const double MaxTime = 1e9;

    private static readonly string[] Keys = ["in", "out", "dst", "sport", "flags", "payload", "len", "chain"];

    public static Trace Read(string text, string fileName, TraceDefaults defaults)
    {
        var diagnostics = new DiagnosticBag();
        var packets = new List<TracePacket>();
        var runs = new List<TraceRun>();
        double lastTime = 0;
        bool reportedDefaultProblem = false;
        string[] lines = text.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length > MaxLineLength)
            {
                diagnostics.Error(new SourceLocation(fileName, i + 1, MaxLineLength + 1), "SES0424",
                    $"the line is {lines[i].Length} characters long; a trace line has at most {MaxLineLength}");
                continue;
            }

            if (IsRunLine(lines[i]))
            {
                if (ParseRunLine(lines[i], fileName, i + 1, packets.Count, defaults, diagnostics) is { } run)
                {
                    if (run.Time < lastTime)
                    {
                        diagnostics.Error(run.Location, "SES0410", $"time goes backwards: {Seconds(run.Time)} comes after {Seconds(lastTime)}; a trace's times never decrease");
                        continue;
                    }

                    lastTime = run.Time;
                    runs.Add(run);
                }

                continue;
            }

            var line = new TraceLine(lines[i], fileName, i + 1, diagnostics);
            if (line.Tokens.Count == 0 || !line.IsValid)
            {
                continue;
            }

            TracePacket? packet = ParseLine(line, i + 1, defaults, diagnostics);
            if (packet is null)
            {
                continue;
            }

            if (packet.Time < lastTime)
            {
                diagnostics.Error(line.Tokens[0].Location, "SES0410", $"time goes backwards: {line.Tokens[0].Text} comes after {lastTime.ToString(CultureInfo.InvariantCulture)}; a trace's times never decrease");
                continue;
            }

            if (defaults.Problem is not null && packet.Hook != Hook.Output && !line.HasKey("in") && !reportedDefaultProblem)
            {
                diagnostics.Warning(line.Tokens[0].Location, "SES0420", defaults.Problem);
                reportedDefaultProblem = true;
            }

            lastTime = packet.Time;
            packets.Add(packet);
        }

        return new Trace(packets, diagnostics.Items) { Runs = runs };
    }

    private static string Seconds(double time) => time.ToString(CultureInfo.InvariantCulture);

    // A run line's second field is the word "run" (a packet line has a source address there).
    private static bool IsRunLine(string line)
    {
        int i = 0;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] != '#')
        {
            i++;
        }

        int start = i;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        return i > start && line.AsSpan(i).StartsWith("run", StringComparison.Ordinal)
            && (i + 3 == line.Length || char.IsWhiteSpace(line[i + 3]) || line[i + 3] == '#');
    }

    private static TraceRun? ParseRunLine(string line, string file, int lineNumber, int packetsBefore, TraceDefaults defaults, DiagnosticBag diagnostics)
    {
        int i = 0;
        while (char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        int timeStart = i;
        while (!char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        var timeLocation = new SourceLocation(file, lineNumber, timeStart + 1);
        int errors = diagnostics.ErrorCount;
        double time = ParseTime(new TraceToken(line[timeStart..i], timeLocation), diagnostics);
        i = line.IndexOf("run", i, StringComparison.Ordinal) + 3;
        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        var nameLocation = new SourceLocation(file, lineNumber, i + 1);
        string name;
        if (i < line.Length && line[i] == '"')
        {
            if (!TraceLine.TryReadQuoted(line, ref i, out byte[] bytes, out string error, out int errorColumn))
            {
                diagnostics.Error(new SourceLocation(file, lineNumber, errorColumn), "SES0422", error);
                return null;
            }

            name = System.Text.Encoding.UTF8.GetString(bytes);
        }
        else
        {
            int start = i;
            while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] != '#')
            {
                i++;
            }

            name = line[start..i];
        }

        while (i < line.Length && char.IsWhiteSpace(line[i]))
        {
            i++;
        }

        if (i < line.Length && line[i] != '#')
        {
            diagnostics.Error(new SourceLocation(file, lineNumber, i + 1), "SES0427", "unexpected text after the script name; write <time> run <script-name>, quoting a name with blanks");
            return null;
        }

        if (name.Length == 0)
        {
            diagnostics.Error(nameLocation, "SES0426", "a run line names a script: <time> run <script-name>");
            return null;
        }

        if (!defaults.ScriptNames.Contains(name, StringComparer.Ordinal))
        {
            string known = defaults.ScriptNames.Count == 0
                ? "the config has no /system script"
                : $"the config's scripts are {string.Join(", ", defaults.ScriptNames)}";
            diagnostics.Error(nameLocation, "SES0426", $"unknown script '{name}'{Suggestion.DidYouMean(name, defaults.ScriptNames)}; {known}");
            return null;
        }

        return diagnostics.ErrorCount > errors ? null : new TraceRun(time, name, packetsBefore, timeLocation);
    }

    private static TracePacket? ParseLine(TraceLine line, int lineNumber, TraceDefaults defaults, DiagnosticBag diagnostics)
    {
        IReadOnlyList<TraceToken> t = line.Tokens;
        if (t.Count < 4 || t[0].IsKeyValue || t[1].IsKeyValue || t[2].IsKeyValue || t[3].IsKeyValue)
        {
            TraceToken at = t.Count < 4 ? t[^1] : t.First(x => x.IsKeyValue);
            diagnostics.Error(at.Location, "SES0401", "expected <time> <src-address> <protocol> <dst-port|-> before any key=value");
            return null;
        }

        int errors = diagnostics.ErrorCount;
        double time = ParseTime(t[0], diagnostics);
        (IpFamily family, UInt128 src) = ParseAddress(t[1], "source", diagnostics);
        byte protocol = ParseProtocol(t[2], diagnostics);
        ushort dstPort = ParsePort(t[3], protocol, "destination port", diagnostics, required: true);

        var hook = Hook.Input;
        UInt128 dst = family == IpFamily.V6 ? defaults.HostV6 : defaults.HostV4;
        ushort srcPort = DefaultSourcePort(lineNumber);
        TcpFlags flags = protocol == IpProtocols.Tcp ? TcpFlags.Syn : TcpFlags.None;
        byte[] payload = [];
        int? length = null;
        string? inInterface = defaults.InInterface;
        string? outInterface = null;
        bool inGiven = false;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 4; k < t.Count; k++)
        {
            TraceToken token = t[k];
            if (!token.IsKeyValue)
            {
                diagnostics.Error(token.Location, "SES0402", $"unexpected '{token.Text}'; extra fields are key=value ({string.Join(", ", Keys)})");
                continue;
            }

            if (!seen.Add(token.Key))
            {
                diagnostics.Error(token.Location, "SES0403", $"'{token.Key}' is given twice");
                continue;
            }

            switch (token.Key)
            {
                case "in":
                    inInterface = ParseInterface(token, defaults, diagnostics);
                    inGiven = true;
                    break;
                case "out":
                    outInterface = ParseInterface(token, defaults, diagnostics);
                    break;
                case "dst":
                    (IpFamily dstFamily, UInt128 dstValue) = ParseAddress(token.ValueToken, "destination", diagnostics);
                    if (dstFamily != family)
                    {
                        diagnostics.Error(token.ValueLocation, "SES0404", $"destination '{token.Value}' and source '{t[1].Text}' are not of the same IP version");
                    }

                    dst = dstValue;
                    break;
                case "sport":
                    srcPort = ParsePort(token.ValueToken, protocol, "source port", diagnostics, required: true);
                    break;
                case "flags":
                    flags = ParseFlags(token, protocol, diagnostics);
                    break;
                case "payload":
                    payload = token.PayloadBytes;
                    break;
                case "len":
                    if (!int.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int len) || len > 65535)
                    {
                        diagnostics.Error(token.ValueLocation, "SES0405", $"len '{token.Value}' is not a packet length (0..65535)");
                    }
                    else
                    {
                        length = len;
                    }

                    break;
                case "chain":
                    hook = token.Value switch
                    {
                        "input" => Hook.Input,
                        "forward" => Hook.Forward,
                        "output" => Hook.Output,
                        _ => Invalid(token, diagnostics),
                    };
                    break;
                default:
                    diagnostics.Error(token.Location, "SES0406", $"unknown key '{token.Key}'{Suggestion.DidYouMean(token.Key, Keys)}; the keys are {string.Join(", ", Keys)}");
                    break;
            }
        }

        if (hook == Hook.Output)
        {
            // Packets the host sends have no in-interface.
            if (inGiven)
            {
                diagnostics.Error(t[0].Location, "SES0407", "a packet in the output chain has no in-interface; use out=");
            }

            inInterface = null;
            outInterface ??= defaults.InInterface;
        }

        int minimum = (family == IpFamily.V4 ? Ipv4Header : Ipv6Header) + TransportHeader(protocol) + payload.Length;
        if (length is int given && given < minimum)
        {
            diagnostics.Error(t[0].Location, "SES0408", $"len={given} is shorter than the headers and payload ({minimum} bytes)");
        }

        if (minimum > MaxPacketLength)
        {
            diagnostics.Error(t[0].Location, "SES0425", $"the headers and payload ({minimum} bytes) are longer than an IP packet ({MaxPacketLength} bytes)");
        }

        if (diagnostics.ErrorCount > errors)
        {
            return null;
        }

        return new TracePacket(time, hook, family, src, dst, protocol, srcPort, dstPort, flags, length ?? minimum, payload,
            inInterface, outInterface, t[0].Location, line.Text);
    }

    /// <summary>
    /// Without <c>sport=</c>, each line is a new connection attempt, as a client opens a new socket for each knock: its
    /// own ephemeral port, 32768 + the line number (wrapping inside Linux's ephemeral range). Retransmissions of one
    /// attempt — the same 5-tuple again — are written with the same <c>sport=</c>.
    /// </summary>
    public static ushort DefaultSourcePort(int lineNumber) => (ushort)(32768 + (lineNumber % 28232));

    private static Hook Invalid(TraceToken token, DiagnosticBag diagnostics)
    {
        diagnostics.Error(token.ValueLocation, "SES0409", $"chain '{token.Value}' is not input, forward or output");
        return Hook.Input;
    }

    private static int TransportHeader(byte protocol) => protocol switch
    {
        IpProtocols.Tcp => 20,
        IpProtocols.Udp => 8,
        IpProtocols.Icmp or IpProtocols.IcmpV6 => 8,
        _ => 0,
    };

    private static double ParseTime(TraceToken token, DiagnosticBag diagnostics)
    {
        // double.TryParse takes "NaN", "Infinity" and "∞" whatever the style says: only a finite time in range is one.
        if (!double.TryParse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double time)
            || !double.IsFinite(time) || time < 0 || time > MaxTime)
        {
            diagnostics.Error(token.Location, "SES0411", $"'{token.Text}' is not a time (seconds from the start of the trace, 0 to {MaxTime.ToString(CultureInfo.InvariantCulture)}, e.g. 0, 0.4, 31)");
            return 0;
        }

        return time;
    }

    private static (IpFamily, UInt128) ParseAddress(TraceToken token, string what, DiagnosticBag diagnostics)
    {
        if (!IpRange.TryParseAddress(token.Text, out IpFamily family, out UInt128 value))
        {
            diagnostics.Error(token.Location, "SES0412", $"'{token.Text}' is not an IPv4 or IPv6 {what} address");
            return (IpFamily.V4, 0);
        }

        return (family, value);
    }

    private static byte ParseProtocol(TraceToken token, DiagnosticBag diagnostics)
    {
        string name = token.Text.ToLowerInvariant();
        if (name == "ipv6-icmp")
        {
            name = "icmpv6";
        }

        if (!IpProtocols.TryParse(name, out byte protocol))
        {
            diagnostics.Error(token.Location, "SES0413", $"'{token.Text}' is not a protocol (tcp, udp, icmp, icmpv6, or a number 0..255)");
            return IpProtocols.Tcp;
        }

        return protocol;
    }

    private static ushort ParsePort(TraceToken token, byte protocol, string what, DiagnosticBag diagnostics, bool required)
    {
        bool hasPorts = IpProtocols.HasPorts(protocol);
        if (token.Text == "-")
        {
            if (hasPorts && required)
            {
                diagnostics.Error(token.Location, "SES0414", $"{IpProtocols.ToName(protocol)} packets need a {what} (0..65535)");
            }

            return 0;
        }

        if (!hasPorts)
        {
            diagnostics.Error(token.Location, "SES0415", $"{IpProtocols.ToName(protocol)} has no ports; write '-'");
            return 0;
        }

        if (!ushort.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out ushort port))
        {
            diagnostics.Error(token.Location, "SES0416", $"'{token.Text}' is not a {what} (0..65535)");
            return 0;
        }

        return port;
    }

    private static string? ParseInterface(TraceToken token, TraceDefaults defaults, DiagnosticBag diagnostics)
    {
        if (!defaults.KnownInterfaces.Contains(token.Value))
        {
            diagnostics.Error(token.ValueLocation, "SES0417",
                $"unknown interface '{token.Value}'{Suggestion.DidYouMean(token.Value, defaults.KnownInterfaces)}; the config knows {string.Join(", ", defaults.KnownInterfaces.Order(StringComparer.Ordinal))}");
            return null;
        }

        return token.Value;
    }

    private static TcpFlags ParseFlags(TraceToken token, byte protocol, DiagnosticBag diagnostics)
    {
        if (protocol != IpProtocols.Tcp)
        {
            diagnostics.Error(token.Location, "SES0418", "flags= applies to tcp packets only");
            return TcpFlags.None;
        }

        if (token.Value is "-" or "none" or "")
        {
            return TcpFlags.None;
        }

        TcpFlags flags = TcpFlags.None;
        foreach (string part in token.Value.Split(','))
        {
            if (!TcpFlagNames.TryParse(part, out TcpFlags flag))
            {
                diagnostics.Error(token.ValueLocation, "SES0419", $"'{part}' is not a TCP flag ({TcpFlagNames.All})");
                continue;
            }

            flags |= flag;
        }

        return flags;
    }
}
