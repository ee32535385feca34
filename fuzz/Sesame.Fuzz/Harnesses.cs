using System.Text;
using Sesame.Linux.Netlink;
using Sesame.Model;
using Sesame.Net;
using Sesame.Spa;
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
        ["spa"] = Spa,
        ["fwknop"] = Fwknop,
    };

    /// <summary>
    /// One key pair, fixed so that afl's runs are repeatable (never a real door's), and a door whose window takes any
    /// timestamp, so that the fields reach the replay, type, port and address checks. Made on the first input, inside
    /// SharpFuzz's run (lazily): instrumented code must not run before it has set up the coverage map, as a plain static
    /// initializer would.
    /// </summary>
    private static readonly Lazy<(SpaKeys Keys, SpaVerifier Verifier)> SpaUnderTest = new(() =>
    {
        var keys = new SpaKeys(Enumerable.Repeat((byte)7, 32).ToArray(), Enumerable.Repeat((byte)9, 64).ToArray());
        var ssh = new SpaPort(IpProtocols.Tcp, 22);
        var door = new SpaDoor("fuzz")
        {
            Window = TimeSpan.FromDays(365 * 100),
            AllowAddress = true,
            Users = [new SpaUser("fuzz", keys) { Ports = [ssh] }],
            PortLists = [new SpaPortList(ssh, "fuzz-spa-tcp22")],
        };
        return (keys, new SpaVerifier(door, new SpaReplayCache(TimeProvider.System), TimeProvider.System));
    });

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

    /// <summary>
    /// The daemon's SPA verifier, twice: the bytes as a packet from the wire (length, alphabet and the HMAC that stops a
    /// forger), and the bytes as the encoded fields of a packet sealed with the door's key, so that they reach what only
    /// an authenticated packet reaches — decryption, the field parser, the timestamp, replay, type, port and address
    /// checks. Also fails when a verdict's detail (it goes into a log line) holds a control character.
    /// </summary>
    private static void Spa(byte[] data)
    {
        (SpaKeys keys, SpaVerifier verifier) = SpaUnderTest.Value;
        Check(verifier.Verify(IpFamily.V4, 0x0A000001, data));
        string packet;
        try
        {
            packet = SpaPacket.Seal(Encoding.Latin1.GetString(data), keys);
        }
        catch (ArgumentException)
        {
            return; // more than one packet holds
        }

        Check(verifier.Verify(IpFamily.V6, 1, Encoding.ASCII.GetBytes(packet)));

        static void Check(SpaVerdict verdict)
        {
            if (verdict.Detail is { } detail && detail.Any(char.IsControl))
            {
                throw new InvalidOperationException("a verdict's detail holds a control character");
            }
        }
    }

    /// <summary>
    /// The access.conf importer with a fwknopd.conf (the input split at its first NUL byte), then what it prints read back
    /// (the key files it names are not written here, so reading them back reports them missing: diagnostics, not a finding).
    /// </summary>
    private static void Fwknop(byte[] data)
    {
        int split = Array.IndexOf(data, (byte)0);
        string access = Text(split < 0 ? data : data[..split]);
        string? daemon = split < 0 ? null : Text(data[(split + 1)..]);
        FwknopImport imported = FwknopImporter.Import(access, "access.conf", daemon, daemon is null ? null : "fwknopd.conf");
        if (!imported.HasErrors)
        {
            ProfileReader.Read(ProfileWriter.Write(imported.Profile), "imported.yaml");
        }
    }

    private static string Text(byte[] data) => Encoding.UTF8.GetString(data);
}
