using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Sesame.Engine;
using Sesame.Linux.Nftables;
using Sesame.Model;
using Sesame.Simulation;
using Sesame.Tracing;

namespace Sesame.Tests.Kernel;

/// <summary>
/// The same packets through the engine (<see cref="Simulator"/>, the reference semantics) and through the kernel with
/// the compiled ruleset: both must end with the same address lists — names, addresses, and remaining timeouts within
/// a tolerance (the kernel reports whole seconds and is read a moment after the last packet).
/// </summary>
public sealed class DifferentialTests
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(3);

    public static TheoryData<string, bool, string[]> Traces => new()
    {
        { "000-manual-old-en.rsc", false, ["tcp 888", "tcp 555", "tcp 222", "tcp 22"] },
        { "000-manual-old-en.rsc", false, ["tcp 888", "tcp 222", "tcp 555", "tcp 22"] },
        { "000-manual-old-en.rsc", false, ["tcp 555", "tcp 888", "tcp 888", "udp 555 x"] },
        { "000-manual-old-en.rsc", true, ["tcp 888", "tcp 555", "tcp 222", "tcp 80"] },
        { "000-manual-old-en-layer7.rsc", false, ["tcp 888", "udp 888 passphrase", "udp 888 PassPhrase/", "tcp 555", "tcp 222"] },
        { "001-slides-layer7.rsc", false, ["udp 1234 nope", "udp 4321 supersecretpassword2", "udp 1234 SUPERSECRETPASSWORD1", "udp 4321 supersecretpassword2"] },
        { "001-slides-layer7.rsc", false, ["udp 1234 supersecretpassword1\n", "udp 1234 supersecretpassword2", "udp 4321 supersecretpassword1"] },
        { "004-manual-new-alternatives.rsc", false, ["udp 51820 hello", "tcp 22"] },
    };

    [RootTheory]
    [MemberData(nameof(Traces))]
    public void Trace_ThroughEngineAndKernel_EndsWithTheSameAddressLists(string seed, bool ipv6, string[] knocks)
    {
        string text = SeedFixtures.Read(seed);
        FirewallConfig config = Configs.Parse(ipv6 ? text.Replace("/ip firewall filter", "/ipv6 firewall filter", StringComparison.Ordinal) : text, seed);
        using var ns = new NetNs();
        IPAddress client = ipv6 ? ns.ClientV6 : ns.ClientV4;
        IPAddress server = ipv6 ? ns.ServerV6 : ns.ServerV4;
        Kernel.Apply(ns, config);

        var trace = new StringBuilder();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < knocks.Length; i++)
        {
            string[] parts = knocks[i].Split(' ', 3);
            int port = int.Parse(parts[1], CultureInfo.InvariantCulture);
            int sourcePort = 43000 + i;
            double time = clock.Elapsed.TotalSeconds;
            trace.Append(CultureInfo.InvariantCulture, $"{time:F3} {client} {parts[0]} {port} dst={server} in=ether1 sport={sourcePort}");
            if (parts[0] == "tcp")
            {
                ns.TryConnect(server, port, sourcePort);
            }
            else
            {
                byte[] payload = parts.Length > 2 ? Encoding.Latin1.GetBytes(parts[2]) : [];
                trace.Append(" payload=\"").Append(Escape(payload)).Append('"');
                ns.SendUdp(server, port, sourcePort, payload);
            }

            trace.Append('\n');
            Thread.Sleep(30); // keeps the packets in order through the veth pair
        }

        Thread.Sleep(100);
        IReadOnlyList<NftAddressListElement> kernel = Kernel.Lists(ns);
        Sesame.Tracing.Trace parsed = TraceReader.Read(trace.ToString(), "differential", TraceDefaults.FromConfig(config));
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        SimulationResult engine = Simulator.Run(config, parsed.Packets);

        string[] expected = [.. engine.Lists.Where(e => e.Address is not null).Select(e => $"{e.List} {e.Address}").Order(StringComparer.Ordinal)];
        string[] actual = [.. kernel.Select(e => $"{e.List} {e.Address}").Order(StringComparer.Ordinal)];
        Assert.Equal(expected, actual);
        foreach (AddressListEntryState e in engine.Lists.Where(e => e.Address is not null))
        {
            NftAddressListElement k = kernel.Single(k => k.List == e.List && k.Address == e.Address);
            Assert.Equal(e.Remaining is null, k.Expires is null);
            if (e.Remaining is { } remaining)
            {
                Assert.InRange(k.Expires!.Value, remaining - Tolerance, remaining + Tolerance);
            }
        }
    }

    private static string Escape(byte[] payload)
    {
        var sb = new StringBuilder();
        foreach (byte b in payload)
        {
            if (b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return sb.ToString();
    }
}
