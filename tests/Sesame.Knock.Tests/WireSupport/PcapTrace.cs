using System.Globalization;
using System.Net;
using System.Text;

namespace Sesame.Tests.WireSupport;

/// <summary>
/// Turns captured packets into the trace format of DESIGN.md, so <c>simulate</c> (the engine) can judge what the
/// client really put on the wire: time from the first packet, source, protocol, port, source port, TCP flags, payload.
/// </summary>
internal static class PcapTrace
{
    public static string From(IEnumerable<CapturedPacket> packets, IPAddress source)
    {
        var trace = new StringBuilder();
        double? start = null;
        foreach (CapturedPacket p in packets)
        {
            if (!p.Src.Equals(source))
            {
                continue;
            }

            start ??= p.Time;
            string time = (p.Time - start.Value).ToString("0.000000", CultureInfo.InvariantCulture);
            string line = p.Protocol switch
            {
                CapturedPacket.Tcp => $"{time} {p.Src} tcp {p.DstPort} sport={p.SrcPort} flags={Flags(p.TcpFlags)}",
                CapturedPacket.Udp => $"{time} {p.Src} udp {p.DstPort} sport={p.SrcPort}",
                _ => $"{time} {p.Src} icmp - len={p.IpLength}",
            };
            if (p.Payload.Length > 0)
            {
                line += $" payload=\"{Escape(p.Payload)}\"";
            }

            trace.AppendLine(line);
        }

        return trace.ToString();
    }

    private static string Flags(byte flags)
    {
        string[] names = ["fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr"];
        return string.Join(',', names.Where((_, bit) => (flags & (1 << bit)) != 0));
    }

    private static string Escape(byte[] payload)
    {
        var text = new StringBuilder();
        foreach (byte b in payload)
        {
            if (b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return text.ToString();
    }
}
