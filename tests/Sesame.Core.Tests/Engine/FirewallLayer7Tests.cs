using Sesame.Engine;
using Sesame.Model;
using Sesame.Net;
using static Sesame.Tests.Engine.FirewallHarness;

namespace Sesame.Tests.Engine;

public sealed class FirewallLayer7Tests
{
    private const string Client = "198.51.100.9";

    private static FirewallHarness Knock(string pattern = "^passphrase$", params Layer7Protocol[] more)
    {
        var config = new FirewallConfig
        {
            Layer7Protocols = [new Layer7Protocol("pass", pattern), .. more],
            Ipv4Filter =
            [
                Rule(FilterAction.AddSrcToAddressList) with
                {
                    AddressList = "knock1",
                    Protocol = Negatable<byte>.Is(IpProtocols.Udp),
                    DstPort = Negatable<EquatableArray<PortRange>>.Is([new PortRange(888, 888)]),
                    Layer7Protocol = "pass",
                },
                Rule(FilterAction.Drop),
            ],
        };
        return new FirewallHarness(config);
    }

    [Theory]
    [InlineData("passphrase", true)]
    [InlineData("PassPhrase", true)] // case-insensitive
    [InlineData("pass\0phrase\0", true)] // NUL bytes stripped
    [InlineData("passphrase\n", false)] // $ is the very end of the data
    [InlineData("xpassphrase", false)] // ^ is the start of the data
    [InlineData("passphrase2", false)]
    [InlineData("", false)] // no payload never matches
    public void Process_Passphrase_MatchesExactPayload(string payload, bool listed)
    {
        FirewallHarness h = Knock();
        h.Udp(Client, 888, payload);
        Assert.Equal(listed, h.InList("knock1", Client));
    }

    [Fact]
    public void Process_PayloadSplitOverPackets_MatchesAccumulatedBuffer()
    {
        FirewallHarness h = Knock();
        h.Udp(Client, 888, "pass", srcPort: 7);
        Assert.False(h.InList("knock1", Client));
        h.Udp(Client, 888, "phrase", srcPort: 7);
        Assert.True(h.InList("knock1", Client));
    }

    [Fact]
    public void Process_WrongFirstDatagram_SameFlowCanNoLongerMatch()
    {
        FirewallHarness h = Knock();
        h.Udp(Client, 888, "wrong", srcPort: 7);
        h.Udp(Client, 888, "passphrase", srcPort: 7);
        Assert.False(h.InList("knock1", Client));
        h.Udp(Client, 888, "passphrase", srcPort: 8); // a new source port is a new connection with a fresh buffer
        Assert.True(h.InList("knock1", Client));
    }

    [Fact]
    public void Process_ClassifiedConnection_LaterPacketsMatchWhateverTheirContent()
    {
        FirewallHarness h = Knock();
        h.Udp(Client, 888, "passphrase", srcPort: 7);
        h.Udp(Client, 888, "anything", srcPort: 7);
        h.Udp(Client, 888, null, srcPort: 7);
        Assert.Equal(3, h.Firewall.GetCounter(IpFamily.V4, 0).Packets);
    }

    [Theory]
    [InlineData(9, true)] // the 10th packet is still inside the window
    [InlineData(10, false)] // the 11th is not: the connection is unknown
    public void Process_PacketWindow_TenPackets(int before, bool listed)
    {
        FirewallHarness h = Knock("^(x)*passphrase$");
        for (int i = 0; i < before; i++)
        {
            h.Udp(Client, 888, "x", srcPort: 7);
        }

        h.Udp(Client, 888, "passphrase", srcPort: 7);
        Assert.Equal(listed, h.InList("knock1", Client));
    }

    [Theory]
    [InlineData(2038, true)]
    [InlineData(2039, false)] // the last bytes fall outside the 2048-byte window
    public void Process_ByteWindow_2048Bytes(int padding, bool listed)
    {
        FirewallHarness h = Knock("passphrase$");
        h.Udp(Client, 888, new string('x', padding) + "passphrase", srcPort: 7);
        Assert.Equal(listed, h.InList("knock1", Client));
    }

    [Fact]
    public void Process_TwoLayer7Rules_AppendOnceAndFirstMatchClassifies()
    {
        var config = new FirewallConfig
        {
            Layer7Protocols = [new Layer7Protocol("a", "^ab$"), new Layer7Protocol("b", "^ab")],
            Ipv4Filter =
            [
                Rule(FilterAction.Passthrough) with { Layer7Protocol = "a" },
                Rule(FilterAction.Passthrough) with { Layer7Protocol = "b" },
                Rule(FilterAction.Passthrough) with { Layer7Protocol = "a" },
            ],
        };
        var h = new FirewallHarness(config);
        h.Udp(Client, 9, "a", srcPort: 7);
        h.Udp(Client, 9, "b", srcPort: 7); // buffer "ab" (not "abb"): rule 0 classifies as "a"; rule 1 then does not match
        Assert.Equal(1, h.Firewall.GetCounter(IpFamily.V4, 0).Packets);
        Assert.Equal(0, h.Firewall.GetCounter(IpFamily.V4, 1).Packets);
        Assert.Equal(1, h.Firewall.GetCounter(IpFamily.V4, 2).Packets);
    }

    [Fact]
    public void Process_Layer7AfterOtherMatchers_CollectsOnlyPacketsPassingThem()
    {
        FirewallHarness h = Knock();
        h.Udp(Client, 999, "junk", srcPort: 7); // other port: the Layer7 matcher never sees it
        h.Udp(Client, 888, "passphrase", srcPort: 7);
        Assert.True(h.InList("knock1", Client));
    }

    [Theory]
    [InlineData("\\d+")] // refused escape
    [InlineData("nowhere")] // unknown protocol name
    public void Process_BrokenLayer7_RuleNeverMatches(string patternOrName)
    {
        var config = new FirewallConfig
        {
            Layer7Protocols = [new Layer7Protocol("bad", patternOrName)],
            Ipv4Filter = [Rule(FilterAction.Drop) with { Layer7Protocol = patternOrName == "nowhere" ? "nowhere" : "bad" }],
        };
        var h = new FirewallHarness(config);
        Assert.Equal(Verdict.Accept, h.Udp(Client, 1, "123").Verdict);
    }
}
