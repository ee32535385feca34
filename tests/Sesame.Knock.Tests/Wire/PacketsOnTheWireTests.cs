using System.Net;
using Sesame.Tests.Kernel;
using Sesame.Tests.WireSupport;

namespace Sesame.Tests.Wire;

/// <summary>What <c>sesame knock</c> puts on the wire, captured with tcpdump in the server namespace.</summary>
public sealed class PacketsOnTheWireTests
{
    private static readonly TimeSpan CommandWait = TimeSpan.FromSeconds(10);

    [RootFact]
    public void Knock_TcpOnPortsThatDrop_OneSynPerKnock() => OneSynPerKnock(raw: false, ipv6: false);

    [RootFact]
    public void Knock_TcpOnPortsThatDropIpv6_OneSynPerKnock() => OneSynPerKnock(raw: false, ipv6: true);

    [RootFact]
    public void Knock_RawTcp_OneSynPerKnock() => OneSynPerKnock(raw: true, ipv6: false);

    [RootFact]
    public void Knock_IcmpSize_IpPacketHasThatLength()
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        Capture capture = Capture.Start(pair, folder.Path, "icmp or icmp6");

        ProcessResult v4 = pair.Sesame("knock", pair.ServerV4.ToString(), "0:icmp:size=123", "icmp:hello\\x00");
        ProcessResult v6 = pair.Sesame("knock", pair.ServerV6.ToString(), "0:icmp:size=123");
        List<CapturedPacket> packets = capture.Stop(p => p.Any(x => x.Protocol == CapturedPacket.IcmpV6 && x.IpLength == 123));

        Assert.True(v4.Exit == 0, v4.ToString());
        Assert.True(v6.Exit == 0, v6.ToString());
        CapturedPacket[] requests = [.. packets.Where(p => p.Src.Equals(pair.ClientV4) || p.Src.Equals(pair.ClientV6)).Where(p => p.IpLength is 123 || p.Payload.Length == 6)];
        Assert.Contains(requests, p => p.Protocol == CapturedPacket.Icmp && p.IpLength == 123);
        Assert.Contains(requests, p => p.Protocol == CapturedPacket.Icmp && p.Payload.SequenceEqual("hello\0"u8.ToArray()));
        Assert.Contains(requests, p => p.Protocol == CapturedPacket.IcmpV6 && p.IpLength == 123);
    }

    [RootFact]
    public void Knock_UdpPayloadWithEscapes_SentByteForByte()
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        Capture capture = Capture.Start(pair, folder.Path, "udp");

        ProcessResult run = pair.Sesame("knock", "-u", pair.ServerV4.ToString(), "1234:udp:supersecretpassword1", "4321:udp:\\x01\\xff:x", "5555");
        List<CapturedPacket> packets = capture.Stop(p => p.Count(x => x.Src.Equals(pair.ClientV4)) >= 3);

        Assert.True(run.Exit == 0, run.ToString());
        CapturedPacket[] sent = [.. packets.Where(p => p.Src.Equals(pair.ClientV4))];
        Assert.Equal([1234, 4321, 5555], sent.Select(p => (int)p.DstPort));
        Assert.Equal("supersecretpassword1"u8.ToArray(), sent[0].Payload);
        Assert.Equal(new byte[] { 1, 0xff, (byte)':', (byte)'x' }, sent[1].Payload);
        Assert.Empty(sent[2].Payload);
    }

    private static void OneSynPerKnock(bool raw, bool ipv6)
    {
        using var pair = new NetNs();
        using var folder = new TempFolder();
        // The knock ports drop, as on a router: no reset ends the attempt, so only the client's timeout does.
        string rules = folder.File("drop.nft");
        File.WriteAllText(rules, "table inet sesame_test_drop {\n  chain input {\n    type filter hook input priority 0; policy accept;\n    tcp dport { 888, 555, 222 } drop\n  }\n}\n");
        Assert.Equal(0, pair.Run(pair.Server, CommandWait, Tools.Require("nft"), "-f", rules).Exit);
        IPAddress server = ipv6 ? pair.ServerV6 : pair.ServerV4;
        Capture capture = Capture.Start(pair, folder.Path, "tcp");

        string[] args = ["knock", server.ToString(), "888", "555", "222"];
        ProcessResult run = pair.Sesame(raw ? [.. args, "--raw"] : args);
        // Wait past the kernel's first SYN retransmission (1 s) so a second SYN would be in the capture.
        Thread.Sleep(TimeSpan.FromSeconds(1.5));
        List<CapturedPacket> packets = capture.Stop(_ => true);

        Assert.True(run.Exit == 0, run.ToString());
        CapturedPacket[] syns = [.. packets.Where(p => p.IsPureSyn)];
        Assert.Equal([888, 555, 222], syns.Select(p => (int)p.DstPort));
        Assert.All(syns, p => Assert.Equal(ipv6 ? pair.ClientV6 : pair.ClientV4, p.Src));
        Assert.Equal(3, packets.Count(p => p.Protocol == CapturedPacket.Tcp));
    }
}
