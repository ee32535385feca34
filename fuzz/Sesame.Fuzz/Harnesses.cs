using System.Text;
using Sesame.Linux.Netlink;
using Sesame.Linux.Nftables;
using Sesame.Profiles;
using Sesame.RouterOS;
using Sesame.Tracing;

namespace Sesame.Fuzz;

/// <summary>
/// One entry per parser. A harness feeds the bytes to the parser as the CLI or the daemon would; diagnostics are the
/// expected outcome of bad input, so only an exception (or a hang, which afl times out) is a finding.
/// </summary>
internal static class Harnesses
{
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>(StringComparer.Ordinal)
    {
        ["routeros"] = RouterOs,
        ["trace"] = TraceFile,
        ["profile"] = Profile,
        ["knockd"] = Knockd,
        ["nflog"] = Nflog,
    };

    /// <summary>The script parser, the console interpreter (find expressions included) and the model builder.</summary>
    private static void RouterOs(byte[] data) =>
        RouterOsScript.Parse(Text(data), "fuzz.rsc", new ScriptOptions { Strict = data.Length > 0 && (data[0] & 1) == 1 });

    private static void TraceFile(byte[] data) =>
        TraceReader.Read(Text(data), "fuzz.trace", TraceDefaults.Plain);

    /// <summary>The YAML reader, the profile parser and the compiler to the rule model.</summary>
    private static void Profile(byte[] data) =>
        ProfileReader.Read(Text(data), "fuzz.yaml");

    /// <summary>The importer, then what <c>sesame import</c> prints, read back as a profile.</summary>
    private static void Knockd(byte[] data)
    {
        KnockdImport imported = KnockdImporter.Import(Text(data), "knockd.conf");
        if (!imported.HasErrors)
        {
            ProfileReader.Read(ProfileWriter.Write(imported.Profile), "imported.yaml");
        }
    }

    /// <summary>
    /// One datagram from the NFLOG socket, decoded as the daemon does: every message, the log prefix, the IP header.
    /// </summary>
    private static void Nflog(byte[] data)
    {
        var reader = new NflogMessageReader(data);
        int packets = 0;
        Span<char> prefix = stackalloc char[128];
        while (reader.TryReadNext(out NflogPacket packet))
        {
            if (++packets > data.Length)
            {
                throw new InvalidOperationException("the reader yields more packets than the datagram has bytes");
            }

            int length = Encoding.UTF8.GetChars(packet.Prefix[..Math.Min(packet.Prefix.Length, 128)], prefix);
            NftLogPrefix.TryParse(prefix[..length], out _, out _, out _);
            if (IpPacketView.TryParse(packet.Payload, out IpPacketView ip) && ip.Data.Length > packet.Payload.Length)
            {
                throw new InvalidOperationException("the IP view's data is longer than the packet");
            }
        }
    }

    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);
}
