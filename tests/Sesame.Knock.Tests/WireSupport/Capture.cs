using Sesame.Tests.Kernel;

namespace Sesame.Tests.WireSupport;

/// <summary>tcpdump on the server's end of the veth pair, writing a pcap file that is read after the capture stops.</summary>
internal sealed class Capture
{
    private readonly BackgroundProcess _tcpdump;
    private readonly string _file;

    private Capture(BackgroundProcess tcpdump, string file)
    {
        _tcpdump = tcpdump;
        _file = file;
    }

    /// <summary>Starts tcpdump in the server namespace and returns once it listens; <paramref name="filter"/> is a pcap filter.</summary>
    public static Capture Start(NetNs pair, string folder, string filter)
    {
        string file = Path.Combine(folder, "capture.pcap");
        // --immediate-mode: without it the kernel hands packets over in blocks, up to a second late, and a capture
        // stopped right after the knock misses them. -U writes each packet as it comes; -Z root keeps the file writable.
        BackgroundProcess tcpdump = pair.Start(pair.Server, Tools.Require("tcpdump"), "-i", pair.ServerInterface, "-n", "--immediate-mode", "-U", "-Z", "root", "-w", file, filter);
        tcpdump.WaitForOutput("listening on", TimeSpan.FromSeconds(10));
        return new Capture(tcpdump, file);
    }

    /// <summary>
    /// Stops the capture (SIGINT: tcpdump flushes and exits) once <paramref name="complete"/> holds for the packets so far
    /// or 3 s have passed — a first packet to a new IPv6 neighbour waits in the kernel for neighbour discovery — and
    /// returns the packets.
    /// </summary>
    public List<CapturedPacket> Stop(Func<List<CapturedPacket>, bool> complete)
    {
        Poll.Until(() => complete(ReadSoFar()), TimeSpan.FromSeconds(3));
        _tcpdump.Stop(TimeSpan.FromSeconds(5));
        return ReadSoFar();
    }

    private List<CapturedPacket> ReadSoFar()
    {
        try
        {
            // tcpdump -U writes whole records; a record still being written is left out by the reader.
            return File.Exists(_file) ? PcapFile.Parse(File.ReadAllBytes(_file)) : [];
        }
        catch (IOException)
        {
            return [];
        }
    }
}
